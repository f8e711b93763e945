// The quarterly cycle for Careline (ROC4), monitored from 4 January 2010: the Jan - Mar 2010 report is
// requested on 17 March, reminded on 10 April, due by 15 April, chased on 16 April and Red by 25 April.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using NodaTime;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class QuarterlyCycleTests
{
    private static Scenario Requested() => Started().WakeAt(At(2010, 3, 17));

    [Fact]
    public void Given_NewProject_When_Started_Then_MonitoringStartsAndFirstRequestIsScheduledFor17March()
    {
        var scenario = Started();

        Assert.Equal(["MonitoringStarted"], scenario.EventTypes);
        // The only effect: the award leaves the stream's unallocated balance on the partnership's ledger.
        var award = Assert.IsType<Effect.RaiseEvent>(Assert.Single(scenario.Last.Effects));
        Assert.Equal((PartnershipCycle.InstanceId, RecordFunding.Name), (award.TargetInstanceId, award.Name));
        Assert.Equal(new RecordFunding(FundingStream.PerformanceRewardGrant, FundingMove.Award, "ROC4-award", "ROC4", Money.Pounds(15_000)),
            RecordFunding.Parse(award.PayloadJson));
        Assert.Equal(new DateTimeOffset(2010, 3, 17, 9, 0, 0, TimeSpan.Zero), scenario.Last.NextWakeUp);
        Assert.Equal("Next report request: Jan - Mar 2010 on 17 Mar 2010", scenario.Last.Status);
        Assert.Equal("Monitoring of ROC4 Careline (£15,000.00 awarded) started on 4 Jan 2010, beginning with the Jan - Mar 2010 report.",
            scenario.Last.Events[0].Explanation);
    }

    [Fact]
    public void Given_ProjectStartedAfterTheRequestDate_When_Started_Then_TheReportIsRequestedAtOnce()
    {
        var scenario = Started(monitoringStarts: new LocalDate(2010, 3, 25), now: At(2010, 3, 25, 14));

        Assert.Equal(["MonitoringStarted", "ReportRequested"], scenario.EventTypes);
    }

    [Fact]
    public void Given_Started_When_WokenOn17March_Then_ReportIsRequestedFromTheLeadWithAPersonalLink()
    {
        var scenario = Requested();

        Assert.Equal(["ReportRequested"], scenario.EventTypes);
        Assert.Equal("The Jan - Mar 2010 report was requested from Careline project lead (example), due by 15 Apr 2010.", scenario.Last.Events[0].Explanation);
        var email = scenario.Email(EmailTemplates.QuarterlyRequest);
        Assert.Equal(["roc4.lead@example.org"], email.To);
        Assert.Empty(email.Cc);
        var model = scenario.Model(EmailTemplates.QuarterlyRequest);
        Assert.Equal("Jan - Mar 2010", model.GetProperty("PeriodCovered").GetString());
        Assert.Equal("2010-03-31", model.GetProperty("ReportingDate").GetString());
        Assert.Equal("2010-04-15", model.GetProperty("DueOn").GetString());
        Assert.Equal("SubmitReport", model.GetProperty("Link").GetProperty("Purpose").GetString());
        Assert.Equal("2009-10 Q4", model.GetProperty("Link").GetProperty("Quarter").GetString());
        Assert.Equal("2010-04-25", model.GetProperty("Link").GetProperty("ExpiresOn").GetString());
        Assert.Equal("Awaiting Jan - Mar 2010 report (due 15 Apr 2010)", scenario.Last.Status);
        Assert.Equal(At(2010, 4, 10), scenario.Last.NextWakeUp);
    }

    [Fact]
    public void Given_Started_When_WokenEarly_Then_NothingHappensAndTheWakeUpStays()
    {
        var scenario = Started();
        var before = scenario.Last.NextWakeUp;

        scenario.WakeAt(At(2010, 3, 16));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Equal(before, scenario.Last.NextWakeUp);
    }

    [Fact]
    public void Given_Requested_When_WokenTwiceForTheSameTime_Then_TheSecondWakeUpDoesNothing()
    {
        var scenario = Requested().WakeAt(At(2010, 3, 17));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Single(scenario.State.Quarters);
    }

    [Fact]
    public void Given_Requested_When_WokenOn10AprilInBst_Then_LeadIsReminded()
    {
        var scenario = Requested().WakeAt(new DateTimeOffset(2010, 4, 10, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(["ReminderSent"], scenario.EventTypes);
        Assert.Equal(["roc4.lead@example.org"], scenario.Email(EmailTemplates.Reminder).To);
        Assert.Equal(At(2010, 4, 16), scenario.Last.NextWakeUp);
    }

    [Fact]
    public void Given_Reminded_When_WokenTheDayAfterDue_Then_LeadIsChasedWithOfficersCopied()
    {
        var scenario = Requested().WakeAt(At(2010, 4, 10)).WakeAt(At(2010, 4, 16));

        Assert.Equal(["ReportOverdue"], scenario.EventTypes);
        var email = scenario.Email(EmailTemplates.OverdueChase);
        Assert.Equal(["roc4.lead@example.org"], email.To);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], email.Cc);
        Assert.Equal("Jan - Mar 2010 report overdue (was due 15 Apr 2010)", scenario.Last.Status);
    }

    [Fact]
    public void Given_Chased_When_Woken10DaysAfterDue_Then_NoReportCountsAsRedAndOfficersAreTold()
    {
        var scenario = Requested().WakeAt(At(2010, 4, 10)).WakeAt(At(2010, 4, 16)).WakeAt(At(2010, 4, 25));

        Assert.Equal(["NoReportReceived", "RecoveryDeadlineSet"], scenario.EventTypes);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], scenario.Email(EmailTemplates.NoReportReceived).To);
        Assert.Equal("No report for Jan - Mar 2010: recovery deadline 26 May 2010, 8 weeks after the reporting date.", scenario.Last.Events[1].Explanation);
        Assert.Equal(Phase.RedWatch, scenario.State.Phase);
        Assert.Equal("Red: recovery deadline 26 May 2010", scenario.Last.Status);
        // What is needed first is the report itself: the lead's Red notice links to its form (taken late), until the deadline.
        var link = scenario.Model(EmailTemplates.RedNotice).GetProperty("Link");
        Assert.Equal("SubmitReport", link.GetProperty("Purpose").GetString());
        Assert.Equal("2010-05-26", link.GetProperty("ExpiresOn").GetString());
        Assert.Equal(["roc4.lead@example.org"], scenario.Email(EmailTemplates.RedNotice).To);
    }

    [Fact]
    public void Given_Requested_When_WokenLongAfterTheNoReportDate_Then_OnlyTheNoReportStepRuns()
    {
        var scenario = Requested().WakeAt(At(2010, 4, 30));

        Assert.Equal(["NoReportReceived", "RecoveryDeadlineSet"], scenario.EventTypes);
        Assert.DoesNotContain(scenario.Emails, e => e.Template is EmailTemplates.Reminder or EmailTemplates.OverdueChase);
    }

    [Fact]
    public void Given_LeadWithNoEmail_When_ReportIsRequested_Then_TheEmailIsStillEmittedWithNoRecipient()
    {
        var scenario = Started()
            .Raise("ChangeLeadContact", new { Officer = Officer(OfficerA), Lead = new { Name = "PCT contact to be named" } }, At(2010, 2, 1))
            .WakeAt(At(2010, 3, 17));

        Assert.Empty(scenario.Email(EmailTemplates.QuarterlyRequest).To);
    }

    [Fact]
    public void Given_Requested_When_GreenReportSubmitted_Then_ReceiptIsSentAndNoMoreChasing()
    {
        var scenario = Requested().Submit(Rag.Green, At(2010, 4, 1), comments: "On track");

        Assert.Equal(["ReportSubmitted"], scenario.EventTypes);
        Assert.Equal("Green report for Jan - Mar 2010 received.", scenario.Last.Events[0].Explanation);
        var receipt = scenario.Email(EmailTemplates.SubmissionReceipt);
        Assert.Equal(["roc4.lead@example.org"], receipt.To);
        Assert.Equal("2010-04-15", scenario.Model(EmailTemplates.SubmissionReceipt).GetProperty("AmendableUntil").GetString());
        Assert.Equal(Phase.Reporting, scenario.State.Phase);
        Assert.Equal(At(2010, 6, 16), scenario.Last.NextWakeUp);
        Assert.Equal("Next report request: Apr - Jun 2010 on 16 Jun 2010", scenario.Last.Status);
    }

    [Fact]
    public void Given_Submitted_When_TheSameReportIsSubmittedAgain_Then_NothingHappens()
    {
        var scenario = Requested().Submit(Rag.Green, At(2010, 4, 1)).Submit(Rag.Green, At(2010, 4, 1, 9, 1));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Equal(1, scenario.State.QuarterFor(Q4)!.Latest!.Version);
    }

    [Fact]
    public void Given_Submitted_When_AmendedBeforeTheDueDate_Then_TheLatestVersionIsKept()
    {
        var scenario = Requested().Submit(Rag.Green, At(2010, 4, 1)).Submit(Rag.Amber, At(2010, 4, 15, 23, 30), comments: "Slippage");

        Assert.Equal(["ReportAmended"], scenario.EventTypes);
        Assert.Equal("The Jan - Mar 2010 report was amended (version 2) and is now Amber.", scenario.Last.Events[0].Explanation);
        Assert.Equal((2, Rag.Amber), (scenario.State.QuarterFor(Q4)!.Latest!.Version, scenario.State.QuarterFor(Q4)!.Latest!.Status));
    }

    [Fact]
    public void Given_Submitted_When_AmendedAfterTheDueDate_Then_Refused()
    {
        var scenario = Requested().Submit(Rag.Green, At(2010, 4, 1));

        Assert.Equal("The Jan - Mar 2010 report was due by 15 Apr 2010; it can no longer be amended.",
            scenario.Refusal("SubmitQuarterlyReport", Report(Rag.Amber, Q4), At(2010, 4, 16, 0, 1)));
    }

    [Fact]
    public void Given_Chased_When_SubmittedLate_Then_AcceptedAsLate()
    {
        var scenario = Requested().WakeAt(At(2010, 4, 16)).Submit(Rag.Amber, At(2010, 4, 20));

        Assert.Equal("Amber report for Jan - Mar 2010 received late (it was due by 15 Apr 2010).", scenario.Last.Events[0].Explanation);
        Assert.True(scenario.State.QuarterFor(Q4)!.Latest!.Late);
    }

    // The Red watch opened by "no report received" asks for the overdue report: it is accepted, marked late,
    // until officers close the matter (withdraw the funding, pause reporting or complete the project).
    [Fact]
    public void Given_NoReportReceived_When_TheOverdueReportArrivesAmber_Then_ItIsAcceptedAsLateAndTheWatchCloses()
    {
        var scenario = Requested().WakeAt(At(2010, 4, 25)).Submit(Rag.Amber, At(2010, 4, 26), comments: "Contact named; start date awaited.");

        Assert.Equal(["ReportSubmitted", "RedWatchClosed"], scenario.EventTypes);
        Assert.Equal("Amber report for Jan - Mar 2010 received late (it was due by 15 Apr 2010).", scenario.Last.Events[0].Explanation);
        var quarter = scenario.State.QuarterFor(Q4)!;
        Assert.Equal(QuarterStage.Submitted, quarter.Stage);
        Assert.True(quarter.Latest!.Late);
        Assert.True(scenario.Model(EmailTemplates.SubmissionReceipt).GetProperty("IsLate").GetBoolean());
        Assert.Equal(Phase.Reporting, scenario.State.Phase);
    }

    [Fact]
    public void Given_NoReportReceived_When_TheOverdueReportArrivesRed_Then_ItIsAcceptedAsLateAndTheWatchContinues()
    {
        var scenario = Requested().WakeAt(At(2010, 4, 25)).Submit(Rag.Red, At(2010, 4, 26));

        Assert.Equal(["ReportSubmitted"], scenario.EventTypes);
        Assert.True(scenario.State.QuarterFor(Q4)!.Latest!.Late);
        Assert.Equal(Phase.RedWatch, scenario.State.Phase);
        Assert.Equal("Red: recovery deadline 26 May 2010", scenario.Last.Status);
    }

    [Fact]
    public void Given_NoReportReceivedAndFundingWithdrawn_When_TheOverdueReportArrives_Then_Refused()
    {
        var scenario = Requested().WakeAt(At(2010, 4, 25)).WakeAt(At(2010, 5, 27))
            .Raise("ApproveWithdrawal", Approval(OfficerA), At(2010, 5, 28));

        Assert.Equal("ROC4: submitting a quarterly report is not possible now because its funding has been withdrawn and awaits a reallocation proposal.",
            scenario.Refusal("SubmitQuarterlyReport", Report(Rag.Green, Q4), At(2010, 5, 29)));
    }

    [Fact]
    public void Given_Requested_When_ALaterQuarterIsSubmitted_Then_RefusedAsNotYetRequested()
    {
        Assert.Equal("The Apr - Jun 2010 report has not been requested yet; Careline project lead (example) will be asked for it on 16 Jun 2010.",
            Requested().Refusal("SubmitQuarterlyReport", Report(Rag.Green, Q1), At(2010, 4, 1)));
    }

    [Fact]
    public void Given_Requested_When_AQuarterBeforeMonitoringIsSubmitted_Then_Refused()
    {
        Assert.Equal("ROC4 was not being monitored in Oct - Dec 2009, so there is no report to submit for it.",
            Requested().Refusal("SubmitQuarterlyReport", Report(Rag.Green, FinancialQuarter.Parse("2009-10 Q3")), At(2010, 4, 1)));
    }

    [Fact]
    public void Given_CompletedProject_When_ReportSubmitted_Then_Refused()
    {
        var scenario = Requested().Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA), Note = "Project delivered and finished." }, At(2010, 3, 20));

        Assert.Equal("ROC4: submitting a quarterly report is not possible now because the project has been completed.",
            scenario.Refusal("SubmitQuarterlyReport", Report(Rag.Green, Q4), At(2010, 4, 1)));
    }

    [Fact]
    public void Given_Submitted_When_NextQuarterEnds_Then_TheNextReportIsRequestedAndDueOn15July()
    {
        var scenario = Requested().Submit(Rag.Green, At(2010, 4, 1)).WakeAt(At(2010, 6, 16));

        Assert.Equal(["ReportRequested"], scenario.EventTypes);
        Assert.Equal(new LocalDate(2010, 7, 15), scenario.State.QuarterFor(Q1)!.DueOn);
    }
}
