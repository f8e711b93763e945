// Inputs are idempotent: an input already handled (the same funds, the same report version, the same refusal)
// changes nothing even after the phase has moved on, so a redelivery can never be refused into a new outcome.

using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class AlreadyHandledTests
{
    private static readonly object Move = new { FromProjectCode = "ROC4", Amount = 900000, OperationId = "ROC4-reallocation-to-ROC6" };

    private static Scenario Received() => Started("ROC6").Raise("ReceiveReallocatedFunds", Move, At(2010, 6, 2));

    [Fact]
    public void Given_FundsReceivedThenProjectCompleted_When_TheSameFundsAreRedelivered_Then_NothingChangesAndNothingIsRefused()
    {
        var scenario = Received().Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA), Note = "Delivered." }, At(2010, 6, 3));
        var before = scenario.State;

        scenario.Raise("ReceiveReallocatedFunds", Move, At(2010, 6, 4));

        // A refusal here would travel back to ROC4, which would take back money ROC6 already holds: money created.
        Assert.True(scenario.Last.IsNoOp);
        Assert.Same(before, scenario.State);
        Assert.Equal(Money.Pounds(17_500), scenario.State.Funding.Awarded);
        Assert.True(scenario.Last.IsCompleted);
    }

    [Fact]
    public void Given_FundsReceivedThenReportingPaused_When_TheSameFundsAreRedelivered_Then_NothingChanges()
    {
        var scenario = Received().Raise("PauseReporting", new { Officer = Officer(OfficerA), Reason = "Lead on leave." }, At(2010, 6, 3));
        var before = scenario.State;

        scenario.Raise("ReceiveReallocatedFunds", Move, At(2010, 6, 4));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Same(before, scenario.State);
    }

    [Fact]
    public void Given_CompletedProject_When_NewFundsArrive_Then_StillRefused()
    {
        var scenario = Received().Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA) }, At(2010, 6, 3));

        Assert.Equal("ROC6: receiving reallocated funds is not possible now because the project has been completed.",
            scenario.Refusal("ReceiveReallocatedFunds", new { FromProjectCode = "ROC1", Amount = 100, OperationId = "ROC1-reallocation-to-ROC6" }, At(2010, 6, 4)));
    }

    [Fact]
    public void Given_ReportSubmittedThenReportingPaused_When_TheSameReportArrivesAgain_Then_NothingChangesAndNothingIsRefused()
    {
        var scenario = Started().WakeAt(At(2010, 3, 17)).Submit(Rag.Green, At(2010, 4, 1))
            .Raise("PauseReporting", new { Officer = Officer(OfficerA), Reason = "Lead on leave." }, At(2010, 4, 2));
        var before = scenario.State;

        scenario.Submit(Rag.Green, At(2010, 4, 3));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Same(before, scenario.State);
    }

    [Fact]
    public void Given_ReportingPaused_When_ADifferentVersionOfTheReportArrives_Then_Refused()
    {
        var scenario = Started().WakeAt(At(2010, 3, 17)).Submit(Rag.Green, At(2010, 4, 1))
            .Raise("PauseReporting", new { Officer = Officer(OfficerA), Reason = "Lead on leave." }, At(2010, 4, 2));

        Assert.Equal("ROC4: submitting a quarterly report is not possible now because reporting is paused.",
            scenario.Refusal("SubmitQuarterlyReport", Report(Rag.Amber, Q4), At(2010, 4, 3)));
    }

    // Issue 20, "money inputs idempotent for ever": the runtime forgets input ids after 500 inputs; the project does not
    // forget the money it moved. (The same through the engine, 600 inputs later: MoneyInputsTests in Workflow.Tests.)
    private static readonly object Payment = new { Officer = Officer(OfficerA), Amount = "£1,000", ReleasedOn = "2010-02-01", Reference = "BACS 1" };

    [Fact]
    public void Given_PaymentRecorded_When_TheSameFormArrivesAgainLater_Then_NothingChanges()
    {
        var scenario = Started().RaiseAs("web:RecordPaymentReleased:form-1:0123456789ABCDEF", "RecordPaymentReleased", Payment, At(2010, 2, 1))
            .Raise("PauseReporting", new { Officer = Officer(OfficerA), Reason = "Lead on leave." }, At(2010, 2, 2));
        var before = scenario.State;

        scenario.RaiseAs("web:RecordPaymentReleased:form-1:0123456789ABCDEF", "RecordPaymentReleased", Payment, At(2010, 2, 3));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Same(before, scenario.State);
        Assert.Equal(Money.Pounds(1_000), scenario.State.Funding.Released);
    }

    [Fact]
    public void Given_PaymentRecorded_When_AnotherFormPaysTheSameAmount_Then_ItIsASecondPayment()
    {
        var scenario = Started().RaiseAs("web:RecordPaymentReleased:form-1:0123456789ABCDEF", "RecordPaymentReleased", Payment, At(2010, 2, 1));

        scenario.RaiseAs("web:RecordPaymentReleased:form-2:0123456789ABCDEF", "RecordPaymentReleased", Payment, At(2010, 2, 3));

        Assert.Equal(Money.Pounds(2_000), scenario.State.Funding.Released);
        Assert.Equal(2, scenario.State.MoneyInputKeys.Count);
    }

    [Fact]
    public void Given_WithdrawalApprovedAndReallocated_When_TheSameApprovalsArriveAgain_Then_NothingChangesAndNothingIsRefused()
    {
        var scenario = Started().WakeAt(At(2010, 3, 17)).Submit(Rag.Red, At(2010, 4, 10, 11)).WakeAt(At(2010, 5, 27))
            .RaiseAs("web:ApproveWithdrawal:form-1:0123456789ABCDEF", "ApproveWithdrawal", Approval(OfficerA), At(2010, 5, 28))
            .Raise("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations = new[] { new { ProjectCode = "ROC6", Amount = "£9,000" } } }, At(2010, 6, 1))
            .RaiseAs("web:ApproveReallocation:form-2:0123456789ABCDEF", "ApproveReallocation", new { Officer = Officer(OfficerB) }, At(2010, 6, 2));
        Assert.Equal(Phase.Closed, scenario.State.Phase);
        var before = scenario.State;

        scenario.RaiseAs("web:ApproveWithdrawal:form-1:0123456789ABCDEF", "ApproveWithdrawal", Approval(OfficerA), At(2010, 6, 3));
        Assert.True(scenario.Last.IsNoOp);
        scenario.RaiseAs("web:ApproveReallocation:form-2:0123456789ABCDEF", "ApproveReallocation", new { Officer = Officer(OfficerB) }, At(2010, 6, 3));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Same(before, scenario.State);
    }
}
