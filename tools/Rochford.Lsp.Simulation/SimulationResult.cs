// What a simulation produced: the timeline (every history event with the emails its transition sent, and every
// refused action) and the summary (each project's phase, quarters' RAG and money; emails by template; the streams).

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Simulation;

/// <summary>What became of an effect.</summary>
public enum DeliveryState
{
    /// <summary>The email was sent, or the raised input was taken by its target.</summary>
    Done,

    /// <summary>Refused for good (a raised input its target refused); kept for officers with the reason.</summary>
    Parked,
}

/// <summary>An email (or an event raised on another project) that a transition sent.</summary>
/// <param name="Template">The email template, or for a raised event its input name.</param>
/// <param name="To">Recipients; for a raised event, the target project.</param>
/// <param name="IsEmail">False for an event raised on another project.</param>
/// <param name="State">Delivered, or parked with <paramref name="Error"/>.</param>
public sealed record SentEffect(string Template, IReadOnlyList<string> To, IReadOnlyList<string> Cc, bool IsEmail, DeliveryState State, string? Error);

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

    /// <summary>
    /// Builds the result from what the workflow recorded: the instances' history and refusal rows, the emails the recording
    /// sender got and the inputs the instances raised on each other. Each transition's effects are shown after its last event.
    /// </summary>
    internal static SimulationResult Build(SimulationScenario scenario, NodaTime.LocalDate from, NodaTime.LocalDate to,
        IReadOnlyList<ScenarioAction> inRange, int ticks, IReadOnlyList<InstanceRecord> instances,
        (PartnershipState State, IReadOnlyList<RefusalRow> Refusals) partnership,
        IReadOnlyDictionary<string, EmailEffect> emails, IReadOnlyDictionary<string, RaisedInput> raised)
    {
        var byInstance = instances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var refusalsByInstance = instances.ToDictionary(i => i.InstanceId, i => i.Refusals, StringComparer.Ordinal);
        refusalsByInstance[PartnershipCycle.InstanceId] = partnership.Refusals;
        var timeline = new List<(TimelineEntry Entry, int Rank, int Project, long Transition, int Index)>();
        foreach (var instance in instances)
        {
            var code = instance.InstanceId;
            var number = ProjectNumber(code);
            foreach (var transition in instance.History.GroupBy(h => h.Transition))
            {
                var effects = EffectsOf(code, transition.Key, emails, raised, byInstance, refusalsByInstance);
                var events = transition.OrderBy(h => h.Index).ToList();
                foreach (var record in events)
                {
                    // Money delivered between projects happens at the same instant as the decision that sent it: show it after,
                    // and a refusal of that money travelling back after that.
                    var rank = record.InputId.StartsWith(RaisedEventRefusal.InputIdFor(""), StringComparison.Ordinal) ? 2
                        : raised.ContainsKey(record.InputId) ? 1 : 0;
                    timeline.Add((new TimelineEntry(record.At, code, record.Type, record.Explanation, record == events[^1] ? effects : []),
                        rank, number, record.Transition, record.Index));
                }
            }
        }

        var refused = new List<RefusedAction>();
        foreach (var action in inRange)
        {
            var refusal = byInstance.TryGetValue(ReportingCycle.InstanceIdFor(action.Project), out var instance)
                ? instance.Refusals.FirstOrDefault(r => r.InputId == action.EventId)
                : null;
            if (refusal is not null)
                refused.Add(new RefusedAction(action, refusal.At, refusal.Reason));
        }
        foreach (var r in refused)
        {
            timeline.Add((new TimelineEntry(r.At, r.Action.Project, "Refused",
                $"{r.Action.Input} (scenario action {r.Action.Number}, line {r.Action.Line}) was refused: {r.Reason}", []), 3, ProjectNumber(r.Action.Project), 0, 0));
        }

        var byTemplate = emails.Values
            .GroupBy(e => e.Template).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        return new SimulationResult(scenario.Name, from, to, inRange.Count, scenario.Actions.Count - inRange.Count, refused, ticks,
            [.. timeline.OrderBy(t => t.Entry.At).ThenBy(t => t.Rank).ThenBy(t => t.Project).ThenBy(t => t.Transition).ThenBy(t => t.Index).Select(t => t.Entry)],
            [.. instances.OrderBy(i => ProjectNumber(i.InstanceId)).Select(Summarise)],
            byTemplate,
            // The streams' figures are the partnership's live ledgers, as the running system kept them.
            partnership.State.Positions());
    }

    /// <summary>
    /// What transition <paramref name="transition"/> of <paramref name="instanceId"/> sent, in the decider's order: its effects
    /// are numbered 0, 1, 2... and each is an email the sender got or an input raised on another instance.
    /// </summary>
    private static List<SentEffect> EffectsOf(string instanceId, long transition, IReadOnlyDictionary<string, EmailEffect> emails,
        IReadOnlyDictionary<string, RaisedInput> raised, IReadOnlyDictionary<string, InstanceRecord> instances,
        IReadOnlyDictionary<string, IReadOnlyList<RefusalRow>> refusals)
    {
        var effects = new List<SentEffect>();
        for (var index = 0; ; index++)
        {
            var id = DeciderOrchestrator<ProjectState>.EffectId(instanceId, transition, index);
            if (emails.TryGetValue(id, out var email))
                effects.Add(new SentEffect(email.Template, email.To, email.Cc, true, DeliveryState.Done, null));
            else if (raised.TryGetValue(id, out var input))
                effects.Add(Delivery(input, instances, refusals));
            else
                return effects;
        }
    }

    /// <summary>A raised input is parked when its target refused it (the refusal, and what the sender made of it, are in the read model).</summary>
    private static SentEffect Delivery(RaisedInput input, IReadOnlyDictionary<string, InstanceRecord> instances,
        IReadOnlyDictionary<string, IReadOnlyList<RefusalRow>> refusals)
    {
        SentEffect Parked(string error) => new(input.Name, [input.Target], [], false, DeliveryState.Parked, error);
        if (!refusals.TryGetValue(input.Target, out var targetRefusals))
            return Parked($"there is no instance {input.Target} in the simulation, so nothing received it");
        if (targetRefusals.FirstOrDefault(r => r.InputId == input.InputId) is not { } refusal)
            return new SentEffect(input.Name, [input.Target], [], false, DeliveryState.Done, null);

        var error = $"{input.Target} refused {input.Name}: {refusal.Reason}";
        var backId = RaisedEventRefusal.InputIdFor(input.InputId);
        if (instances.TryGetValue(input.From, out var sender))
        {
            if (sender.History.Any(h => h.InputId == backId))
                error += $" (told {input.From})";
            else if (sender.Refusals.FirstOrDefault(r => r.InputId == backId) is { } notice)
                error += $" ({input.From} refused the notice: {notice.Reason})";
        }
        return Parked(error);
    }

    private static ProjectSummary Summarise(InstanceRecord instance)
    {
        var state = instance.State;
        var quarters = state.Quarters.Select(q => new QuarterOutcome(q.Quarter, q switch
        {
            { Stage: QuarterStage.NoReport } => "Red (no report)",
            { Stage: QuarterStage.Excused } => "Excused",
            { Latest: { } latest } => latest.Late ? $"{latest.Status} (late)" : latest.Status.ToString(),
            _ => "Awaited",
        })).ToList();
        return new ProjectSummary(state.Project.Code, state.Project.Name, state.Phase, instance.Status, quarters,
            state.Project.AmountAwarded, state.Funding.Awarded - state.Project.AmountAwarded, state.Funding.Released, state.Funding.Withdrawn,
            state.Funding.Unreleased);
    }

    private static int ProjectNumber(string code) =>
        int.TryParse(code.AsSpan(code.TakeWhile(char.IsLetter).Count()), out var number) ? number : int.MaxValue;
}
