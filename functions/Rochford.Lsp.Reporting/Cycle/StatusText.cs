using NodaTime;
using static Rochford.Lsp.Reporting.Cycle.Text;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>The short status shown in listings, e.g. "Awaiting Jan - Mar 2010 report (due 15 Apr 2010)".</summary>
internal static class StatusText
{
    public static string For(ProjectState state, LocalDate today) => state.Phase switch
    {
        Phase.Reporting => Reporting(state, today),
        Phase.RedWatch => $"Red: recovery deadline {D(state.Red!.Deadline)}",
        Phase.WithdrawalProposed => "Withdrawal awaiting officer decision",
        Phase.FundingWithdrawn => "Funding withdrawn: awaiting reallocation proposal",
        Phase.ReallocationProposed => "Funding withdrawn: reallocation awaiting approval",
        Phase.Paused => "Reporting paused",
        Phase.Completed => "Completed",
        Phase.Closed => "Funding withdrawn",
        _ => state.Phase.ToString(),
    };

    private static string Reporting(ProjectState state, LocalDate today)
    {
        if (state.Quarters.LastOrDefault(q => q.IsOutstanding) is { } owed)
        {
            return today > owed.DueOn
                ? $"{owed.Quarter.PeriodCovered} report overdue (was due {D(owed.DueOn)})"
                : $"Awaiting {owed.Quarter.PeriodCovered} report (due {D(owed.DueOn)})";
        }
        var next = state.NextQuarterToRequest;
        return $"Next report request: {next.PeriodCovered} on {D(Schedule.RequestDate(state, next))}";
    }
}
