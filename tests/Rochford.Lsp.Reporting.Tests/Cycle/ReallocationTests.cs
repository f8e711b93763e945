// Reallocating withdrawn funding: proposal by one officer, approval by a different one (four eyes),
// money moving to recipients' instances, and recipients receiving it exactly once.

using Rochford.Lsp.Reporting.Partnership;
using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class ReallocationTests
{
    private static readonly object[] Allocations = [new { ProjectCode = "ROC6", Amount = "£9,000" }, new { ProjectCode = "ROC9", Amount = 500000 }];

    private static Scenario Withdrawn() => Started()
        .WakeAt(At(2010, 3, 17))
        .Submit(Rag.Red, At(2010, 4, 10, 11))
        .WakeAt(At(2010, 5, 27))
        .Raise("ApproveWithdrawal", Approval(OfficerA), At(2010, 5, 28));

    private static Scenario Proposed() =>
        Withdrawn().Raise("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations, Note = "Same stream; nothing shares LI 2.1." }, At(2010, 6, 1));

    [Fact]
    public void Given_FundingWithdrawn_When_OfficerProposesRecipients_Then_OtherOfficersAreAskedToApprove()
    {
        var scenario = Proposed();

        Assert.Equal(["ReallocationProposed"], scenario.EventTypes);
        Assert.Equal("LSP Officer A (example) proposed reallocating £14,000.00 of ROC4's withdrawn £15,000.00 to ROC6 (£9,000.00), ROC9 (£5,000.00), returning £1,000.00 to the unallocated balance.",
            scenario.Last.Events[0].Explanation);
        var email = scenario.Email(EmailTemplates.ReallocationProposal);
        Assert.Equal(["lsp.officer.b@example.org"], email.To);
        Assert.Equal(["lsp.officer.a@example.org"], email.Cc);
        Assert.Equal("ApproveReallocation", scenario.Model(EmailTemplates.ReallocationProposal).GetProperty("Link").GetProperty("Purpose").GetString());
        Assert.Equal("Funding withdrawn: reallocation awaiting approval", scenario.Last.Status);
    }

    [Fact]
    public void Given_ReallocationProposed_When_TheSameOfficerApproves_Then_RefusedForFourEyes()
    {
        var officerAInCapitals = new { Name = "Officer A", Email = "LSP.Officer.A@example.org" };

        Assert.Equal("LSP Officer A (example) proposed this reallocation, so a different officer must approve it.",
            Proposed().Refusal("ApproveReallocation", new { Officer = officerAInCapitals }, At(2010, 6, 2)));
    }

    private static object Contacts(params object[] officers) => new
    {
        Officers = officers,
        ExecutiveBoardEmail = "lsp.executive@example.org",
        ExecutiveChairEmail = "lsp.executive.chair@example.org",
    };

    [Fact]
    public void Given_ReallocationProposedAndTheProposersAddressChanged_When_TheProposerApprovesFromTheNewAddress_Then_RefusedForFourEyes()
    {
        // Officer A moved to a new address (Officer B updated the list): the same configured officer, so still not a second pair of eyes.
        var officerAMoved = new { OfficerA.Name, Email = "officer.a@new.example.org" };
        var scenario = Proposed().Raise("ChangePartnershipContacts",
            new { Officer = Officer(OfficerB), Contacts = Contacts(officerAMoved, Officer(OfficerB)) }, At(2010, 6, 2));

        Assert.Equal("LSP Officer A (example) (officer.a@new.example.org) is listed under the same name as LSP Officer A (example) (lsp.officer.a@example.org), who proposed this reallocation, so a different officer must approve it.",
            scenario.Refusal("ApproveReallocation", new { Officer = officerAMoved }, At(2010, 6, 3)));
        Assert.Equal(Phase.ReallocationProposed, scenario.State.Phase);
    }

    [Fact]
    public void Given_ReallocationProposed_When_TheProposerChangesTheOfficers_Then_RefusedSoTheyCannotChooseTheirOwnApprover()
    {
        var officerARenamed = new { Name = "A. Nother", Email = "a.nother@example.org" };

        Assert.Equal("ROC4: LSP Officer A (example) proposed the reallocation awaiting approval, so until it is approved or rejected a different officer must change the partnership's contacts (they decide who may approve it).",
            Proposed().Refusal("ChangePartnershipContacts",
                new { Officer = Officer(OfficerA), Contacts = Contacts(officerARenamed, Officer(OfficerB)) }, At(2010, 6, 2)));
    }

    [Fact]
    public void Given_ReallocationProposed_When_SomeoneWhoIsNotAnOfficerApproves_Then_RefusedAndNothingMoves()
    {
        var stranger = new { Name = "Not An Officer", Email = "someone@example.org" };

        Assert.Equal("ROC4: approving a reallocation was refused because Not An Officer (someone@example.org) is not one of the partnership's officers (LSP Officer A (example), LSP Officer B (example)).",
            Proposed().Refusal("ApproveReallocation", new { Officer = stranger }, At(2010, 6, 2)));
    }

    [Fact]
    public void Given_RedWatch_When_SomeoneWhoIsNotAnOfficerDecides_Then_RefusedBeforeAnythingIsSaidOfThePhase()
    {
        var officerNameWithAnotherEmail = new { Name = "LSP Officer A (example)", Email = "officer.a@elsewhere.example" };
        var red = Started().WakeAt(At(2010, 3, 17)).Submit(Rag.Red, At(2010, 4, 10, 11));

        // The name alone is not enough: officers are matched by their configured email address.
        Assert.StartsWith("ROC4: setting a recovery deadline was refused because LSP Officer A (example) (officer.a@elsewhere.example) is not one of",
            red.Refusal("SetRecoveryDeadline", new { Officer = officerNameWithAnotherEmail, Deadline = "2010-06-30" }, At(2010, 4, 12)));
        // A phase that does not allow the action still answers "not an officer" to a non-officer.
        Assert.Contains("is not one of the partnership's officers",
            red.Refusal("ApproveReallocation", new { Officer = officerNameWithAnotherEmail }, At(2010, 4, 12)));
    }

    [Fact]
    public void Given_ReallocationProposed_When_ADifferentOfficerApproves_Then_MoneyMovesToTheRecipients()
    {
        var scenario = Proposed().Raise("ApproveReallocation", new { Officer = Officer(OfficerB) }, At(2010, 6, 2));

        Assert.Equal(["ReallocationApproved"], scenario.EventTypes);
        var raised = scenario.Last.Effects.OfType<Effect.RaiseEvent>().Skip(1).ToList();
        // First the partnership's ledger: ROC4's £10,000 held moves to ROC6 and ROC9, the £1,000 kept back to the unallocated balance.
        var ledger = RecordFunding.Parse(scenario.Last.Effects.OfType<Effect.RaiseEvent>().First(r => r.TargetInstanceId == PartnershipCycle.InstanceId).PayloadJson);
        Assert.Equal((FundingMove.Reallocate, "ROC4-reallocation", "ROC4"), (ledger.Move, ledger.OperationId, ledger.ProjectCode));
        Assert.Equal(["ROC6", "ROC9"], ledger.Allocations!.Select(a => a.ProjectCode));
        Assert.Equal(["ROC6", "ROC9"], raised.Select(r => r.TargetInstanceId));
        Assert.All(raised, r => Assert.Equal("ReceiveReallocatedFunds", r.Name));
        var payload = JsonDocument.Parse(raised[0].PayloadJson).RootElement;
        Assert.Equal("ROC4", payload.GetProperty("FromProjectCode").GetString());
        Assert.Equal(900000, payload.GetProperty("Amount").GetInt64());
        Assert.Equal("ROC4-reallocation-to-ROC6", payload.GetProperty("OperationId").GetString());
        Assert.Equal("PerformanceRewardGrant", payload.GetProperty("Stream").GetString());
        Assert.Equal(["lsp.executive@example.org"], scenario.Email(EmailTemplates.ReallocationApproved).To);
        Assert.Equal(100000, scenario.Model(EmailTemplates.ReallocationApproved).GetProperty("ReturnedToUnallocated").GetInt64());
        Assert.True(scenario.Last.IsCompleted);
        Assert.Null(scenario.Last.NextWakeUp);
        Assert.Equal("Funding withdrawn", scenario.Last.Status);
    }

    [Fact]
    public void Given_ReallocationProposed_When_Rejected_Then_AnotherCanBeProposed()
    {
        var scenario = Proposed().Raise("RejectReallocation", new { Officer = Officer(OfficerB), Reason = "Prefer ROC3." }, At(2010, 6, 2));

        Assert.Equal(["ReallocationRejected"], scenario.EventTypes);
        Assert.Equal(Phase.FundingWithdrawn, scenario.State.Phase);
    }

    [Fact]
    public void Given_ReallocationProposed_When_Rejected_Then_OfficersAreToldProposerFirstWithTheExecutiveCopied()
    {
        var scenario = Proposed().Raise("RejectReallocation", new { Officer = Officer(OfficerB), Reason = "Prefer ROC3." }, At(2010, 6, 2));

        var email = scenario.Email(EmailTemplates.ReallocationRejected);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], email.To);
        Assert.Equal(["lsp.executive@example.org"], email.Cc);
        var model = scenario.Model(EmailTemplates.ReallocationRejected);
        Assert.Equal("ROC4", model.GetProperty("ProjectCode").GetString());
        Assert.Equal(1_500_000, model.GetProperty("Withdrawn").GetInt64());
        Assert.Equal(["ROC6", "ROC9"], model.GetProperty("Allocations").EnumerateArray().Select(a => a.GetProperty("ProjectCode").GetString()));
        Assert.Equal("LSP Officer A (example)", model.GetProperty("ProposedBy").GetProperty("Name").GetString());
        Assert.Equal("LSP Officer B (example)", model.GetProperty("RejectedBy").GetProperty("Name").GetString());
        Assert.Equal("Prefer ROC3.", model.GetProperty("Reason").GetString());
    }

    private static Scenario Reallocated() => Proposed().Raise("ApproveReallocation", new { Officer = Officer(OfficerB) }, At(2010, 6, 2));

    private static object Refusal(string target, long pence, string operationId, string reason = "ROC9: receiving reallocated funds is not possible now because the project has been completed.") => new
    {
        OutboxId = "ROC4/9/1",
        TargetInstanceId = target,
        Name = "ReceiveReallocatedFunds",
        Reason = reason,
        PayloadJson = JsonSerializer.Serialize(new { FromProjectCode = "ROC4", Amount = pence, OperationId = operationId }),
    };

    [Fact]
    public void Given_Reallocated_When_ARecipientRefusedTheFunds_Then_TheyReturnToTheUnallocatedBalanceAndOfficersAreTold()
    {
        var scenario = Reallocated().Raise("RaisedEventRefused", Refusal("ROC9", 500_000, "ROC4-reallocation-to-ROC9"), At(2010, 6, 2, 9, 1));

        Assert.Equal(["ReallocatedFundsReturned"], scenario.EventTypes);
        Assert.Equal("ROC9 refused £5,000.00 reallocated from ROC4: receiving reallocated funds is not possible now because the project has been completed; returned to the unallocated balance.",
            scenario.Last.Events[0].Explanation);
        Assert.Equal([new ReturnedAllocation("ROC9", Money.Pounds(5_000), "ROC4-reallocation-to-ROC9",
            "ROC9: receiving reallocated funds is not possible now because the project has been completed.")], scenario.State.ReturnedAllocations);
        var email = scenario.Email(EmailTemplates.ReallocationRefused);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], email.To);
        Assert.Equal(["lsp.executive@example.org"], email.Cc);
        Assert.Equal(500_000, scenario.Model(EmailTemplates.ReallocationRefused).GetProperty("Amount").GetInt64());
        Assert.Equal("ROC9", scenario.Model(EmailTemplates.ReallocationRefused).GetProperty("RecipientCode").GetString());
        // The partnership's ledger takes the money back from ROC9's account, once (the id names the refused move).
        var ledger = Assert.Single(scenario.Last.Effects.OfType<Effect.RaiseEvent>());
        Assert.Equal(PartnershipCycle.InstanceId, ledger.TargetInstanceId);
        Assert.Equal(new RecordFunding(FundingStream.PerformanceRewardGrant, FundingMove.Return, "ROC4-reallocation-to-ROC9-refused", "ROC9", Money.Pounds(5_000),
            RefusedReallocation: true), RecordFunding.Parse(ledger.PayloadJson));
        Assert.Equal(Phase.Closed, scenario.State.Phase);
        Assert.True(scenario.Last.IsCompleted);
    }

    [Fact]
    public void Given_RefusedFundsTakenBack_When_TheSameRefusalArrivesAgain_Then_NothingChanges()
    {
        var scenario = Reallocated()
            .Raise("RaisedEventRefused", Refusal("ROC9", 500_000, "ROC4-reallocation-to-ROC9"), At(2010, 6, 2, 9, 1))
            .Raise("RaisedEventRefused", Refusal("ROC9", 500_000, "ROC4-reallocation-to-ROC9"), At(2010, 6, 2, 9, 2));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Single(scenario.State.ReturnedAllocations);
    }

    [Fact]
    public void Given_Reallocated_When_ARefusalOfFundsSentByAnotherProjectArrives_Then_Refused()
    {
        var refusal = new
        {
            OutboxId = "ROC1/9/1",
            TargetInstanceId = "ROC9",
            Name = "ReceiveReallocatedFunds",
            Reason = "No.",
            PayloadJson = JsonSerializer.Serialize(new { FromProjectCode = "ROC1", Amount = 100, OperationId = "x" }),
        };

        Assert.Equal("The refused reallocated funds were not sent by ROC4.", Reallocated().Refusal("RaisedEventRefused", refusal, At(2010, 6, 3)));
    }

    [Fact]
    public void Given_Reporting_When_ARefusalArrives_Then_RefusedAsNothingWasSent()
    {
        Assert.Equal("ROC4: taking back refused reallocated funds is not possible now because the project is reporting normally and is not Red.",
            Started().Refusal("RaisedEventRefused", Refusal("ROC9", 100, "x"), At(2010, 2, 1)));
    }

    [Fact]
    public void Given_FundingWithdrawn_When_AllocationsExceedTheWithdrawnAmount_Then_Refused()
    {
        Assert.Equal("The allocations total £15,000.01, but only £15,000.00 was withdrawn from ROC4.",
            Withdrawn().Refusal("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations = new[] { new { ProjectCode = "ROC6", Amount = 1_500_001 } } }, At(2010, 6, 1)));
    }

    [Fact]
    public void Given_FundingWithdrawn_When_ReallocatedToItself_Then_Refused()
    {
        Assert.Equal("ROC4's withdrawn funding cannot be reallocated to ROC4 itself.",
            Withdrawn().Refusal("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations = new[] { new { ProjectCode = "roc4", Amount = 100 } } }, At(2010, 6, 1)));
    }

    [Fact]
    public void Given_FundingWithdrawn_When_ARecipientIsListedTwice_Then_Refused()
    {
        Assert.Equal("Each recipient project may appear only once in a reallocation.",
            Withdrawn().Refusal("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations = new[] { new { ProjectCode = "ROC6", Amount = 100 }, new { ProjectCode = "ROC6", Amount = 200 } } }, At(2010, 6, 1)));
    }

    [Fact]
    public void Given_Reporting_When_ProposeReallocation_Then_RefusedAsNothingIsWithdrawn()
    {
        Assert.Equal("ROC4: proposing a reallocation is not possible now because the project is reporting normally and is not Red.",
            Started().Refusal("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations }, At(2010, 2, 1)));
    }

    [Fact]
    public void Given_RecipientProject_When_FundsReceived_Then_AwardGrowsAndLeadIsTold()
    {
        var scenario = Started("ROC6").Raise("ReceiveReallocatedFunds",
            new { FromProjectCode = "ROC4", Amount = 900000, OperationId = "ROC4-reallocation-to-ROC6" }, At(2010, 6, 2, 9, 5));

        Assert.Equal(["FundsReceived"], scenario.EventTypes);
        Assert.Equal("£9,000.00 reallocated from ROC4 was received, so ROC6's award is now £17,500.00.", scenario.Last.Events[0].Explanation);
        Assert.Equal(["roc6.lead@example.org"], scenario.Email(EmailTemplates.FundsReceived).To);
        Assert.Equal(Money.Pounds(17_500), scenario.State.Funding.Awarded);
    }

    [Fact]
    public void Given_FundsReceived_When_TheSameMoveArrivesAgain_Then_NothingChanges()
    {
        var move = new { FromProjectCode = "ROC4", Amount = 900000, OperationId = "ROC4-reallocation-to-ROC6" };
        var scenario = Started("ROC6").Raise("ReceiveReallocatedFunds", move, At(2010, 6, 2)).Raise("ReceiveReallocatedFunds", move, At(2010, 6, 2));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Equal(Money.Pounds(17_500), scenario.State.Funding.Awarded);
    }

    [Fact]
    public void Given_CompletedRecipient_When_FundsArrive_Then_Refused()
    {
        var scenario = Started("ROC10").Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA), Note = "Project delivered and finished." }, At(2010, 4, 20));

        Assert.Equal("ROC10: receiving reallocated funds is not possible now because the project has been completed.",
            scenario.Refusal("ReceiveReallocatedFunds", new { FromProjectCode = "ROC4", Amount = 100, OperationId = "x" }, At(2010, 6, 2)));
    }

    [Fact]
    public void Given_RecipientFundedFromAnotherStream_When_ReallocatedFundsArrive_Then_RefusedAsMoneyMovesOnlyWithinItsStream()
    {
        var seed = RochfordSeed.StartPayloadFor("ROC6", new NodaTime.LocalDate(2010, 1, 4));
        var scenario = Started(seed with { Project = seed.Project with { FundingStream = FundingStream.AdditionalVoluntarySupport } });

        // The refusal travels back to ROC4 (RaisedEventRefused), which returns the money to its own stream's unallocated balance.
        Assert.Equal("ROC6: the £9,000.00 reallocated from ROC4 is Performance Reward Grant money, but ROC6 is funded from Additional Voluntary Support funding; reallocated funding stays within its stream.",
            scenario.Refusal("ReceiveReallocatedFunds",
                new { FromProjectCode = "ROC4", Amount = 900000, OperationId = "ROC4-reallocation-to-ROC6", Stream = "PerformanceRewardGrant" }, At(2010, 6, 2)));
        Assert.Equal(Money.Pounds(8_500), scenario.State.Funding.Awarded);
    }

    [Fact]
    public void Given_RecipientInTheSameStream_When_FundsArriveNamingTheStream_Then_Received()
    {
        var scenario = Started("ROC6").Raise("ReceiveReallocatedFunds",
            new { FromProjectCode = "ROC4", Amount = 900000, OperationId = "ROC4-reallocation-to-ROC6", Stream = "PerformanceRewardGrant" }, At(2010, 6, 2));

        Assert.Equal(["FundsReceived"], scenario.EventTypes);
        Assert.Equal(Money.Pounds(17_500), scenario.State.Funding.Awarded);
    }
}
