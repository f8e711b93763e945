// Prints a simulation's result for people: the timeline (date, project, event, what was sent) and the summary.

using System.Globalization;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Simulation;

/// <summary>Writes <see cref="SimulationResult"/> as plain text.</summary>
public static class SimulationReport
{
    /// <summary>Writes the timeline: one line per event, then one indented line per email or raised event it sent.</summary>
    public static void WriteTimeline(TextWriter output, SimulationResult result)
    {
        output.WriteLine($"Timeline of \"{result.ScenarioName}\", {result.From:uuuu-MM-dd} to {result.To:uuuu-MM-dd} (London time)");
        output.WriteLine();
        foreach (var entry in result.Timeline)
        {
            output.WriteLine($"{entry.LocalTime.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {entry.Project,-5}  {entry.Type,-26}  {entry.Explanation}");
            foreach (var effect in entry.Effects)
            {
                var parked = effect.State == DeliveryState.Parked ? $"  [parked: {effect.Error}]" : "";
                output.WriteLine(effect.IsEmail
                    ? $"{"",42}email {effect.Template} to {List(effect.To)}{(effect.Cc.Count > 0 ? $" cc {List(effect.Cc)}" : "")}{parked}"
                    : $"{"",42}raised {effect.Template} on {List(effect.To)}{parked}");
            }
        }
        output.WriteLine();
    }

    /// <summary>Writes the summary: projects, quarters' RAG, money, streams, emails by template and refused actions.</summary>
    public static void WriteSummary(TextWriter output, SimulationResult result)
    {
        output.WriteLine($"Summary: {result.ActionsInRange} scenario actions ({result.Refused.Count} refused" +
            $"{(result.ActionsSkipped > 0 ? $", {result.ActionsSkipped} outside the dates skipped" : "")}), {result.Ticks} ticks, {result.EmailCount} emails");
        output.WriteLine();
        var quarters = result.Projects.SelectMany(p => p.Quarters.Select(q => q.Quarter)).Distinct().OrderBy(q => q.FirstDay).ToList();
        var header = $"{"Project",-28} {"Phase",-20}" + string.Concat(quarters.Select(q => $" {q.Label,-16}")) +
            $" {"Awarded",12} {"Received",11} {"Released",11} {"Withdrawn",11} {"Unreleased",11}";
        output.WriteLine(header);
        foreach (var p in result.Projects)
        {
            var outcomes = quarters.Select(q => p.Quarters.FirstOrDefault(x => x.Quarter == q)?.Outcome ?? "-");
            output.WriteLine($"{$"{p.Code} {p.Name}",-28} {p.Phase,-20}" + string.Concat(outcomes.Select(o => $" {o,-16}")) +
                $" {p.Awarded,12} {p.Received,11} {p.Released,11} {p.Withdrawn,11} {p.Unreleased,11}");
        }
        output.WriteLine();
        foreach (var s in result.Streams)
        {
            output.WriteLine($"{StreamName(s.Stream)}: total {s.Total}; awarded {s.Awarded}, released {s.Released}, withdrawn {s.Withdrawn}, " +
                $"reallocated {s.Reallocated}, held {s.Held}, in transit {s.InTransit}, returned to unallocated {s.ReturnedToUnallocated}, " +
                $"unallocated {s.Unallocated}; accounted for {s.AccountedFor}{(s.AccountedFor == s.Total ? "" : " (DOES NOT BALANCE)")}");
        }
        output.WriteLine();
        output.WriteLine("Emails by template: " + string.Join(", ", result.EmailsByTemplate.Select(e => $"{e.Key} {e.Value}")));
        if (result.Refused.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Refused actions:");
            foreach (var r in result.Refused)
                output.WriteLine($"  action {r.Action.Number} (line {r.Action.Line}), {r.Action.At:uuuu-MM-dd HH:mm} {r.Action.Project} {r.Action.Input}: {r.Reason}");
        }
    }

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "(no address)" : string.Join(", ", items);

    private static string StreamName(FundingStream stream) => stream switch
    {
        FundingStream.PerformanceRewardGrant => "Performance Reward Grant",
        FundingStream.AdditionalVoluntarySupport => "Additional Voluntary Support",
        _ => stream.ToString(),
    };
}
