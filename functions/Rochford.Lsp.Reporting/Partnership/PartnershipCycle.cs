// The partnership as a pure decider hosted by the durable runtime: one instance (PartnershipCycle.InstanceId), alive for
// as long as the partnership, and the one place its people, its timing defaults and its streams' ledgers are kept.
// - Money: it applies to each stream's ledger the movements the projects' instances raise (awards when monitoring starts,
//   payments, withdrawals, reallocations, refused funds). A movement the ledger cannot take (more than is unreleased, more
//   than was withdrawn) changes nothing in it, is recorded here and the officers are emailed: the project's figures stand.
// - People and defaults: an officer's change is recorded here, then raised on every project named in the change (the
//   active ones), whose cycles apply it from that moment; a project that refuses it is recorded here too.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Partnership;

/// <summary>The partnership's own workflow: its people, its defaults and its streams' live ledgers.</summary>
public sealed class PartnershipCycle : IOrchestration<PartnershipState>
{
    /// <summary>The one instance's id. Project codes are letters followed by digits, so no project can have it.</summary>
    public const string InstanceId = "partnership";

    /// <inheritdoc/>
    public string Name => "Partnership";

    /// <inheritdoc/>
    public int StateVersion => 1;

    /// <inheritdoc/>
    public JsonSerializerOptions StateSerializerOptions => ReportingCycle.StateJson;

    /// <inheritdoc/>
    public Decision<PartnershipState> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now)
    {
        if (instanceId != InstanceId)
            throw new InputRefusedException($"Start: the partnership's instance id must be '{InstanceId}', so that projects can raise their funding on it, not '{instanceId}'.");
        var start = PartnershipStart.Parse(input.PayloadJson);
        var openings = start.Openings ?? [];
        var streams = new List<Ledger>();
        foreach (var total in start.Streams.OrderBy(s => s.Stream))
        {
            streams.Add(Ledger.Open(total.Stream, total.Total).WithOpenings(openings) ?? throw new InputRefusedException(
                $"Start: the {total.Stream.Describe()}'s {total.Total} does not cover its projects' opening accounts ({string.Join(", ", openings.Where(o => o.Stream == total.Stream).Select(o => o.ProjectCode))})."));
        }
        if (openings.FirstOrDefault(o => !start.Streams.Any(s => s.Stream == o.Stream)) is { } orphan)
            throw new InputRefusedException($"Start: {orphan.ProjectCode} is funded from the {orphan.Stream.Describe()}, which the partnership does not have.");
        var state = new PartnershipState
        {
            Contacts = start.Contacts,
            Defaults = start.Settings,
            Streams = streams,
        };
        var explanation = "The partnership's ledgers opened: " + string.Join("; ", state.Streams.Select(l => $"{l.Stream.Describe()} {l.Total}")) + ".";
        return Decide(state, [new HistoryEvent("PartnershipStarted", explanation, ReportingJson.Serialize(start))]);
    }

    /// <inheritdoc/>
    public Decision<PartnershipState> Decide(PartnershipState state, OrchestrationInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return input switch
        {
            OrchestrationInput.WokeUp => Decide(state, []),
            OrchestrationInput.EventRaised { Name: RecordFunding.Name } raised => Record(state, RecordFunding.Parse(raised.PayloadJson)),
            OrchestrationInput.EventRaised { Name: ReserveAward.Name } raised => Reserve(state, ReserveAward.Parse(raised.PayloadJson), now),
            OrchestrationInput.EventRaised { Name: ReceiveFunding.Name } raised => Receive(state, ReceiveFunding.Parse(raised.PayloadJson), raised.InputId),
            OrchestrationInput.EventRaised { Name: nameof(ChangePartnershipContacts) } raised => ChangeContacts(state, raised.PayloadJson),
            OrchestrationInput.EventRaised { Name: nameof(OverrideCycleSettings) } raised => ChangeDefaults(state, raised.PayloadJson),
            OrchestrationInput.EventRaised { Name: RaisedEventRefusal.EventName } raised => ProjectRefused(state, raised.PayloadJson),
            OrchestrationInput.EventRaised raised => throw new InputRefusedException(
                $"The partnership takes {RecordFunding.Name}, {ReserveAward.Name}, {ReceiveFunding.Name}, {nameof(ChangePartnershipContacts)} and {nameof(OverrideCycleSettings)} inputs, not '{raised.Name}'."),
            OrchestrationInput.Started => throw new InputRefusedException("The partnership has already started."),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown kind of input."),
        };
    }

    /// <inheritdoc/>
    public PartnershipState Migrate(int storedVersion, string json) => throw new NotSupportedException(
        $"Partnership state version {storedVersion} is unknown: version {StateVersion} can be read.");

    private static Decision<PartnershipState> Record(PartnershipState state, RecordFunding funding)
    {
        var stream = funding.Stream.Describe();
        if (state.LedgerOf(funding.Stream) is not { } ledger)
            return NotRecorded(state, funding, $"{funding.ProjectCode}: the partnership has no {stream} ledger, so its {Verb(funding)} cannot be recorded.");
        if (ledger.AppliedOperationIds.Contains(funding.OperationId))
        {
            // A project whose award a form reserved raises it as it starts: the reservation is taken up, not a second award.
            if (funding.Move == FundingMove.Award && state.ReservationOf(funding.ProjectCode) is { TakenUp: false } reserved
                && funding.OperationId == AwardOperationId(funding.ProjectCode))
                return TakeUp(state, reserved);
            return Decide(state, []); // The same movement again: applied once.
        }
        var result = ledger.Apply(funding.ToOperation());
        if (result.Refusal is { } refusal)
            return NotRecorded(state, funding, $"{funding.ProjectCode}: the {stream} ledger refused the {Verb(funding)}: {refusal}");
        var after = result.Ledger;
        var next = state with { Streams = [.. state.Streams.Select(l => l.Stream == funding.Stream ? after : l)] };
        var explanation = $"{Describe(funding)} The {stream} has {after.Unallocated} unallocated of its {after.Total}.";
        return Decide(next, [new HistoryEvent("FundingRecorded", explanation, ReportingJson.Serialize(new
        {
            funding.Stream,
            funding.Move,
            funding.OperationId,
            funding.ProjectCode,
            funding.Amount,
            funding.Allocations,
            funding.RefusedReallocation,
            Position = after.Position(),
        }))]);
    }

    /// <summary>The id of a project's award on its stream's ledger: the one its cycle raises as it starts, and its reservation's.</summary>
    public static string AwardOperationId(string projectCode) => $"{projectCode}-award";

    /// <summary>
    /// A new project's award reserved by an officer's form, before its reporting cycle starts: the money leaves the stream's
    /// unallocated balance at once (earmarked in the project's account), so that forms sent together can never promise more
    /// than there is. The same form again (its submission id) is the same reservation, checked before anything else; another
    /// form for a code already added is told who added it and when; one for more than is unallocated, that there is not enough.
    /// </summary>
    private static Decision<PartnershipState> Reserve(PartnershipState state, ReserveAward reserve, DateTimeOffset now)
    {
        if (state.ReservationBy(reserve.SubmissionId) is not null)
            return Decide(state, []); // The same form again: reserved once, whatever it says this time.
        var officer = RequireOfficer(state, reserve.Officer, "adding a project");
        var project = reserve.Project;
        if (state.ReservationOf(project.Code) is { } taken)
            throw new InputRefusedException(taken.TakenMessage);
        if (state.Projects.Contains(project.Code, StringComparer.Ordinal))
            throw new InputRefusedException($"{project.Code} is already one of the partnership's projects; your entry was not added.");
        var stream = project.FundingStream.Describe();
        if (state.LedgerOf(project.FundingStream) is not { } ledger)
            throw new InputRefusedException($"The partnership has no {stream} ledger: record the money it received first; your entry was not added.");
        if (project.AmountAwarded > ledger.Unallocated)
            throw new InputRefusedException($"Only {ledger.Unallocated} of the {stream} is unallocated, so {project.AmountAwarded} cannot be awarded; your entry was not added.");
        var result = ledger.Apply(new LedgerOperation.Award(AwardOperationId(project.Code), project.Code, project.AmountAwarded));
        if (result.Refusal is { } refusal)
            throw new InputRefusedException($"{refusal} Your entry was not added.");
        var after = result.Ledger;
        var reservation = new AwardReservation(project.Code, reserve.SubmissionId, officer, now, project.FundingStream, project.AmountAwarded, project, reserve.MonitoringStarts);
        var next = state with
        {
            Streams = [.. state.Streams.Select(l => l.Stream == project.FundingStream ? after : l)],
            Reservations = [.. state.Reservations, reservation],
        };
        var explanation = $"{officer.Name} added {project.Code} ({project.Name}), reserving {project.AmountAwarded} of the {stream} for its award. " +
            $"The {stream} has {after.Unallocated} unallocated of its {after.Total}.";
        return Decide(next, [new HistoryEvent("AwardReserved", explanation, ReportingJson.Serialize(new
        {
            Officer = officer,
            project.Code,
            project.Name,
            reserve.SubmissionId,
            project.FundingStream,
            project.AmountAwarded,
            reserve.MonitoringStarts,
            Position = after.Position(),
        }))]);
    }

    /// <summary>The project whose award was reserved has started: its reservation keeps who added it and when, not the project.</summary>
    private static Decision<PartnershipState> TakeUp(PartnershipState state, AwardReservation reserved)
    {
        var next = state with
        {
            Reservations = [.. state.Reservations.Select(r => r.ProjectCode == reserved.ProjectCode ? r with { Project = null, MonitoringStarts = null } : r)],
        };
        return Decide(next, [new HistoryEvent("AwardTakenUp",
            $"{reserved.ProjectCode}'s reporting cycle started, taking up the {reserved.Amount} reserved for its award by {reserved.AddedBy.Name} at {Dates.UkCalendar.DisplayTime(reserved.AddedAt)}.",
            ReportingJson.Serialize(new { reserved.ProjectCode, reserved.Amount, reserved.SubmissionId }))]);
    }

    /// <summary>
    /// Money received into a stream, recorded by one of the partnership's officers: its ledger's total and unallocated balance
    /// grow (a stream it did not have opens with it), so projects can be awarded from it.
    /// </summary>
    /// <remarks>
    /// The same form again (its input id: the form's submission id and what it says) is already done, however many inputs came
    /// between: the stream's ledger keeps the id among its applied operations, checked before who may record it.
    /// </remarks>
    private static Decision<PartnershipState> Receive(PartnershipState state, ReceiveFunding received, string inputId)
    {
        var operationId = ReceiveFunding.OperationIdFor(inputId);
        if (state.Streams.Any(l => l.AppliedOperationIds.Contains(operationId)))
            return Decide(state, []); // Received already: counted once.
        var officer = RequireOfficer(state, received.Officer, "recording money received");
        var ledger = state.LedgerOf(received.Stream) is { } existing ? existing.Receive(received.Amount) : Ledger.Open(received.Stream, received.Amount);
        ledger = ledger with { AppliedOperationIds = ledger.AppliedOperationIds.Add(operationId) };
        var next = state with { Streams = [.. state.Streams.Where(l => l.Stream != received.Stream).Append(ledger).OrderBy(l => l.Stream)] };
        var explanation = $"{officer.Name} recorded {received.Amount} received into the {received.Stream.Describe()} ({received.Reference}). " +
            $"It has {ledger.Unallocated} unallocated of its {ledger.Total}.";
        return Decide(next, [new HistoryEvent("FundingReceived", explanation, ReportingJson.Serialize(new
        {
            Officer = officer,
            received.Stream,
            received.Amount,
            received.Reference,
            Position = ledger.Position(),
        }))]);
    }

    /// <summary>
    /// A movement the ledger cannot take: the project decided it on its own figures, which stand, so it is not refused back to
    /// the project (which could do nothing with it) but recorded here and put before the officers. A redelivery is recorded
    /// again only if it arrives after the runtime has forgotten the first (500 inputs later).
    /// </summary>
    private static Decision<PartnershipState> NotRecorded(PartnershipState state, RecordFunding funding, string reason) =>
        Decide(state,
            [new HistoryEvent("FundingNotRecorded", $"Not recorded: {reason}", ReportingJson.Serialize(new { funding, Reason = reason }))],
            [new Effect.SendEmail(EmailTemplates.FundingNotRecorded, [Recipients.Officers], [],
                ReportingJson.Serialize(new FundingNotRecordedModel(funding.ProjectCode, funding.Stream, Verb(funding), reason)))]);

    /// <summary>
    /// The officers, Executive Board and chair change: recorded here, then raised on each project named, so each project's
    /// officer checks and emails use the new list from now on. Only one of the current officers may change it.
    /// </summary>
    private static Decision<PartnershipState> ChangeContacts(PartnershipState state, string payloadJson)
    {
        var command = (ChangePartnershipContacts)CommandParser.Parse(nameof(ChangePartnershipContacts), payloadJson);
        var officer = RequireOfficer(state, command.Officer, "changing the partnership's contacts");
        var projects = ProjectsNamed(payloadJson);
        var current = command.Contacts;
        if (current.SameAs(state.Contacts))
            return Decide(state, []);
        var events = new[]
        {
            new HistoryEvent("PartnershipContactsChanged",
                $"{officer.Name} changed the partnership's contacts: officers {string.Join(" and ", current.Officers.Select(o => $"{o.Name} ({o.Email})"))}; Executive Board {current.ExecutiveBoardEmail}; chair {current.ExecutiveChairEmail}{AppliedTo(projects)}.",
                ReportingJson.Serialize(new { Previous = state.Contacts, Current = current, Officer = officer, Projects = projects })),
        };
        return Decide(state with { Contacts = current }, events, [.. projects.Select(code => Raise(code, nameof(ChangePartnershipContacts), payloadJson))]);
    }

    /// <summary>The timing defaults change: recorded here, then raised on each project named (which applies the same changes).</summary>
    private static Decision<PartnershipState> ChangeDefaults(PartnershipState state, string payloadJson)
    {
        var command = (OverrideCycleSettings)CommandParser.Parse(nameof(OverrideCycleSettings), payloadJson);
        var officer = RequireOfficer(state, command.Officer, "changing the partnership's reporting timings");
        var projects = ProjectsNamed(payloadJson);
        var defaults = command.Changes.ApplyTo(state.Defaults);
        if (defaults.Problem() is { } problem)
            throw new InputRefusedException($"These reporting timings cannot work: {problem}");
        if (defaults == state.Defaults)
            return Decide(state, []);
        var events = new[]
        {
            new HistoryEvent("PartnershipTimingsChanged", $"{officer.Name} changed the partnership's reporting timings{AppliedTo(projects)}.",
                ReportingJson.Serialize(new { Previous = state.Defaults, Current = defaults, Officer = officer, Projects = projects })),
        };
        return Decide(state with { Defaults = defaults }, events, [.. projects.Select(code => Raise(code, nameof(OverrideCycleSettings), payloadJson))]);
    }

    /// <summary>A project refused a change raised on it (e.g. its reallocation's proposer may not change who approves it): recorded for people.</summary>
    private static Decision<PartnershipState> ProjectRefused(PartnershipState state, string payloadJson)
    {
        var refusal = JsonSerializer.Deserialize<RaisedEventRefusal>(payloadJson, OrchestrationJson.Default)
            ?? throw new InputRefusedException("The refusal could not be read.");
        return Decide(state, [new HistoryEvent("ProjectRefusedChange", $"{refusal.TargetInstanceId} did not apply the change: {refusal.Reason.TrimEnd('.')}.",
            ReportingJson.Serialize(new { Project = refusal.TargetInstanceId, Input = refusal.Name, refusal.Reason }))]);
    }

    private static Person RequireOfficer(PartnershipState state, Person officer, string action) =>
        state.Contacts.Officers.FirstOrDefault(o => o.IsSamePersonAs(officer))
        ?? throw new InputRefusedException(
            $"The partnership: {action} was refused because {officer.Name} ({officer.Email ?? "no email address"}) is not one of the partnership's officers ({string.Join(", ", state.Contacts.Officers.Select(o => o.Name))}).");

    /// <summary>The projects a change is to be raised on: its "Projects" list (the active ones, named by the page).</summary>
    private static IReadOnlyList<string> ProjectsNamed(string payloadJson)
    {
        var codes = Cycle.PayloadReader.Parse("Change", payloadJson).OptionalTexts("Projects").Select(ReportingCycle.InstanceIdFor).Distinct().ToList();
        return codes.Contains(InstanceId.ToUpperInvariant()) ? throw new InputRefusedException("A change cannot be raised on the partnership itself.") : codes;
    }

    private static string AppliedTo(IReadOnlyList<string> projects) => projects.Count == 0 ? "" : $", applied to {string.Join(", ", projects)}";

    private static Effect Raise(string projectCode, string name, string payloadJson) => new Effect.RaiseEvent(projectCode, name, payloadJson);

    private static string Verb(RecordFunding funding) => funding.Move switch
    {
        FundingMove.Award => $"award of {funding.Amount}",
        FundingMove.Release => $"payment of {funding.Amount}",
        FundingMove.Withdraw => $"withdrawal of {funding.Amount}",
        FundingMove.Reallocate => "reallocation",
        _ => $"return of {funding.Amount}",
    };

    private static string Describe(RecordFunding f) => f.Move switch
    {
        FundingMove.Award => $"{f.Amount} awarded to {f.ProjectCode}.",
        FundingMove.Release => $"{f.Amount} paid to {f.ProjectCode}'s organisation.",
        FundingMove.Withdraw => $"{f.Amount} withdrawn from {f.ProjectCode}, held until reallocated.",
        FundingMove.Reallocate => (f.Allocations ?? []).Count == 0
            ? $"{f.ProjectCode}'s withdrawn funding returned to the unallocated balance."
            : $"{f.ProjectCode}'s withdrawn funding reallocated to {string.Join(", ", f.Allocations!.Select(a => $"{a.ProjectCode} ({a.Amount})"))}; the rest returned to the unallocated balance.",
        _ => f.RefusedReallocation
            ? $"{f.ProjectCode} refused {f.Amount} reallocated to it, returned to the unallocated balance."
            : $"{f.Amount} of {f.ProjectCode}'s unreleased funding returned to the unallocated balance.",
    };

    private static Decision<PartnershipState> Decide(PartnershipState state, IReadOnlyList<HistoryEvent> events, IReadOnlyList<Effect>? effects = null) =>
        new(state, events, effects ?? [], NextWakeUp: null, Status(state));

    private static string Status(PartnershipState state) => state.Streams.Count == 0
        ? "No funding streams"
        : string.Join("; ", state.Streams.Select(l => $"{l.Stream.Describe()}: {l.Unallocated} unallocated of {l.Total}"));
}
