// The funding ledger of one stream: where every penny of the stream is, as a pure value. The partnership's workflow
// instance (PartnershipCycle) keeps one per stream and applies to it every award, payment, withdrawal, reallocation and
// return the projects' instances raise, so it is the running system's ledger; property tests check its invariants.

using System.Collections.Immutable;

namespace Rochford.Lsp.Reporting.Funding;

/// <summary>One project's money within a stream.</summary>
/// <param name="Unreleased">Awarded but not yet paid: the only money that can be released, withdrawn or returned.</param>
/// <param name="Released">Paid to the organisation.</param>
/// <param name="Held">Withdrawn and waiting to be reallocated.</param>
public sealed record ProjectAccount(Money Unreleased, Money Released, Money Held)
{
    /// <summary>An account with nothing in it.</summary>
    public static ProjectAccount Empty { get; } = new(Money.Zero, Money.Zero, Money.Zero);

    /// <summary>Everything the account accounts for.</summary>
    public Money Total => Unreleased + Released + Held;
}

/// <summary>What applying a <see cref="LedgerOperation"/> did.</summary>
/// <param name="Ledger">The ledger afterwards (unchanged when refused or a repeat).</param>
/// <param name="Refusal">Why the operation was refused, for people; null when it was applied or was a repeat.</param>
public sealed record LedgerResult(Ledger Ledger, string? Refusal)
{
    /// <summary>True unless the operation was refused.</summary>
    public bool Succeeded => Refusal is null;
}

/// <summary>The money of one funding stream, split between its unallocated balance and the projects' accounts.</summary>
/// <remarks>
/// Invariants, checked by property tests over random operation sequences:
/// money is conserved (<see cref="Unallocated"/> plus every account's total always equals <see cref="Total"/>);
/// no balance is ever negative; an operation is all or nothing; an operation id applied twice has effect once.
/// </remarks>
public sealed record Ledger(
    FundingStream Stream,
    Money Total,
    Money Unallocated,
    ImmutableDictionary<string, ProjectAccount> Accounts,
    ImmutableHashSet<string> AppliedOperationIds)
{
    /// <summary>Everything ever awarded from the unallocated balance (reallocations move awards; they are not new awards).</summary>
    public Money Awarded { get; init; }

    /// <summary>Everything ever withdrawn from projects.</summary>
    public Money Withdrawn { get; init; }

    /// <summary>Withdrawn money moved to other projects, less what recipients refused.</summary>
    public Money Reallocated { get; init; }

    /// <summary>Money that came back to the unallocated balance: withdrawn and not reallocated, refused by a recipient, or returned by a project.</summary>
    public Money Returned { get; init; }

    /// <summary>A stream that has received <paramref name="total"/>, none of it yet awarded.</summary>
    public static Ledger Open(FundingStream stream, Money total) => total.IsNegative
        ? throw new ArgumentOutOfRangeException(nameof(total), "A stream cannot receive a negative amount.")
        : new(stream, total, total, ImmutableDictionary<string, ProjectAccount>.Empty, ImmutableHashSet<string>.Empty);

    /// <summary>The stream receives <paramref name="amount"/> more (a grant paid to the partnership): its total and its unallocated balance grow.</summary>
    public Ledger Receive(Money amount) => amount.IsNegative || amount == Money.Zero
        ? throw new ArgumentOutOfRangeException(nameof(amount), "A stream receives more than nothing.")
        : this with { Total = Total + amount, Unallocated = Unallocated + amount };

    /// <summary>
    /// This ledger with accounts opened for projects whose money moved before the ledger existed; null when the figures do not
    /// add up to the stream's money (more awarded than it received, or a negative balance).
    /// </summary>
    public Ledger? WithOpenings(IReadOnlyList<OpeningAccount> openings)
    {
        ArgumentNullException.ThrowIfNull(openings);
        var mine = openings.Where(o => o.Stream == Stream).ToList();
        if (mine.Count == 0) return this;
        var awarded = Money.Sum(mine.Select(o => o.OriginalAward));
        var returned = Money.Sum(mine.Select(o => o.Returned));
        var opened = this with
        {
            Unallocated = Unallocated - awarded + returned,
            Awarded = Awarded + awarded,
            Withdrawn = Withdrawn + Money.Sum(mine.Select(o => o.Withdrawn)),
            Reallocated = Reallocated + Money.Sum(mine.Select(o => o.Reallocated)),
            Returned = Returned + returned,
            Accounts = Accounts.SetItems(mine.Select(o => KeyValuePair.Create(o.ProjectCode, new ProjectAccount(o.Unreleased, o.Released, o.Held)))),
            // Each opened project's award is in: its cycle raising it again changes nothing.
            AppliedOperationIds = AppliedOperationIds.Union(mine.Select(o => $"{o.ProjectCode}-award")),
        };
        var balances = opened.Accounts.Values.SelectMany(a => new[] { a.Unreleased, a.Released, a.Held }).Append(opened.Unallocated);
        return balances.Any(b => b.IsNegative) || opened.AccountedFor != opened.Total ? null : opened;
    }

    /// <summary>A project's account (empty if it has none yet).</summary>
    public ProjectAccount AccountOf(string projectCode) => Accounts.GetValueOrDefault(projectCode, ProjectAccount.Empty);

    /// <summary>The money the ledger accounts for; always equal to <see cref="Total"/>.</summary>
    public Money AccountedFor => Unallocated + Money.Sum(Accounts.Values.Select(account => account.Total));

    /// <summary>The stream's figures: what officers, the Executive and the simulation's summary show.</summary>
    public StreamPosition Position()
    {
        var accounts = Accounts.Values.ToList();
        return new StreamPosition(Stream, Total, Awarded, Money.Sum(accounts.Select(a => a.Released)), Withdrawn,
            Money.Sum(accounts.Select(a => a.Held)), Reallocated, Money.Zero, Returned, Money.Sum(accounts.Select(a => a.Unreleased)), Unallocated);
    }

    /// <summary>Applies <paramref name="operation"/> once: a repeated id changes nothing, a refused one changes nothing.</summary>
    public LedgerResult Apply(LedgerOperation operation)
    {
        if (AppliedOperationIds.Contains(operation.OperationId))
        {
            return new(this, null);
        }
        var (after, refusal) = operation switch
        {
            LedgerOperation.Award op => AwardFromUnallocated(op),
            LedgerOperation.Release op => FromUnreleased(op.ProjectCode, op.Amount, "release",
                account => account with { Unreleased = account.Unreleased - op.Amount, Released = account.Released + op.Amount }),
            LedgerOperation.Withdraw op => Counted(FromUnreleased(op.ProjectCode, op.Amount, "withdraw",
                account => account with { Unreleased = account.Unreleased - op.Amount, Held = account.Held + op.Amount }),
                ledger => ledger with { Withdrawn = ledger.Withdrawn + op.Amount }),
            LedgerOperation.ReturnToUnallocated op => Returning(op),
            LedgerOperation.Reallocate op => Reallocating(op),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown ledger operation."),
        };
        return refusal is null
            ? new(after with { AppliedOperationIds = AppliedOperationIds.Add(operation.OperationId) }, null)
            : new(this, refusal);
    }

    private (Ledger, string?) AwardFromUnallocated(LedgerOperation.Award op)
    {
        if (Refuse(op.Amount, "award") is { } refusal)
        {
            return (this, refusal);
        }
        if (op.Amount > Unallocated)
        {
            return (this, $"Cannot award {op.Amount} to {op.ProjectCode}: only {Unallocated} of the {StreamName} is unallocated.");
        }
        var account = AccountOf(op.ProjectCode);
        return (this with
        {
            Unallocated = Unallocated - op.Amount,
            Awarded = Awarded + op.Amount,
            Accounts = Accounts.SetItem(op.ProjectCode, account with { Unreleased = account.Unreleased + op.Amount }),
        }, null);
    }

    private (Ledger, string?) FromUnreleased(string projectCode, Money amount, string verb, Func<ProjectAccount, ProjectAccount> change)
    {
        if (Refuse(amount, verb) is { } refusal)
        {
            return (this, refusal);
        }
        var account = AccountOf(projectCode);
        return amount > account.Unreleased
            ? (this, $"Cannot {verb} {amount} from {projectCode}: only {account.Unreleased} of its award is unreleased.")
            : (this with { Accounts = Accounts.SetItem(projectCode, change(account)) }, null);
    }

    private (Ledger, string?) Returning(LedgerOperation.ReturnToUnallocated op)
    {
        var (after, refusal) = FromUnreleased(op.ProjectCode, op.Amount, "return",
            account => account with { Unreleased = account.Unreleased - op.Amount });
        return refusal is null
            ? (after with
            {
                Unallocated = Unallocated + op.Amount,
                Returned = Returned + op.Amount,
                Reallocated = op.RefusedReallocation ? Reallocated - op.Amount : Reallocated,
            }, null)
            : (this, refusal);
    }

    private static (Ledger, string?) Counted((Ledger Ledger, string? Refusal) result, Func<Ledger, Ledger> count) =>
        result.Refusal is null ? (count(result.Ledger), null) : result;

    // Validate every allocation before moving anything, so a bad line refuses the whole move.
    private (Ledger, string?) Reallocating(LedgerOperation.Reallocate op)
    {
        var held = AccountOf(op.FromProjectCode).Held;
        var allocated = Money.Zero;
        foreach (var allocation in op.Allocations)
        {
            if (Refuse(allocation.Amount, "reallocate") is { } refusal)
            {
                return (this, refusal);
            }
            if (allocation.ProjectCode == op.FromProjectCode)
            {
                return (this, $"Cannot reallocate {op.FromProjectCode}'s withdrawn funding back to itself.");
            }
            allocated += allocation.Amount;
        }
        if (op.Allocations.Select(allocation => allocation.ProjectCode).Distinct().Count() != op.Allocations.Count)
        {
            return (this, "Each recipient may appear only once in a reallocation.");
        }
        if (allocated > held)
        {
            return (this, $"Cannot reallocate {allocated}: {op.FromProjectCode} holds only {held} of withdrawn funding.");
        }
        var accounts = Accounts.SetItem(op.FromProjectCode, AccountOf(op.FromProjectCode) with { Held = Money.Zero });
        foreach (var allocation in op.Allocations)
        {
            var recipient = accounts.GetValueOrDefault(allocation.ProjectCode, ProjectAccount.Empty);
            accounts = accounts.SetItem(allocation.ProjectCode, recipient with { Unreleased = recipient.Unreleased + allocation.Amount });
        }
        return (this with
        {
            Accounts = accounts,
            Unallocated = Unallocated + (held - allocated),
            Reallocated = Reallocated + allocated,
            Returned = Returned + (held - allocated),
        }, null);
    }

    private static string? Refuse(Money amount, string verb) =>
        amount.Pence <= 0 ? $"Cannot {verb} {amount}: the amount must be more than £0.00." : null;

    private string StreamName => Stream.Describe();
}
