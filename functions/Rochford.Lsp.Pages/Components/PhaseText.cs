using Rochford.Lsp.Reporting;

namespace Rochford.Lsp.Pages.Components;

/// <summary>A project's phase in words.</summary>
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
}
