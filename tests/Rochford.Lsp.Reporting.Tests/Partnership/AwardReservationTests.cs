// A new project's award is promised only by the partnership's ledger (issue 21): the page asks the partnership to reserve it
// (ReserveAward, carrying the form's submission id) and starts the project only once the reservation is accepted. Eight
// forms for £1,000 each from a stream with £1,000 unallocated reserve £1,000 once; twelve forms for one code reserve it
// once and the others are told who added it and when. Given/When/Then over the PartnershipCycle decider.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Partnership;

public sealed class AwardReservationTests
{
    private const string ReserveAward = "ReserveAward";
    private static readonly PartnershipCycle Cycle = new();
    private static readonly FundingStream Prg = FundingStream.PerformanceRewardGrant;
    private int inputs;

    private static PartnershipState Started(long totalPounds) => Cycle.Start(PartnershipCycle.InstanceId,
        new OrchestrationInput.Started("start", new PartnershipStart(RochfordSeed.Contacts, CycleSettings.Default, [new StreamTotal(Prg, Money.Pounds(totalPounds))]).ToJson()),
        At(2010, 1, 4)).State;

    /// <summary>The new-project form's reservation, as the page raises it: the officer, the form's submission id, the project and when monitoring starts.</summary>
    private static object Reservation(string code, long pounds, string submissionId, Person? officer = null, string name = "Youth Cafe") => new
    {
        Officer = Officer(officer ?? OfficerA),
        SubmissionId = submissionId,
        Project = new
        {
            Code = code,
            Name = name,
            Organisation = "Rochford Youth Trust",
            Objective = "An evening cafe for young people in Rayleigh.",
            StrategicPriority = 3,
            PerformanceIndicators = new[] { "NI 110" },
            FundingStream = "PerformanceRewardGrant",
            AmountAwarded = pounds * 100,
            Lead = new { Name = "Yusuf Lead", Email = "yusuf.lead@youth.example.org" },
        },
        MonitoringStarts = "2010-06-01",
    };

    private Decision<PartnershipState> Raise(PartnershipState state, string name, object payload, DateTimeOffset? at = null) =>
        Cycle.Decide(state, new OrchestrationInput.EventRaised($"i{++inputs}", name, JsonSerializer.Serialize(payload)), at ?? At(2010, 6, 1));

    private string Refusal(PartnershipState state, string name, object payload) =>
        Assert.Throws<InputRefusedException>(() => Raise(state, name, payload)).Message;

    [Fact]
    public void Given_AStreamWith1000Unallocated_When_EightProjectsOf1000AreReserved_Then_OneIsAccepted_AndSevenAreRefused_AndNothingIsOvercommitted()
    {
        var state = Started(1_000);

        var first = Raise(state, ReserveAward, Reservation("ROC21", 1_000, "submission-21"));
        var refusals = Enumerable.Range(22, 7).Select(n => Refusal(first.State, ReserveAward, Reservation($"ROC{n}", 1_000, $"submission-{n}"))).ToList();

        // Accepted: the money is earmarked for ROC21 in the ledger, at once.
        var position = Assert.Single(first.State.Positions());
        Assert.Equal((Money.Zero, Money.Pounds(1_000), Money.Pounds(1_000)), (position.Unallocated, position.Awarded, position.Unreleased));
        Assert.Equal(Money.Pounds(1_000), first.State.LedgerOf(Prg)!.AccountOf("ROC21").Unreleased);
        var reserved = Assert.Single(first.Events);
        Assert.Equal("AwardReserved", reserved.Type);
        Assert.Equal("LSP Officer A (example) added ROC21 (Youth Cafe), reserving £1,000.00 of the Performance Reward Grant for its award. The Performance Reward Grant has £0.00 unallocated of its £1,000.00.",
            reserved.Explanation);
        // Refused: not enough unallocated money, said in words; the ledger did not move.
        Assert.All(refusals, reason => Assert.Equal(
            $"Only £0.00 of the Performance Reward Grant is unallocated, so £1,000.00 cannot be awarded; your entry was not added.", reason));
    }

    [Fact]
    public void Given_ACodeReserved_When_AnotherOfficersFormForTheSameCodeArrives_Then_TheyAreToldWhoAddedItAndWhen()
    {
        var state = Raise(Started(20_000), ReserveAward, Reservation("ROC30", 1_000, "submission-a"), At(2010, 6, 1, 10, 15)).State;

        Assert.Equal("ROC30 was added by LSP Officer A (example) at 10:15 on 1 Jun 2010; your entry was not added.",
            Refusal(state, ReserveAward, Reservation("ROC30", 1_000, "submission-b", OfficerB, name: "Another cafe")));
        Assert.Equal(Money.Pounds(19_000), Assert.Single(state.Positions()).Unallocated);
    }

    [Fact]
    public void Given_AReservation_When_TheSameFormArrivesAgainWithAChangedAmount_Then_NothingMore_IsReserved()
    {
        var state = Raise(Started(20_000), ReserveAward, Reservation("ROC31", 1_000, "submission-31")).State;

        var again = Raise(state, ReserveAward, Reservation("ROC31", 5_000, "submission-31"));

        Assert.True(again.IsNoOp);
        Assert.Equal(Money.Pounds(19_000), Assert.Single(again.State.Positions()).Unallocated);
    }

    [Fact]
    public void Given_AProjectOfThePartnership_When_AFormForItsCodeArrives_Then_ItIsRefused()
    {
        var state = Raise(Started(20_000), RecordFunding.Name, new RecordFunding(Prg, FundingMove.Award, "ROC4-award", "ROC4", Money.Pounds(15_000))).State;

        Assert.Equal("ROC4 is already one of the partnership's projects; your entry was not added.",
            Refusal(state, ReserveAward, Reservation("ROC4", 1_000, "submission-4")));
    }

    [Fact]
    public void Given_AReservation_When_TheProjectStartsAndRaisesItsAward_Then_TheAwardIsTakenUp_NotMadeTwice()
    {
        var reserved = Raise(Started(1_000), ReserveAward, Reservation("ROC21", 1_000, "submission-21")).State;

        // The project's own decider raises its award as it starts, as for every project.
        var award = Assert.Single(Rochford.Lsp.Reporting.Tests.Cycle.Scenario.Started(new StartPayload(
            new ProjectProfile("ROC21", "Youth Cafe", "Rochford Youth Trust", "An evening cafe for young people in Rayleigh.", 3, ["NI 110"], Prg, Money.Pounds(1_000),
                new Person("Yusuf Lead", "yusuf.lead@youth.example.org")),
            RochfordSeed.Contacts, CycleSettings.Default, new NodaTime.LocalDate(2010, 6, 1)), At(2010, 6, 1)).Last.Effects.OfType<Effect.RaiseEvent>());
        var taken = Cycle.Decide(reserved, new OrchestrationInput.EventRaised("ROC21/1/0", award.Name, award.PayloadJson), At(2010, 6, 1));

        Assert.DoesNotContain(taken.Events, e => e.Type == "FundingNotRecorded");
        Assert.Equal(["AwardTakenUp"], taken.Events.Select(e => e.Type));
        var position = Assert.Single(taken.State.Positions());
        Assert.Equal((Money.Zero, Money.Pounds(1_000)), (position.Unallocated, position.Awarded));
    }

    [Fact]
    public void Given_ThePartnership_When_SomeoneWhoIsNotAnOfficerReservesAnAward_Then_ItIsRefused()
    {
        Assert.StartsWith("The partnership: adding a project was refused because Not An Officer (someone@example.org) is not one of the partnership's officers",
            Refusal(Started(1_000), ReserveAward, Reservation("ROC21", 1_000, "submission-21", new Person("Not An Officer", "someone@example.org"))));
    }
}
