// The partnership's instance keeps each stream's live ledger: Given/When/Then over the PartnershipCycle decider, fed the
// RecordFunding inputs projects raise on it (made here by the projects' own decider where the rule is the project's).

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Partnership;

public sealed class PartnershipCycleTests
{
    private static readonly PartnershipCycle Cycle = new();
    private static readonly FundingStream Prg = FundingStream.PerformanceRewardGrant;
    private int inputs;

    private static Decision<PartnershipState> Started(long totalPounds = 100_000) => Cycle.Start(PartnershipCycle.InstanceId,
        new OrchestrationInput.Started("start", new PartnershipStart(RochfordSeed.Contacts, CycleSettings.Default, [new StreamTotal(Prg, Money.Pounds(totalPounds))]).ToJson()),
        At(2010, 1, 4));

    private Decision<PartnershipState> Record(PartnershipState state, RecordFunding funding) =>
        Cycle.Decide(state, new OrchestrationInput.EventRaised($"i{++inputs}", RecordFunding.Name, funding.ToJson()), At(2010, 6, 1));

    /// <summary>
    /// Records a movement the ledger cannot take: nothing in the ledger changes, the partnership's history says why and the
    /// officers are emailed. Returns the reason.
    /// </summary>
    private string Refusal(PartnershipState state, RecordFunding funding)
    {
        var decision = Record(state, funding);
        Assert.Equal(state.Positions(), decision.State.Positions());
        var recorded = Assert.Single(decision.Events);
        Assert.Equal("FundingNotRecorded", recorded.Type);
        var email = Assert.IsType<Effect.SendEmail>(Assert.Single(decision.Effects));
        Assert.Equal((Rochford.Lsp.Reporting.Email.EmailTemplates.FundingNotRecorded, Recipients.Officers), (email.Template, Assert.Single(email.To)));
        var model = JsonSerializer.Deserialize<Rochford.Lsp.Reporting.Email.FundingNotRecordedModel>(email.ModelJson, Rochford.Lsp.Reporting.Json.ReportingJson.Options)!;
        Assert.Equal((funding.ProjectCode, funding.Stream), (model.ProjectCode, model.Stream));
        Assert.Equal($"Not recorded: {model.Reason}", recorded.Explanation);
        return model.Reason;
    }

    private static RecordFunding Award(string code, long pounds) => new(Prg, FundingMove.Award, $"{code}-award", code, Money.Pounds(pounds));

    /// <summary>ROC4 awarded £15,000 and ROC6 £20,000, ROC4 paid £1,000 and £14,000 withdrawn from it.</summary>
    private PartnershipState CarelineWithdrawn()
    {
        var state = Started().State;
        state = Record(state, Award("ROC4", 15_000)).State;
        state = Record(state, Award("ROC6", 20_000)).State;
        state = Record(state, new RecordFunding(Prg, FundingMove.Release, "ROC4-payment-0-100000", "ROC4", Money.Pounds(1_000))).State;
        return Record(state, new RecordFunding(Prg, FundingMove.Withdraw, "ROC4-withdrawal-0", "ROC4", Money.Pounds(14_000))).State;
    }

    [Fact]
    public void Given_NewPartnership_When_Started_Then_EachStreamsLedgerOpensWithItsMoneyUnallocated()
    {
        var started = Started();

        var position = Assert.Single(started.State.Positions());
        Assert.Equal((Money.Pounds(100_000), Money.Pounds(100_000), Money.Zero), (position.Total, position.Unallocated, position.Awarded));
        Assert.Equal(["PartnershipStarted"], started.Events.Select(e => e.Type));
        Assert.Equal("The partnership's ledgers opened: Performance Reward Grant £100,000.00.", started.Events[0].Explanation);
        Assert.Equal("Performance Reward Grant: £100,000.00 unallocated of £100,000.00", started.Status);
        Assert.Null(started.NextWakeUp);
    }

    [Fact]
    public void Given_AProjectStarts_When_ItsAwardArrives_Then_TheStreamsUnallocatedBalanceFallsByIt()
    {
        // The project's own decider makes the input, as the runtime delivers it.
        var raised = Assert.IsType<Effect.RaiseEvent>(Assert.Single(Rochford.Lsp.Reporting.Tests.Cycle.Scenario.Started("ROC4").Last.Effects));

        var decision = Cycle.Decide(Started().State, new OrchestrationInput.EventRaised("ROC4/1/0", raised.Name, raised.PayloadJson), At(2010, 1, 4));

        var position = Assert.Single(decision.State.Positions());
        Assert.Equal((Money.Pounds(15_000), Money.Pounds(85_000), Money.Pounds(15_000)), (position.Awarded, position.Unallocated, position.Unreleased));
        Assert.Equal("£15,000.00 awarded to ROC4. The Performance Reward Grant has £85,000.00 unallocated of its £100,000.00.",
            Assert.Single(decision.Events).Explanation);
    }

    [Fact]
    public void Given_AWithdrawal_When_ReallocatedInPart_Then_TheRestReturnsToUnallocatedAndEveryPennyIsAccountedFor()
    {
        var state = CarelineWithdrawn();

        var decision = Record(state, new RecordFunding(Prg, FundingMove.Reallocate, "ROC4-reallocation", "ROC4", Money.Pounds(10_000),
            [new Allocation("ROC6", Money.Pounds(10_000))]));

        var position = Assert.Single(decision.State.Positions());
        Assert.Equal((Money.Pounds(14_000), Money.Pounds(10_000), Money.Pounds(4_000), Money.Zero),
            (position.Withdrawn, position.Reallocated, position.ReturnedToUnallocated, position.Held));
        Assert.Equal(Money.Pounds(100_000 - 35_000 + 4_000), position.Unallocated);
        Assert.Equal(Money.Pounds(30_000), decision.State.LedgerOf(Prg)!.AccountOf("ROC6").Unreleased);
        Assert.Equal(position.Total, position.AccountedFor);
    }

    [Fact]
    public void Given_Reallocated_When_ARecipientRefuses_Then_ItsShareReturnsToUnallocatedAndIsNoLongerReallocated()
    {
        var state = Record(CarelineWithdrawn(), new RecordFunding(Prg, FundingMove.Reallocate, "ROC4-reallocation", "ROC4", Money.Pounds(14_000),
            [new Allocation("ROC6", Money.Pounds(14_000))])).State;

        var decision = Record(state, new RecordFunding(Prg, FundingMove.Return, "ROC4-reallocation-to-ROC6-refused", "ROC6", Money.Pounds(14_000),
            RefusedReallocation: true));

        var position = Assert.Single(decision.State.Positions());
        Assert.Equal((Money.Zero, Money.Pounds(14_000), Money.Pounds(79_000)), (position.Reallocated, position.ReturnedToUnallocated, position.Unallocated));
        Assert.Equal("ROC6 refused £14,000.00 reallocated to it, returned to the unallocated balance. The Performance Reward Grant has £79,000.00 unallocated of its £100,000.00.",
            Assert.Single(decision.Events).Explanation);
    }

    [Fact]
    public void Given_APaymentReleased_When_AWithdrawalWouldCutTheAwardBelowIt_Then_TheLedgerDoesNotTakeIt_AndTheOfficersAreTold()
    {
        var state = Record(Record(Started().State, Award("ROC4", 15_000)).State,
            new RecordFunding(Prg, FundingMove.Release, "ROC4-payment-0-500000", "ROC4", Money.Pounds(5_000))).State;

        Assert.Equal("ROC4: the Performance Reward Grant ledger refused the withdrawal of £15,000.00: Cannot withdraw £15,000.00 from ROC4: only £10,000.00 of its award is unreleased.",
            Refusal(state, new RecordFunding(Prg, FundingMove.Withdraw, "ROC4-withdrawal-0", "ROC4", Money.Pounds(15_000))));
        Assert.Contains("only £10,000.00 of its award is unreleased",
            Refusal(state, new RecordFunding(Prg, FundingMove.Release, "ROC4-payment-500000-1500000", "ROC4", Money.Pounds(15_000))));
    }

    [Fact]
    public void Given_AWithdrawal_When_MoreThanWasWithdrawnIsReallocated_Then_TheLedgerDoesNotTakeIt()
    {
        Assert.Equal("ROC4: the Performance Reward Grant ledger refused the reallocation: Cannot reallocate £14,000.01: ROC4 holds only £14,000.00 of withdrawn funding.",
            Refusal(CarelineWithdrawn(), new RecordFunding(Prg, FundingMove.Reallocate, "ROC4-reallocation", "ROC4", Money.Zero,
                [new Allocation("ROC6", new Money(1_400_001))])));
    }

    [Fact]
    public void Given_AnAward_When_MoreThanIsUnallocated_Then_TheLedgerDoesNotTakeIt()
    {
        Assert.Equal("ROC4: the Performance Reward Grant ledger refused the award of £15,000.00: Cannot award £15,000.00 to ROC4: only £10,000.00 of the Performance Reward Grant is unallocated.",
            Refusal(Started(10_000).State, Award("ROC4", 15_000)));
    }

    [Fact]
    public void Given_AMovementRecorded_When_ItArrivesAgain_Then_NothingChanges()
    {
        var state = CarelineWithdrawn();

        var again = Record(state, new RecordFunding(Prg, FundingMove.Withdraw, "ROC4-withdrawal-0", "ROC4", Money.Pounds(14_000)));

        Assert.True(again.IsNoOp);
        Assert.Equal(state.Positions(), again.State.Positions());
    }

    [Fact]
    public void Given_AStreamThePartnershipDoesNotHave_When_MoneyMovesInIt_Then_ItIsNotRecorded()
    {
        Assert.Equal("ROC11: the partnership has no Additional Voluntary Support funding ledger, so its award of £5,000.00 cannot be recorded.",
            Refusal(Started().State, new RecordFunding(FundingStream.AdditionalVoluntarySupport, FundingMove.Award, "ROC11-award", "ROC11", Money.Pounds(5_000))));
    }

    [Fact]
    public void Given_ThePartnership_When_AnythingButFundingArrives_Then_ItIsRefused()
    {
        Assert.Equal("The partnership takes RecordFunding, ReserveAward, ReceiveFunding, ChangePartnershipContacts and OverrideCycleSettings inputs, not 'ApproveWithdrawal'.",
            Assert.Throws<InputRefusedException>(() => Cycle.Decide(Started().State, new OrchestrationInput.EventRaised("x", "ApproveWithdrawal", "{}"), At(2010, 6, 1))).Message);
        Assert.Contains("'Move' must be Award, Release, Withdraw, Reallocate or Return",
            Assert.Throws<InputRefusedException>(() => Cycle.Decide(Started().State, new OrchestrationInput.EventRaised("y", RecordFunding.Name,
                """{"Stream":"PerformanceRewardGrant","Move":"Gift","OperationId":"x","ProjectCode":"ROC4","Amount":100}"""), At(2010, 6, 1))).Message);
    }

    [Fact]
    public void Given_AnyInstanceId_When_NotThePartnerships_Then_TheStartIsRefused()
    {
        Assert.Contains("must be 'partnership'", Assert.Throws<InputRefusedException>(() => Cycle.Start("ROC4",
            new OrchestrationInput.Started("start", PartnershipStart.ForProjects(RochfordSeed.Contacts, CycleSettings.Default, RochfordSeed.Projects).ToJson()), At(2010, 1, 4))).Message);
    }

    [Fact]
    public void State_WrittenAsTheRuntimeWritesIt_ReadsBackWithTheSameLedgers()
    {
        var state = Record(CarelineWithdrawn(), new RecordFunding(Prg, FundingMove.Reallocate, "ROC4-reallocation", "ROC4", Money.Pounds(10_000),
            [new Allocation("ROC6", Money.Pounds(10_000))])).State;

        var read = JsonSerializer.Deserialize<PartnershipState>(JsonSerializer.Serialize(state, Cycle.StateSerializerOptions), Cycle.StateSerializerOptions)!;

        Assert.Equal(state.Positions(), read.Positions());
        Assert.Equal(state.LedgerOf(Prg)!.Accounts.OrderBy(a => a.Key), read.LedgerOf(Prg)!.Accounts.OrderBy(a => a.Key));
        Assert.Equal(state.LedgerOf(Prg)!.AppliedOperationIds.Order(), read.LedgerOf(Prg)!.AppliedOperationIds.Order());
        Assert.Equal(state.Contacts.Officers, read.Contacts.Officers);
        Assert.True(Record(read, new RecordFunding(Prg, FundingMove.Withdraw, "ROC4-withdrawal-0", "ROC4", Money.Pounds(14_000))).IsNoOp);
    }

    private Decision<PartnershipState> Raise(PartnershipState state, string name, object payload) =>
        Cycle.Decide(state, new OrchestrationInput.EventRaised($"i{++inputs}", name, JsonSerializer.Serialize(payload)), At(2010, 6, 1));

    private static readonly object NewContacts = new
    {
        Officers = new[] { new { Name = "LSP Officer A (example)", Email = "lsp.officer.a@example.org" }, new { Name = "LSP Officer C (example)", Email = "lsp.officer.c@example.org" } },
        ExecutiveBoardEmail = "board@example.org",
        ExecutiveChairEmail = "chair@example.org",
    };

    [Fact]
    public void Given_ThePartnership_When_AnOfficerChangesItsContacts_Then_TheyAreKeptHere_InItsHistory_AndRaisedOnTheProjectsNamed()
    {
        var decision = Raise(Started().State, "ChangePartnershipContacts", new { Officer = Officer(OfficerB), Contacts = NewContacts, Projects = new[] { "ROC4", "roc6" } });

        Assert.Equal(["LSP Officer A (example)", "LSP Officer C (example)"], decision.State.Contacts.Officers.Select(o => o.Name));
        Assert.Equal(("board@example.org", "chair@example.org"), (decision.State.Contacts.ExecutiveBoardEmail, decision.State.Contacts.ExecutiveChairEmail));
        Assert.Equal("LSP Officer B (example) changed the partnership's contacts: officers LSP Officer A (example) (lsp.officer.a@example.org) and LSP Officer C (example) (lsp.officer.c@example.org); Executive Board board@example.org; chair chair@example.org, applied to ROC4, ROC6.",
            Assert.Single(decision.Events).Explanation);
        var raised = decision.Effects.Cast<Effect.RaiseEvent>().ToList();
        Assert.Equal([("ROC4", "ChangePartnershipContacts"), ("ROC6", "ChangePartnershipContacts")], raised.Select(r => (r.TargetInstanceId, r.Name)));
        // Each project's own cycle applies the change as raised.
        var careline = Rochford.Lsp.Reporting.Tests.Cycle.Scenario.Started("ROC4").Raise(raised[0].Name, JsonSerializer.Deserialize<JsonElement>(raised[0].PayloadJson), At(2010, 6, 1));
        Assert.Equal(decision.State.Contacts.Officers, careline.State.Contacts.Officers);
    }

    [Fact]
    public void Given_ThePartnership_When_SomeoneWhoIsNotAnOfficerChangesItsContacts_Then_Refused()
    {
        Assert.StartsWith("The partnership: changing the partnership's contacts was refused because Someone (someone@example.org) is not one of the partnership's officers",
            Assert.Throws<InputRefusedException>(() => Raise(Started().State, "ChangePartnershipContacts",
                new { Officer = new { Name = "Someone", Email = "someone@example.org" }, Contacts = NewContacts })).Message);
    }

    [Fact]
    public void Given_ThePartnership_When_AnOfficerChangesTheTimings_Then_TheDefaultsChange_AndTheSameChangesAreRaisedOnTheProjects()
    {
        var decision = Raise(Started().State, "OverrideCycleSettings", new { Officer = Officer(OfficerA), Settings = new { DueDaysAfterQuarterEnd = 20 }, Projects = new[] { "ROC4" } });

        Assert.Equal(20, decision.State.Defaults.DueDaysAfterQuarterEnd);
        Assert.Equal(CycleSettings.Default with { DueDaysAfterQuarterEnd = 20 }, decision.State.Defaults);
        Assert.Equal("LSP Officer A (example) changed the partnership's reporting timings, applied to ROC4.", Assert.Single(decision.Events).Explanation);
        var raised = Assert.IsType<Effect.RaiseEvent>(Assert.Single(decision.Effects));
        Assert.Equal(("ROC4", "OverrideCycleSettings"), (raised.TargetInstanceId, raised.Name));
        Assert.Contains("cannot work", Assert.Throws<InputRefusedException>(() =>
            Raise(Started().State, "OverrideCycleSettings", new { Officer = Officer(OfficerA), Settings = new { DueDaysAfterQuarterEnd = -5 } })).Message);
        Assert.True(Raise(decision.State, "OverrideCycleSettings", new { Officer = Officer(OfficerA), Settings = new { DueDaysAfterQuarterEnd = 20 } }).IsNoOp);
    }

    [Fact]
    public void Given_AChangeRaisedOnAProject_When_TheProjectRefusesIt_Then_ThePartnershipsHistorySaysSo()
    {
        var refusal = new RaisedEventRefusal("partnership/2/0", "ROC4", "ChangePartnershipContacts",
            "ROC4: LSP Officer B (example) proposed the reallocation awaiting approval, so until it is approved or rejected a different officer must change the partnership's contacts.", "{}");

        var decision = Raise(Started().State, RaisedEventRefusal.EventName, refusal);

        Assert.Equal("ProjectRefusedChange", Assert.Single(decision.Events).Type);
        Assert.StartsWith("ROC4 did not apply the change: ROC4: LSP Officer B (example) proposed the reallocation", decision.Events[0].Explanation);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Given_Awards_When_Recorded_Then_ThePartnershipKnowsItsProjectsOnce()
    {
        var state = Record(Record(Started().State, Award("ROC4", 15_000)).State, Award("ROC6", 20_000)).State;

        Assert.Equal(["ROC4", "ROC6"], state.Projects);
        Assert.Equal(["ROC4", "ROC6"], Record(state, Award("ROC4", 15_000)).State.Projects);
    }

    [Fact]
    public void Given_ProjectsThatStartedBeforeIt_When_ThePartnershipStarts_Then_TheirAccountsOpenWhereTheirMoneyStands_AndTheirAwardsAreNotTakenTwice()
    {
        var careline = Rochford.Lsp.Reporting.Tests.Cycle.Scenario.Started("ROC4")
            .Raise("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = 100_000, ReleasedOn = "2010-01-05" }, At(2010, 1, 5)).State;
        var start = PartnershipStart.ForProjects(RochfordSeed.Contacts, CycleSettings.Default, [careline.Project, RochfordSeed.Partnership.Project("ROC6")], [careline]);

        var started = Cycle.Start(PartnershipCycle.InstanceId, new OrchestrationInput.Started("start", start.ToJson()), At(2010, 2, 1));

        var ledger = started.State.LedgerOf(Prg)!;
        Assert.Equal(new ProjectAccount(Money.Pounds(14_000), Money.Pounds(1_000), Money.Zero), ledger.AccountOf("ROC4"));
        Assert.Equal((Money.Pounds(15_000), RochfordSeed.Partnership.Project("ROC6").AmountAwarded), (ledger.Awarded, ledger.Unallocated));
        Assert.Equal(["ROC4"], started.State.Projects);
        Assert.True(Record(started.State, Award("ROC4", 15_000)).IsNoOp);
        // Openings that the stream's money cannot cover are refused, not opened.
        var short_ = start with { Streams = [new StreamTotal(Prg, Money.Pounds(1_000))] };
        Assert.StartsWith("Start: the Performance Reward Grant's £1,000.00 does not cover its projects' opening accounts (ROC4)",
            Assert.Throws<InputRefusedException>(() => Cycle.Start(PartnershipCycle.InstanceId, new OrchestrationInput.Started("start", short_.ToJson()), At(2010, 2, 1))).Message);
    }

    [Fact]
    public void Given_AStream_When_AnOfficerRecordsMoneyReceived_Then_ItsTotalAndUnallocatedGrow_AndANewStreamOpens()
    {
        var state = Record(Started(totalPounds: 10_000).State, Award("ROC4", 10_000)).State;

        var topUp = Raise(state, ReceiveFunding.Name, new { Officer = Officer(OfficerA), Stream = "PerformanceRewardGrant", Amount = 500_000, Reference = "PRG 2010-11" });
        var avs = Raise(topUp.State, ReceiveFunding.Name, new { Officer = Officer(OfficerA), Stream = "AdditionalVoluntarySupport", Amount = "£2,000", Reference = "AVS grant" });

        var prg = topUp.State.LedgerOf(Prg)!;
        Assert.Equal((Money.Pounds(15_000), Money.Pounds(5_000)), (prg.Total, prg.Unallocated));
        Assert.Equal(prg.Total, prg.AccountedFor);
        var received = Assert.Single(topUp.Events);
        Assert.Equal("FundingReceived", received.Type);
        Assert.Contains("£5,000.00 received into the Performance Reward Grant (PRG 2010-11)", received.Explanation, StringComparison.Ordinal);
        Assert.Equal([FundingStream.PerformanceRewardGrant, FundingStream.AdditionalVoluntarySupport], avs.State.Streams.Select(l => l.Stream));
        Assert.Equal((Money.Pounds(2_000), Money.Pounds(2_000)), (avs.State.LedgerOf(FundingStream.AdditionalVoluntarySupport)!.Total, avs.State.LedgerOf(FundingStream.AdditionalVoluntarySupport)!.Unallocated));
        // The new money can be awarded: a project started now is recorded, not refused.
        Assert.Equal("FundingRecorded", Assert.Single(Record(topUp.State, Award("ROC11", 5_000)).Events).Type);
    }

    [Fact]
    public void Given_SomeoneWhoIsNotAnOfficer_OrNoMoney_When_MoneyReceivedIsRecorded_Then_ItIsRefusedInWords()
    {
        var state = Started().State;

        Assert.Contains("recording money received was refused because Mallory (mallory@example.org) is not one of the partnership's officers",
            Assert.Throws<InputRefusedException>(() => Raise(state, ReceiveFunding.Name,
                new { Officer = new { Name = "Mallory", Email = "mallory@example.org" }, Stream = "PerformanceRewardGrant", Amount = 100, Reference = "x" })).Message, StringComparison.Ordinal);
        Assert.Throws<InputRefusedException>(() => Raise(state, ReceiveFunding.Name,
            new { Officer = Officer(OfficerA), Stream = "PerformanceRewardGrant", Amount = 0, Reference = "nothing" }));
        Assert.Throws<InputRefusedException>(() => Raise(state, ReceiveFunding.Name,
            new { Officer = Officer(OfficerA), Stream = "Lottery", Amount = 100, Reference = "x" }));
    }

    [Fact]
    public void Given_MoneyReceived_When_TheSameFormArrivesAgainLater_Then_ItIsCountedOnce_EvenFromAnOfficerWhoHasSinceLeft()
    {
        var state = Started(totalPounds: 100_000).State;
        var form = new OrchestrationInput.EventRaised("web:ReceiveFunding:form-1:0123456789ABCDEF", ReceiveFunding.Name,
            JsonSerializer.Serialize(new { Officer = Officer(OfficerA), Stream = "PerformanceRewardGrant", Amount = "£25,000", Reference = "PRG top-up" }));
        state = Cycle.Decide(state, form, At(2010, 6, 1)).State;
        Assert.Equal(Money.Pounds(125_000), state.LedgerOf(Prg)!.Total);
        // Officer A leaves the partnership meanwhile: "already done" is answered before "who may do it".
        state = Raise(state, nameof(ChangePartnershipContacts), new
        {
            Officer = Officer(OfficerA),
            Contacts = new
            {
                Officers = new[] { Officer(OfficerB), new { Name = "LSP Officer C (example)", Email = "lsp.officer.c@example.org" } },
                RochfordSeed.Contacts.ExecutiveBoardEmail,
                RochfordSeed.Contacts.ExecutiveChairEmail,
            },
        }).State;
        Assert.DoesNotContain(state.Contacts.Officers, o => o.IsSamePersonAs(OfficerA));

        var again = Cycle.Decide(state, form, At(2010, 9, 1));

        Assert.True(again.IsNoOp);
        Assert.Equal(Money.Pounds(125_000), again.State.LedgerOf(Prg)!.Total);
        // Another form for the same amount is more money received.
        var second = Cycle.Decide(state, form with { InputId = "web:ReceiveFunding:form-2:0123456789ABCDEF", PayloadJson = form.PayloadJson.Replace(
            "lsp.officer.a@example.org", "lsp.officer.b@example.org", StringComparison.Ordinal).Replace("LSP Officer A", "LSP Officer B", StringComparison.Ordinal) }, At(2010, 9, 1));
        Assert.Equal(Money.Pounds(150_000), second.State.LedgerOf(Prg)!.Total);
    }
}
