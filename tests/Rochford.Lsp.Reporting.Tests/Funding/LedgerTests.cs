// The funding ledger: examples of each operation and its refusals. Run: dotnet test tests/Rochford.Lsp.Reporting.Tests

using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Reporting.Funding.LedgerOperation;

namespace Rochford.Lsp.Reporting.Tests.Funding;

public sealed class LedgerTests
{
    private static readonly Ledger Prg = Ledger.Open(FundingStream.PerformanceRewardGrant, Money.Pounds(100_000));

    private static Ledger Run(Ledger ledger, params LedgerOperation[] operations) =>
        operations.Aggregate(ledger, (current, op) =>
        {
            var result = current.Apply(op);
            Assert.True(result.Succeeded, result.Refusal);
            return result.Ledger;
        });

    [Fact]
    public void Reallocate_WithdrawnCareline_MovesToRecipientsAndReturnsTheRest()
    {
        var ledger = Run(Prg,
            new Award("a4", "ROC4", Money.Pounds(15_000)),
            new Award("a6", "ROC6", Money.Pounds(10_000)),
            new Withdraw("w4", "ROC4", Money.Pounds(15_000)),
            new Reallocate("r4", "ROC4", [new Allocation("ROC6", Money.Pounds(9_000)), new Allocation("ROC9", Money.Pounds(5_000))]));

        Assert.Equal(ProjectAccount.Empty, ledger.AccountOf("ROC4"));
        Assert.Equal(Money.Pounds(19_000), ledger.AccountOf("ROC6").Unreleased);
        Assert.Equal(Money.Pounds(5_000), ledger.AccountOf("ROC9").Unreleased);
        Assert.Equal(Money.Pounds(76_000), ledger.Unallocated);
        Assert.Equal(ledger.Total, ledger.AccountedFor);
    }

    [Fact]
    public void Reallocate_MoreThanHeld_RefusesAndMovesNothing()
    {
        var ledger = Run(Prg, new Award("a4", "ROC4", Money.Pounds(1_000)), new Withdraw("w4", "ROC4", Money.Pounds(1_000)));

        var result = ledger.Apply(new Reallocate("r4", "ROC4", [new Allocation("ROC6", Money.Pounds(600)), new Allocation("ROC9", Money.Pounds(600))]));

        Assert.Equal("Cannot reallocate £1,200.00: ROC4 holds only £1,000.00 of withdrawn funding.", result.Refusal);
        Assert.Same(ledger, result.Ledger);
    }

    [Fact]
    public void Release_MoreThanUnreleased_Refuses()
    {
        var ledger = Run(Prg, new Award("a1", "ROC1", Money.Pounds(500)));

        Assert.Equal("Cannot release £500.01 from ROC1: only £500.00 of its award is unreleased.",
            ledger.Apply(new Release("p1", "ROC1", new Money(50_001))).Refusal);
    }

    [Fact]
    public void Award_MoreThanUnallocated_Refuses()
    {
        Assert.Equal("Cannot award £100,000.01 to ROC1: only £100,000.00 of the Performance Reward Grant is unallocated.",
            Prg.Apply(new Award("a1", "ROC1", new Money(10_000_001))).Refusal);
    }

    [Fact]
    public void Apply_SameOperationIdTwice_HasEffectOnce()
    {
        var once = Run(Prg, new Award("a1", "ROC1", Money.Pounds(500)));

        var twice = once.Apply(new Award("a1", "ROC1", Money.Pounds(500)));

        Assert.True(twice.Succeeded);
        Assert.Same(once, twice.Ledger);
    }

    [Fact]
    public void Apply_ZeroAmount_Refuses()
    {
        Assert.Equal("Cannot award £0.00: the amount must be more than £0.00.", Prg.Apply(new Award("a1", "ROC1", Money.Zero)).Refusal);
    }
}
