// No money is stranded (issue 21): a project awaiting its own withdrawal refuses reallocated funds (the sender takes them
// back, to its stream's unallocated balance), and a project that closes (completed, or withdrawn for less than it had
// unreleased) returns its unreleased money to its stream, where it can be awarded again. Checked on the project's decider
// and on the partnership's ledger, which must take every movement the project makes.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class StrandedMoneyTests
{
    private static Scenario WithdrawalProposed(string code = "ROC4") => Started(code)
        .WakeAt(At(2010, 3, 17))
        .Submit(Rag.Red, At(2010, 4, 10, 11))
        .WakeAt(At(2010, 5, 27));

    private static IReadOnlyList<RecordFunding> Ledger(Scenario scenario) =>
        [.. scenario.Last.Effects.OfType<Effect.RaiseEvent>().Where(r => r.TargetInstanceId == PartnershipCycle.InstanceId).Select(r => RecordFunding.Parse(r.PayloadJson))];

    [Fact]
    public void Given_AProjectAwaitingItsOwnWithdrawal_When_ReallocatedFundsArrive_Then_TheyAreRefused_SoTheSenderTakesThemBack()
    {
        var scenario = WithdrawalProposed("ROC6");

        var refusal = scenario.Refusal("ReceiveReallocatedFunds",
            new { FromProjectCode = "ROC4", Amount = 900_000, OperationId = "ROC4-reallocation-to-ROC6", Stream = "PerformanceRewardGrant" }, At(2010, 5, 28));

        Assert.Equal("ROC6: receiving reallocated funds is not possible now because a withdrawal of its funding is awaiting an officer's decision.", refusal);
        Assert.Equal(Money.Pounds(8_500), scenario.State.Funding.Awarded);
    }

    [Fact]
    public void Given_AProjectWithUnreleasedMoney_When_Completed_Then_TheMoneyReturnsToItsStream()
    {
        var scenario = Started("ROC1")
            .Raise("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = 200_000, ReleasedOn = "2010-02-01" }, At(2010, 2, 1))
            .Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA), Note = "Delivered under budget." }, At(2010, 2, 2));

        Assert.Equal(Phase.Completed, scenario.State.Phase);
        Assert.Equal(new RecordFunding(FundingStream.PerformanceRewardGrant, FundingMove.Return, "ROC1-closing-return", "ROC1", Money.Pounds(10_000)),
            Assert.Single(Ledger(scenario)));
        Assert.Equal(Money.Zero, scenario.State.Funding.Unreleased);
        Assert.Contains("£10,000.00 still unreleased returned to the Performance Reward Grant's unallocated balance", scenario.Last.Events.Single().Explanation);
    }

    [Fact]
    public void Given_AWithdrawalOfLessThanIsUnreleased_When_Approved_Then_TheRestReturnsToItsStream_ForAWithdrawnProjectIsPaidNothingMore()
    {
        var scenario = WithdrawalProposed()
            .Raise("ChangeWithdrawalAmount", new { Officer = Officer(OfficerA), Amount = 1_000_000 }, At(2010, 5, 28, 9))
            .Raise("ApproveWithdrawal", Approval(OfficerB), At(2010, 5, 28, 10));

        Assert.Equal(Phase.FundingWithdrawn, scenario.State.Phase);
        Assert.Equal(
            [
                new RecordFunding(FundingStream.PerformanceRewardGrant, FundingMove.Withdraw, "ROC4-withdrawal-0", "ROC4", Money.Pounds(10_000)),
                new RecordFunding(FundingStream.PerformanceRewardGrant, FundingMove.Return, "ROC4-closing-return", "ROC4", Money.Pounds(5_000)),
            ],
            Ledger(scenario));
        Assert.Equal(Money.Zero, scenario.State.Funding.Unreleased);
        Assert.Equal(Money.Pounds(10_000), scenario.State.Funding.Withdrawn);
    }

    [Fact]
    public void Given_TheLedger_When_AProjectClosesWithUnreleasedMoney_Then_ItTakesTheReturn_AndTheMoneyIsUnallocatedAgain()
    {
        var partnership = new PartnershipCycle();
        var state = partnership.Start(PartnershipCycle.InstanceId, new OrchestrationInput.Started("start",
            PartnershipStart.ForProjects(RochfordSeed.Contacts, CycleSettings.Default, RochfordSeed.Projects.Where(p => p.Code == "ROC1")).ToJson()), At(2010, 1, 4)).State;
        var project = Started("ROC1")
            .Raise("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = 200_000, ReleasedOn = "2010-02-01" }, At(2010, 2, 1));
        var movements = new List<Effect.RaiseEvent>();
        movements.AddRange(Started("ROC1").Last.Effects.OfType<Effect.RaiseEvent>());
        movements.AddRange(project.Last.Effects.OfType<Effect.RaiseEvent>());
        movements.AddRange(project.Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA) }, At(2010, 2, 2)).Last.Effects.OfType<Effect.RaiseEvent>());

        var index = 0;
        foreach (var movement in movements.Where(m => m.TargetInstanceId == PartnershipCycle.InstanceId))
        {
            var decision = partnership.Decide(state, new OrchestrationInput.EventRaised($"ROC1/{++index}/0", movement.Name, movement.PayloadJson), At(2010, 2, 2));
            Assert.DoesNotContain(decision.Events, e => e.Type == "FundingNotRecorded");
            state = decision.State;
        }

        var position = Assert.Single(state.Positions());
        Assert.Equal((Money.Pounds(10_000), Money.Pounds(2_000), Money.Zero), (position.Unallocated, position.Released, position.Unreleased));
        Assert.Equal(position.Total, position.AccountedFor);
        _ = JsonSerializer.Serialize(state, partnership.StateSerializerOptions);
    }
}
