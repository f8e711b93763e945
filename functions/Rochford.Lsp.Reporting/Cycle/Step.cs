// One decision being built: the state as it evolves, the history events and effects so far.
// Handlers change the state only through this, and every phase change is checked against Transitions.

using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;
using Rochford.Lsp.Reporting.Partnership;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Accumulates one transition of the reporting cycle.</summary>
internal sealed class Step(ProjectState state, DateTimeOffset now)
{
    private readonly List<HistoryEvent> events = [];
    private readonly List<Effect> effects = [];

    public ProjectState State { get; private set; } = state;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The London date at <see cref="Now"/>.</summary>
    public LocalDate Today { get; } = UkCalendar.Today(now);

    public ProjectProfile Project => State.Project;

    /// <summary>History events and effects recorded so far: what the transition will have to commit.</summary>
    public int Records => events.Count + effects.Count;

    public void Update(Func<ProjectState, ProjectState> change) => State = change(State);

    /// <summary>Moves to <paramref name="to"/> (possibly the same phase), refusing to take a move the table does not list.</summary>
    public void Move(Trigger trigger, Phase to)
    {
        Transitions.Check(State.Phase, trigger, to);
        State = State with { Phase = to };
    }

    public void Record(ReportingEvent fact, string explanation) => events.Add(fact.ToHistory(explanation));

    public void Email(string template, IReadOnlyList<string> to, IReadOnlyList<string> cc, object model) =>
        effects.Add(new Effect.SendEmail(template, to, cc, ReportingJson.Serialize(model)));

    public void Raise(string targetInstanceId, ReportingCommand command) =>
        effects.Add(new Effect.RaiseEvent(targetInstanceId, command.Name, ReportingJson.Serialize(command)));

    /// <summary>
    /// Raises a movement of this project's money on the partnership's ledger. <paramref name="operationId"/> must be made from
    /// the project's state, so that the same movement always has the same id and the ledger applies it once.
    /// </summary>
    public void Fund(FundingMove move, string operationId, Money amount, IReadOnlyList<Allocation>? allocations = null,
        string? projectCode = null, bool refusedReallocation = false) =>
        effects.Add(new Effect.RaiseEvent(PartnershipCycle.InstanceId, RecordFunding.Name,
            new RecordFunding(Project.FundingStream, move, operationId, projectCode ?? Project.Code, amount, allocations, refusedReallocation).ToJson()));

    /// <summary>A link for the project, valid until the end of <paramref name="expiresOn"/>.</summary>
    public EmailLink Link(LinkPurpose purpose, LocalDate expiresOn, FinancialQuarter? quarter = null) =>
        new(purpose, Project.Code, quarter, expiresOn);

    /// <summary>A link for officers or the Executive, valid for the configured number of days.</summary>
    public EmailLink OfficerLink(LinkPurpose purpose) => Link(purpose, Today.PlusDays(State.Settings.OfficerLinkDays));

    /// <summary>The lead, as a role: addressed when the email is sent (<see cref="Recipients"/>).</summary>
    public IReadOnlyList<string> Lead => [Recipients.Lead];

    /// <summary>The officers, as a role: addressed when the email is sent.</summary>
    public IReadOnlyList<string> Officers => [Recipients.Officers];

    public Decision<ProjectState> ToDecision() => new(
        State,
        events,
        effects,
        Schedule.NextWakeUp(State),
        StatusText.For(State, Today),
        Transitions.IsFinal(State.Phase));
}
