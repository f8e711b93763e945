// What a simulation produced: the timeline (every history event with the emails its transition sent, and every
// refused action) and the summary (each project's phase, quarters' RAG and money; emails by template; the streams).

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Simulation;

/// <summary>An email (or an event raised on another project) that a transition sent.</summary>
/// <param name="Template">The email template, or for a raised event its input name.</param>
/// <param name="To">Recipients; for a raised event, the target project.</param>
/// <param name="IsEmail">False for an event raised on another project.</param>
/// <param name="State">Delivered, or parked with <paramref name="Error"/>.</param>
public sealed record SentEffect(string Template, IReadOnlyList<string> To, IReadOnlyList<string> Cc, bool IsEmail, OutboxState State, string? Error);

/// <summary>One line of the timeline.</summary>
/// <param name="Type">The history event's type, or "Refused" for a refused action.</param>
/// <param name="Explanation">The event's one-sentence explanation, or what was refused and why.</param>
/// <param name="Effects">What the transition sent (on its last event only).</param>
public sealed record TimelineEntry(DateTimeOffset At, string Project, string Type, string Explanation, IReadOnlyList<SentEffect> Effects)
{
    /// <summary>The London date and time.</summary>
    public NodaTime.LocalDateTime LocalTime => NodaTime.Instant.FromDateTimeOffset(At).InZone(UkCalendar.London).LocalDateTime;
}

/// <summary>A quarter's outcome for a project.</summary>
/// <param name="Outcome">"Green", "Amber", "Red" (with " (late)" when late), "Red (no report)", "Excused" or "Awaited".</param>
public sealed record QuarterOutcome(FinancialQuarter Quarter, string Outcome);

/// <summary>A project at the end of the simulation.</summary>
public sealed record ProjectSummary(
    string Code,
    string Name,
    Phase Phase,
    string Status,
    IReadOnlyList<QuarterOutcome> Quarters,
    Money Awarded,
    Money Received,
    Money Released,
    Money Withdrawn,
    Money Unreleased);

/// <summary>The whole outcome of a simulation.</summary>
public sealed record SimulationResult(
    string ScenarioName,
    NodaTime.LocalDate From,
    NodaTime.LocalDate To,
    int ActionsInRange,
    int ActionsSkipped,
    IReadOnlyList<RefusedAction> Refused,
    int Ticks,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ProjectSummary> Projects,
    IReadOnlyDictionary<string, int> EmailsByTemplate,
    IReadOnlyList<StreamPosition> Streams)
{
    /// <summary>Total emails sent.</summary>
    public int EmailCount => EmailsByTemplate.Values.Sum();

    internal static SimulationResult Build(SimulationScenario scenario, NodaTime.LocalDate from, NodaTime.LocalDate to, int inRange, int skipped,
        IReadOnlyList<RefusedAction> refused, int ticks, IReadOnlyList<InstanceRecord> instances)
    {
        var timeline = new List<(TimelineEntry Entry, int Rank, int Project, long Sequence, int Index)>();
        foreach (var instance in instances)
        {
            var code = instance.Snapshot.InstanceId;
            var number = ProjectNumber(code);
            foreach (var transition in instance.History.GroupBy(h => h.Sequence))
            {
                var effects = instance.Outbox.Where(o => o.Sequence == transition.Key).OrderBy(o => o.Index).Select(ToSent).ToList();
                var events = transition.OrderBy(h => h.Index).ToList();
                foreach (var record in events)
                {
                    // Money delivered between projects happens at the same instant as the decision that sent it: show it after.
                    var rank = record.InputId.StartsWith("outbox:", StringComparison.Ordinal) ? 1
                        : record.InputId.StartsWith(RaisedEventRefusal.InputIdFor(""), StringComparison.Ordinal) ? 2 : 0;
                    timeline.Add((new TimelineEntry(record.At, code, record.Type, record.Explanation, record == events[^1] ? effects : []),
                        rank, number, record.Sequence, record.Index));
                }
            }
        }
        foreach (var r in refused)
        {
            timeline.Add((new TimelineEntry(r.At, r.Action.Project, "Refused",
                $"{r.Action.Input} (scenario action {r.Action.Number}, line {r.Action.Line}) was refused: {r.Reason}", []), 3, ProjectNumber(r.Action.Project), 0, 0));
        }

        var emails = instances.SelectMany(i => i.Outbox).Select(o => o.Effect).OfType<Effect.SendEmail>()
            .GroupBy(e => e.Template).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        var states = instances.Select(i => i.Snapshot.State).ToList();
        return new SimulationResult(scenario.Name, from, to, inRange, skipped, refused, ticks,
            [.. timeline.OrderBy(t => t.Entry.At).ThenBy(t => t.Rank).ThenBy(t => t.Project).ThenBy(t => t.Sequence).ThenBy(t => t.Index).Select(t => t.Entry)],
            [.. instances.OrderBy(i => ProjectNumber(i.Snapshot.InstanceId)).Select(i => Summarise(i.Snapshot))],
            emails,
            FundingPosition.Of(states));
    }

    private static SentEffect ToSent(OutboxRecord record) => record.Effect switch
    {
        Effect.SendEmail mail => new SentEffect(mail.Template, mail.To, mail.Cc, true, record.State, record.LastError),
        Effect.RaiseEvent raise => new SentEffect(raise.Name, [raise.TargetInstanceId], [], false, record.State, record.LastError),
        _ => new SentEffect(record.Effect.GetType().Name, [], [], false, record.State, record.LastError),
    };

    private static ProjectSummary Summarise(InstanceSnapshot<ProjectState> snapshot)
    {
        var state = snapshot.State;
        var quarters = state.Quarters.Select(q => new QuarterOutcome(q.Quarter, q switch
        {
            { Stage: QuarterStage.NoReport } => "Red (no report)",
            { Stage: QuarterStage.Excused } => "Excused",
            { Latest: { } latest } => latest.Late ? $"{latest.Report.Status} (late)" : latest.Report.Status.ToString(),
            _ => "Awaited",
        })).ToList();
        return new ProjectSummary(state.Project.Code, state.Project.Name, state.Phase, snapshot.Status, quarters,
            state.Project.AmountAwarded, state.Funding.Awarded - state.Project.AmountAwarded, state.Funding.Released, state.Funding.Withdrawn,
            state.Funding.Unreleased);
    }

    private static int ProjectNumber(string code) =>
        int.TryParse(code.AsSpan(code.TakeWhile(char.IsLetter).Count()), out var number) ? number : int.MaxValue;
}
