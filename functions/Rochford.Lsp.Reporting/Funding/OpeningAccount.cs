// Where one project's money stands, read from its own state: what FundingPosition sums, what the ledger export lists per
// project, and what a ledger account opens with when the partnership's instance starts after the project.

namespace Rochford.Lsp.Reporting.Funding;

/// <summary>
/// Where one project's money stood when the partnership's instance started after the project (storage from before the
/// partnership had an instance): its ledger account is opened with these figures instead of replaying its history.
/// </summary>
/// <param name="OriginalAward">The award the project started with.</param>
/// <param name="Unreleased">Awarded (including funds received) and neither paid nor withdrawn.</param>
/// <param name="Held">Withdrawn and not yet reallocated.</param>
/// <param name="Reallocated">Withdrawn money approved for other projects, less what they refused.</param>
/// <param name="Returned">
/// Money that went back to the unallocated balance: withdrawn and kept back or refused by a recipient, or unreleased when the
/// project closed.
/// </param>
public sealed record OpeningAccount(string ProjectCode, FundingStream Stream, Money OriginalAward, Money Unreleased, Money Released, Money Withdrawn,
    Money Held, Money Reallocated, Money Returned)
{
    /// <summary>
    /// Where a project's money stands by its own state: the one reading of it that <see cref="FundingPosition"/>, the ledger
    /// export and an opening ledger account share.
    /// </summary>
    public static OpeningAccount Of(ProjectState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var funding = state.Funding;
        // What a closing project still had unreleased went back to the stream (ProjectFunding.Returned).
        Money held = funding.Withdrawn, reallocated = Money.Zero, returned = funding.Returned;
        if (state.Phase == Phase.Closed && state.Reallocation is { } approved)
        {
            // Closed with a proposal means it was approved: the money left, except what was kept back or refused.
            var allocated = Money.Sum(approved.Allocations.Select(a => a.Amount));
            var refused = Money.Sum(state.ReturnedAllocations.Select(r => r.Amount));
            reallocated = allocated - refused;
            returned += funding.Withdrawn - allocated + refused;
            held = Money.Zero;
        }
        return new(state.Project.Code, state.Project.FundingStream, state.Project.AmountAwarded, funding.Unreleased, funding.Released, funding.Withdrawn,
            held, reallocated, returned);
    }
}
