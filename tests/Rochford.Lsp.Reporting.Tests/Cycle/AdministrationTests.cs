// Officers' housekeeping inputs: payments, completion, the lead's contact, pausing and cycle settings.

using NodaTime;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class AdministrationTests
{
    [Fact]
    public void Given_Reporting_When_PaymentReleased_Then_UnreleasedFallsExactly()
    {
        var scenario = Started().Raise("RecordPaymentReleased",
            new { Officer = Officer(OfficerA), Amount = "£1,234.56", ReleasedOn = "2010-02-01", Reference = "PO 1234" }, At(2010, 2, 1));

        Assert.Equal(["PaymentReleased"], scenario.EventTypes);
        Assert.Equal("LSP Officer A (example) recorded £1,234.56 released to SEE PCT on 1 Feb 2010.", scenario.Last.Events[0].Explanation);
        Assert.Equal(new Money(1_376_544), scenario.State.Funding.Unreleased);
    }

    [Fact]
    public void Given_Reporting_When_PaymentAboveUnreleased_Then_Refused()
    {
        Assert.Equal("ROC4 has only £15,000.00 unreleased, so £15,000.01 cannot be released.",
            Started().Refusal("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = 1_500_001, ReleasedOn = "2010-02-01" }, At(2010, 2, 1)));
    }

    [Fact]
    public void Given_Reporting_When_PaymentDatedInTheFuture_Then_Refused()
    {
        Assert.Equal("A payment cannot be recorded as released on 2 Feb 2010, which is after today (1 Feb 2010).",
            Started().Refusal("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = 100, ReleasedOn = "2010-02-02" }, At(2010, 2, 1)));
    }

    // Grant practice: no money goes out while a report is overdue, unless an officer records why it must.
    private static Scenario Overdue() => Started().WakeAt(At(2010, 3, 17)).WakeAt(At(2010, 4, 16));

    [Fact]
    public void Given_ReportOverdue_When_PaymentRecorded_Then_HeldWithTheReason()
    {
        Assert.Equal("ROC4: the payment of £1,000.00 is held because the Jan - Mar 2010 report, due by 15 Apr 2010, has not been received; give an override reason to record it anyway.",
            Overdue().Refusal("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = "£1,000", ReleasedOn = "2010-04-16" }, At(2010, 4, 16, 10)));
    }

    [Fact]
    public void Given_NoReportReceived_When_PaymentRecorded_Then_Held()
    {
        var scenario = Overdue().WakeAt(At(2010, 4, 25));

        Assert.Equal("ROC4: the payment of £1,000.00 is held because the Jan - Mar 2010 report, due by 15 Apr 2010, has not been received; give an override reason to record it anyway.",
            scenario.Refusal("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = "£1,000", ReleasedOn = "2010-04-26" }, At(2010, 4, 26)));
    }

    [Fact]
    public void Given_ReportOverdue_When_PaymentRecordedWithAnOverrideReason_Then_ReleasedAndTheReasonIsInTheHistory()
    {
        var scenario = Overdue().Raise("RecordPaymentReleased",
            new { Officer = Officer(OfficerA), Amount = "£1,000", ReleasedOn = "2010-04-16", OverrideReason = "Contractor's invoice agreed by the Executive on 12 April." },
            At(2010, 4, 16, 10));

        Assert.Equal(["PaymentReleased"], scenario.EventTypes);
        Assert.Equal("LSP Officer A (example) recorded £1,000.00 released to SEE PCT on 16 Apr 2010, overriding the hold for the overdue Jan - Mar 2010 report: Contractor's invoice agreed by the Executive on 12 April.",
            scenario.Last.Events[0].Explanation);
        Assert.Equal(Money.Pounds(1_000), scenario.State.Funding.Released);
    }

    [Fact]
    public void Given_TheOverdueReportArrivedLate_When_PaymentRecorded_Then_Released()
    {
        var scenario = Overdue().Submit(Rag.Green, At(2010, 4, 17)).Accept(At(2010, 4, 17, 12)).Raise("RecordPaymentReleased",
            new { Officer = Officer(OfficerA), Amount = "£1,000", ReleasedOn = "2010-04-18" }, At(2010, 4, 18));

        Assert.Equal("LSP Officer A (example) recorded £1,000.00 released to SEE PCT on 18 Apr 2010.", scenario.Last.Events[0].Explanation);
    }

    [Fact]
    public void Given_InternetSafety_When_MarkedCompleted_Then_CycleFinishes()
    {
        var scenario = Started("ROC10").Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA), Note = "Project delivered and finished." }, At(2010, 4, 20));

        Assert.Equal(["ProjectCompleted"], scenario.EventTypes);
        Assert.Equal("LSP Officer A (example) marked ROC10 Internet Safety as delivered and finished, so quarterly reporting stopped; the £2,500.00 still unreleased returned to the Performance Reward Grant's unallocated balance.",
            scenario.Last.Events[0].Explanation);
        Assert.True(scenario.Last.IsCompleted);
        Assert.Null(scenario.Last.NextWakeUp);
        Assert.Equal("Completed", scenario.Last.Status);
    }

    [Fact]
    public void Given_Red_When_MarkedCompleted_Then_Refused()
    {
        var scenario = Started().WakeAt(At(2010, 3, 17)).Submit(Rag.Red, At(2010, 4, 1));

        Assert.Equal("ROC4: marking the project completed is not possible now because the project is Red with a recovery deadline of 26 May 2010.",
            scenario.Refusal("MarkProjectCompleted", new { Officer = Officer(OfficerA) }, At(2010, 4, 2)));
    }

    [Fact]
    public void Given_Reporting_When_LeadContactChanged_Then_RequestsGoToTheNewLead()
    {
        var scenario = Started()
            .Raise("ChangeLeadContact", new { Officer = Officer(OfficerA), Lead = new { Name = "New PCT contact (example)", Email = "pct.contact@example.org" } }, At(2010, 2, 1));

        Assert.Equal(["LeadContactChanged"], scenario.EventTypes);
        scenario.WakeAt(At(2010, 3, 17));
        Assert.Equal(["pct.contact@example.org"], scenario.Email(EmailTemplates.QuarterlyRequest).To);
    }

    [Fact]
    public void Given_Requested_When_Paused_Then_TheOutstandingReportIsExcusedAndNothingIsScheduled()
    {
        var scenario = Started().WakeAt(At(2010, 3, 17)).Raise("PauseReporting", new { Officer = Officer(OfficerA), Reason = "PCT restructure." }, At(2010, 3, 20));

        Assert.Equal(["ReportingPaused"], scenario.EventTypes);
        Assert.Equal(QuarterStage.Excused, scenario.State.QuarterFor(Q4)!.Stage);
        Assert.Null(scenario.Last.NextWakeUp);
        Assert.Equal("Reporting paused", scenario.Last.Status);
        Assert.Equal("ROC4: submitting a quarterly report is not possible now because reporting is paused.",
            scenario.Refusal("SubmitQuarterlyReport", Report(Rag.Green, Q4), At(2010, 3, 21)));
    }

    [Fact]
    public void Given_PausedFor6Months_When_Resumed_Then_ReportingRestartsFromTheCurrentQuarter()
    {
        var scenario = Started().WakeAt(At(2010, 3, 17))
            .Raise("PauseReporting", new { Officer = Officer(OfficerA), Reason = "PCT restructure." }, At(2010, 3, 20))
            .Raise("ResumeReporting", new { Officer = Officer(OfficerB) }, At(2010, 9, 20));

        Assert.Equal(["ReportingResumed"], scenario.EventTypes);
        Assert.Equal(new FinancialQuarter(2010, 2), scenario.State.NextQuarterToRequest);
        // The Jul - Sep request date (16 Sep) has passed: the wake-up is due at once and the request goes then.
        Assert.Equal(At(2010, 9, 16), scenario.Last.NextWakeUp);
        scenario.WakeAt(At(2010, 9, 20, 9, 1));
        Assert.Equal("The Jan - Mar 2010 report was excused when reporting was paused, so it cannot be submitted.",
            scenario.Refusal("SubmitQuarterlyReport", Report(Rag.Green, Q4), At(2010, 9, 21)));
        Assert.Equal("The Apr - Jun 2010 report was not requested because reporting was paused, so there is no report to submit for it.",
            scenario.Refusal("SubmitQuarterlyReport", Report(Rag.Green, Q1), At(2010, 9, 21)));
        Assert.Equal("The Jul - Sep 2010 report was requested from Careline project lead (example), due by 15 Oct 2010.", scenario.Last.Events.Single().Explanation);
    }

    [Fact]
    public void Given_Reporting_When_Resumed_Then_RefusedAsNotPaused()
    {
        Assert.Equal("ROC4: resuming reporting is not possible now because the project is reporting normally and is not Red.",
            Started().Refusal("ResumeReporting", new { Officer = Officer(OfficerA) }, At(2010, 2, 1)));
    }

    [Fact]
    public void Given_Reporting_When_OfficerGivesMoreTimeToReport_Then_TheNextRequestIsDueLater()
    {
        var scenario = Started()
            .Raise("OverrideCycleSettings", new { Officer = Officer(OfficerA), Settings = new { DueDaysAfterQuarterEnd = 30 } }, At(2010, 2, 1))
            .WakeAt(At(2010, 3, 17));

        Assert.Equal(new LocalDate(2010, 4, 30), scenario.State.QuarterFor(Q4)!.DueOn);
    }

    [Fact]
    public void Given_Reporting_When_SettingsCannotWork_Then_Refused()
    {
        Assert.Equal("These cycle settings cannot work: A missing report must count as Red only after the overdue chase.",
            Started().Refusal("OverrideCycleSettings", new { Officer = Officer(OfficerA), Settings = new { NoReportDaysAfterDue = 1 } }, At(2010, 2, 1)));
    }
}
