using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Pages.Components;

/// <summary>A project's phase in words: a label for tables, and a sentence for the Executive's and decision pages.</summary>
public static class PhaseText
{
    /// <summary>What <paramref name="phase"/> means for people.</summary>
    public static string For(Phase phase) => phase switch
    {
        Phase.Reporting => "Reporting",
        Phase.RedWatch => "On Red watch",
        Phase.WithdrawalProposed => "Withdrawal proposed",
        Phase.FundingWithdrawn => "Funding withdrawn",
        Phase.ReallocationProposed => "Reallocation proposed",
        Phase.Paused => "Reporting paused",
        Phase.Completed => "Completed",
        Phase.Closed => "Closed",
        _ => phase.ToString(),
    };

    /// <summary>Where a project in <paramref name="phase"/> stands, to finish "ROC4 is ..." (an officer's action refused for its phase).</summary>
    public static string Is(Phase phase) => phase switch
    {
        Phase.Reporting => "reporting normally",
        Phase.RedWatch => "on Red watch",
        Phase.WithdrawalProposed => "waiting for a decision on withdrawing its funding",
        Phase.FundingWithdrawn => "waiting for its withdrawn funding to be reallocated",
        Phase.ReallocationProposed => "waiting for a second officer to approve a reallocation",
        Phase.Paused => "paused: no reports are requested",
        Phase.Completed => "completed",
        Phase.Closed => "closed",
        _ => phase.ToString(),
    };

    /// <summary>Where the project stands, in a sentence.</summary>
    public static string Sentence(ProjectState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Phase switch
        {
            Phase.Reporting => "Reporting each quarter; not on Red watch.",
            Phase.RedWatch => $"Red, with a recovery deadline of {UkCalendar.Display(state.Red!.Deadline)}.",
            Phase.WithdrawalProposed => "The recovery deadline passed while Red: withdrawing its funding is proposed and awaits an officer's decision.",
            Phase.FundingWithdrawn => "Funding withdrawn; awaiting a proposal to reallocate it.",
            Phase.ReallocationProposed => "Funding withdrawn; a reallocation is proposed and awaits a second officer's approval.",
            Phase.Paused => "Quarterly reporting is paused.",
            Phase.Completed => "Completed.",
            Phase.Closed => "Funding withdrawn and reallocated; closed.",
            _ => state.Phase.ToString(),
        };
    }
}
