// FundingPosition on worked examples: Careline's £15,000 withdrawn and reallocated, one recipient refusing.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Tests.Cycle;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Funding;

public sealed class FundingPositionTests
{
    private static Scenario CarelineWithdrawn() => Started("ROC4")
        .WakeAt(At(2010, 3, 17))
        .Submit(Rag.Red, At(2010, 4, 10, 11))
        .Accept(At(2010, 4, 12, 8))
        .Raise("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = 100_000, ReleasedOn = "2010-04-12" }, At(2010, 4, 12))
        .WakeAt(At(2010, 5, 27))
        .Raise("ApproveWithdrawal", Approval(OfficerB), At(2010, 5, 28));

    [Fact]
    public void Of_WithdrawnAwaitingProposal_HoldsTheMoney()
    {
        var position = Assert.Single(FundingPosition.Of([CarelineWithdrawn().State, Started("ROC8").State]));

        Assert.Equal(FundingStream.PerformanceRewardGrant, position.Stream);
        Assert.Equal((Money.Pounds(40_000), Money.Pounds(1_000), Money.Pounds(14_000), Money.Pounds(14_000)),
            (position.Awarded, position.Released, position.Withdrawn, position.Held));
        Assert.Equal(Money.Zero, position.Unallocated);
        Assert.Equal(position.Total, position.AccountedFor);
    }

    [Fact]
    public void Of_ReallocatedWithOneRecipientRefusing_ReturnsTheRefusedAndKeptBackMoneyToUnallocated()
    {
        var careline = CarelineWithdrawn()
            .Raise("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations = new[] { new { ProjectCode = "ROC8", Amount = 1_000_000 }, new { ProjectCode = "ROC10", Amount = 100_000 } } }, At(2010, 6, 1))
            .Raise("ApproveReallocation", new { Officer = Officer(OfficerB) }, At(2010, 6, 2));
        var moves = careline.Last.Effects.OfType<Effect.RaiseEvent>().Where(r => r.TargetInstanceId != Rochford.Lsp.Reporting.Partnership.PartnershipCycle.InstanceId).ToList();
        var roc8 = Started("ROC8").Raise(moves[0].Name, JsonDocument.Parse(moves[0].PayloadJson).RootElement, At(2010, 6, 2, 9, 1));
        var roc10 = Started("ROC10").Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA) }, At(2010, 6, 1));
        var inFlight = FundingPosition.Of([careline.State, roc8.State, roc10.State]).Single();
        careline.Raise("RaisedEventRefused", new
        {
            OutboxId = "ROC4/12/1",
            TargetInstanceId = "ROC10",
            moves[1].Name,
            Reason = "ROC10 has been completed.",
            moves[1].PayloadJson,
        }, At(2010, 6, 2, 9, 2));

        var position = FundingPosition.Of([careline.State, roc8.State, roc10.State], new Dictionary<FundingStream, Money>
        {
            [FundingStream.PerformanceRewardGrant] = Money.Pounds(60_000),
        }).Single();

        Assert.Equal(Money.Pounds(1_000), inFlight.InTransit);
        Assert.Equal(Money.Pounds(60_000), position.Total);
        Assert.Equal(Money.Pounds(42_500), position.Awarded);
        Assert.Equal(Money.Pounds(10_000), position.Reallocated);
        // £3,000 kept back and £1,000 refused, and the £2,500 ROC10 had unreleased when it completed (issue 21).
        Assert.Equal(Money.Pounds(6_500), position.ReturnedToUnallocated);
        Assert.Equal(Money.Zero, position.InTransit);
        Assert.Equal(Money.Pounds(60_000 - 42_500 + 6_500), position.Unallocated);
        Assert.Equal(position.Total, position.AccountedFor);
    }
}
