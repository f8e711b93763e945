// Where each funding stream's money stands, worked out from the projects' current states: for the officers'
// pages, the Executive digest and the simulation's summary. Pure; property tests check money is conserved.

namespace Rochford.Lsp.Reporting.Funding;

/// <summary>One funding stream's money, summed over its projects.</summary>
/// <param name="Total">The stream's money: as given, or (when not given) the projects' original awards.</param>
/// <param name="Awarded">The projects' original awards (before any reallocation).</param>
/// <param name="Released">Paid to the organisations.</param>
/// <param name="Withdrawn">Withdrawn from projects by the Executive.</param>
/// <param name="Held">Withdrawn and not yet reallocated (awaiting a proposal or its approval).</param>
/// <param name="Reallocated">Withdrawn money approved for other projects, less what recipients refused.</param>
/// <param name="InTransit">Reallocated but not yet received by the recipient's cycle.</param>
/// <param name="ReturnedToUnallocated">Withdrawn money not reallocated, or refused by its recipient, and money unreleased when its project closed.</param>
/// <param name="Unreleased">Awarded (including funds received) and neither released nor withdrawn.</param>
/// <param name="Unallocated">Not awarded to any project: <see cref="Total"/> less the awards, plus what was returned.</param>
public sealed record StreamPosition(
    FundingStream Stream,
    Money Total,
    Money Awarded,
    Money Released,
    Money Withdrawn,
    Money Held,
    Money Reallocated,
    Money InTransit,
    Money ReturnedToUnallocated,
    Money Unreleased,
    Money Unallocated)
{
    /// <summary>Where every penny is; equals <see cref="Total"/> when the position is whole.</summary>
    public Money AccountedFor => Unallocated + Unreleased + Released + Held + InTransit;
}

/// <summary>Builds <see cref="StreamPosition"/>s from projects' states.</summary>
/// <remarks>
/// Pass every project of a stream: money reallocated from one project is counted as received only when the recipient's
/// state is among those given. With all of them, <see cref="StreamPosition.AccountedFor"/> equals <see cref="StreamPosition.Total"/>.
/// </remarks>
public static class FundingPosition
{
    /// <summary>
    /// The position of each stream that has a project in <paramref name="projects"/> or a total in <paramref name="streamTotals"/>,
    /// in the order of <see cref="FundingStream"/>.
    /// </summary>
    /// <param name="streamTotals">Each stream's money, when known; otherwise a stream's total is its projects' original awards.</param>
    public static IReadOnlyList<StreamPosition> Of(IEnumerable<ProjectState> projects, IReadOnlyDictionary<FundingStream, Money>? streamTotals = null)
    {
        var byStream = projects.ToLookup(p => p.Project.FundingStream);
        return
        [
            .. Enum.GetValues<FundingStream>()
                .Where(stream => byStream.Contains(stream) || streamTotals?.ContainsKey(stream) == true)
                .Select(stream => Position(stream, [.. byStream[stream]], streamTotals?.GetValueOrDefault(stream))),
        ];
    }

    private static StreamPosition Position(FundingStream stream, IReadOnlyList<ProjectState> projects, Money? total)
    {
        Money awarded = Money.Zero, released = Money.Zero, withdrawn = Money.Zero, held = Money.Zero, reallocated = Money.Zero,
            received = Money.Zero, returned = Money.Zero, unreleased = Money.Zero;
        foreach (var state in projects)
        {
            var money = OpeningAccount.Of(state);
            awarded += money.OriginalAward;
            received += state.Funding.Awarded - money.OriginalAward;
            released += money.Released;
            withdrawn += money.Withdrawn;
            unreleased += money.Unreleased;
            reallocated += money.Reallocated;
            returned += money.Returned;
            held += money.Held;
        }
        var streamTotal = total ?? awarded;
        return new StreamPosition(stream, streamTotal, awarded, released, withdrawn, held, reallocated, reallocated - received, returned,
            unreleased, streamTotal - awarded + returned);
    }
}
