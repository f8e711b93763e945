// Officers' work on the quarterly reports: moving one quarter's due date while the report is owed, and reviewing the
// latest version of a report (accept, or ask for changes to named sections, which reopens the report until it is resent).
// The Jan - Mar 2010 report is requested on 17 Mar 2010, due by 15 Apr 2010 (reminder 10 Apr, chase 16 Apr, no report 25 Apr).

using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class ReviewAndDueDateTests
{
    private static Scenario Requested() => Started().WakeAt(At(2010, 3, 17));

    private static object Move(string dueOn, string quarter = "2009-10 Q4", string reason = "The lead is on leave until May.") =>
        new { Officer = Officer(OfficerA), Quarter = quarter, DueOn = dueOn, Reason = reason };

    // --- ChangeQuarterDueDate -------------------------------------------------------------------------------------------

    [Fact]
    public void Given_Requested_When_DueDateMoved_Then_TheLeadIsToldWithOfficersCopiedAndItIsInTheHistory()
    {
        var scenario = Requested().Raise("ChangeQuarterDueDate", Move("2010-05-14"), At(2010, 4, 1));

        Assert.Equal(["QuarterDueDateChanged"], scenario.EventTypes);
        Assert.Equal("LSP Officer A (example) moved the due date of the Jan - Mar 2010 report from 15 Apr 2010 to 14 May 2010 and Careline project lead (example) was told: The lead is on leave until May.",
            scenario.Last.Events[0].Explanation);
        var email = scenario.Email(EmailTemplates.DueDateChanged);
        Assert.Equal(scenario.State.Project.Lead.AsRecipients(), email.To);
        Assert.Equal(scenario.State.Contacts.OfficerEmails(), email.Cc);
        var model = scenario.Model(EmailTemplates.DueDateChanged);
        Assert.Equal("2010-04-15", model.GetProperty("PreviousDueOn").GetString());
        Assert.Equal("2010-05-14", model.GetProperty("DueOn").GetString());
        Assert.Equal("SubmitReport", model.GetProperty("Link").GetProperty("Purpose").GetString());
        Assert.Equal("2010-05-24", model.GetProperty("Link").GetProperty("ExpiresOn").GetString());
        Assert.Equal(new NodaTime.LocalDate(2010, 5, 14), scenario.State.QuarterFor(Q4)!.DueOn);
    }

    [Fact]
    public void Given_DueDateMoved_When_TheClockRuns_Then_ReminderAndChaseFollowTheNewDate()
    {
        var scenario = Requested().Raise("ChangeQuarterDueDate", Move("2010-05-14"), At(2010, 4, 1));

        Assert.Equal(At(2010, 5, 9), scenario.Last.NextWakeUp);
        Assert.Empty(scenario.WakeAt(At(2010, 4, 16)).EventTypes);
        Assert.Equal(["ReminderSent"], scenario.WakeAt(At(2010, 5, 9)).EventTypes);
        Assert.Equal(["ReportOverdue"], scenario.WakeAt(At(2010, 5, 15)).EventTypes);
        Assert.Equal("2010-05-14", scenario.Model(EmailTemplates.OverdueChase).GetProperty("DueOn").GetString());
    }

    [Fact]
    public void Given_Chased_When_DueDateMovedToAWeekAhead_Then_TheEmailIsTheReminderAndTheChaseComesAfterTheNewDate()
    {
        var scenario = Requested().WakeAt(At(2010, 4, 16)).Raise("ChangeQuarterDueDate", Move("2010-04-23"), At(2010, 4, 19));

        Assert.Equal(QuarterStage.Reminded, scenario.State.QuarterFor(Q4)!.Stage);
        Assert.Equal(At(2010, 4, 24), scenario.Last.NextWakeUp);
        Assert.Equal(["ReportOverdue"], scenario.WakeAt(At(2010, 4, 24)).EventTypes);
    }

    [Fact]
    public void Given_DueDateMoved_When_ReportSentAfterTheOldDate_Then_ItIsNotLate()
    {
        var scenario = Requested().Raise("ChangeQuarterDueDate", Move("2010-05-14"), At(2010, 4, 1)).Submit(Rag.Green, At(2010, 5, 1));

        Assert.False(scenario.State.QuarterFor(Q4)!.Latest!.Late);
    }

    [Fact]
    public void Given_Requested_When_DueDateMovedIntoThePast_Then_Refused()
    {
        Assert.Equal("ROC4: the Jan - Mar 2010 report cannot be made due by 31 Mar 2010, which is in the past (today is 1 Apr 2010).",
            Requested().Refusal("ChangeQuarterDueDate", Move("2010-03-31"), At(2010, 4, 1)));
    }

    [Fact]
    public void Given_ReportSubmitted_When_DueDateMoved_Then_Refused()
    {
        Assert.Equal("ROC4: the due date of the Jan - Mar 2010 report cannot be changed because the report has already been received (version 1).",
            Requested().Submit(Rag.Green, At(2010, 4, 1)).Refusal("ChangeQuarterDueDate", Move("2010-05-14"), At(2010, 4, 2)));
    }

    [Fact]
    public void Given_NoReportReceived_When_DueDateMoved_Then_Refused()
    {
        Assert.Equal("ROC4: the due date of the Jan - Mar 2010 report cannot be changed because no report was received by 15 Apr 2010 and the quarter already counts as Red; the overdue report is still taken, marked late.",
            Requested().WakeAt(At(2010, 4, 25)).Refusal("ChangeQuarterDueDate", Move("2010-05-14"), At(2010, 4, 26)));
    }

    [Fact]
    public void Given_Reporting_When_DueDateOfAQuarterNotYetRequestedIsMoved_Then_Refused()
    {
        Assert.Equal("ROC4: the Apr - Jun 2010 report has not been requested, so it has no due date to change.",
            Requested().Refusal("ChangeQuarterDueDate", Move("2010-07-30", "2010-11 Q1"), At(2010, 4, 1)));
    }

    [Fact]
    public void Given_DueDateMoved_When_TheSameChangeArrivesAgain_Then_NothingHappens()
    {
        var scenario = Requested().Raise("ChangeQuarterDueDate", Move("2010-05-14"), At(2010, 4, 1)).Raise("ChangeQuarterDueDate", Move("2010-05-14"), At(2010, 4, 1));

        Assert.Empty(scenario.EventTypes);
        Assert.Empty(scenario.Last.Effects);
    }

    [Fact]
    public void Given_Requested_When_SomeoneNotAnOfficerMovesTheDueDate_Then_Refused()
    {
        var message = Requested().Refusal("ChangeQuarterDueDate",
            new { Officer = new { Name = "Mallory", Email = "mallory@example.org" }, Quarter = "2009-10 Q4", DueOn = "2010-05-14", Reason = "Because." }, At(2010, 4, 1));

        Assert.StartsWith("ROC4: changing a report's due date was refused because Mallory (mallory@example.org) is not one of the partnership's officers", message);
    }

    // --- ReviewReport ---------------------------------------------------------------------------------------------------

    private static Scenario Submitted() => Requested().Submit(Rag.Green, At(2010, 4, 1));

    [Fact]
    public void Given_Submitted_When_Accepted_Then_TheReviewIsOnTheQuarterAndInTheHistoryAndNoEmailGoes()
    {
        var scenario = Submitted().Accept(At(2010, 4, 2));

        Assert.Equal(["ReportReviewed"], scenario.EventTypes);
        Assert.Equal("LSP Officer B (example) reviewed version 1 of the Jan - Mar 2010 report and accepted it.", scenario.Last.Events[0].Explanation);
        Assert.Empty(scenario.Emails);
        var review = scenario.State.QuarterFor(Q4)!.Review!;
        Assert.Equal((1, ReviewOutcome.Accepted, OfficerB.Email), (review.Version, review.Outcome, review.ReviewedBy.Email));
        Assert.True(scenario.State.QuarterFor(Q4)!.IsAccepted);
    }

    [Fact]
    public void Given_Submitted_When_ChangesAskedFor_Then_TheLeadIsEmailedALinkAndTheSectionsAreOnTheQuarter()
    {
        var scenario = Submitted().AskForChanges(At(2010, 4, 2), ["FutureWork", "ProgressInLastPeriod"], "Please say when the PCT will deliver.");

        Assert.Equal("LSP Officer B (example) reviewed version 1 of the Jan - Mar 2010 report and asked Careline project lead (example) to change Progress in last period and Future work: Please say when the PCT will deliver. The amended report is taken until it is sent, even after the due date.",
            scenario.Last.Events[0].Explanation);
        var email = scenario.Email(EmailTemplates.ChangesRequested);
        Assert.Equal(scenario.State.Project.Lead.AsRecipients(), email.To);
        Assert.Equal(scenario.State.Contacts.OfficerEmails(), email.Cc);
        var model = scenario.Model(EmailTemplates.ChangesRequested);
        Assert.Equal(["ProgressInLastPeriod", "FutureWork"], model.GetProperty("Sections").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("SubmitReport", model.GetProperty("Link").GetProperty("Purpose").GetString());
        Assert.Equal("2010-05-02", model.GetProperty("Link").GetProperty("ExpiresOn").GetString());
        var quarter = scenario.State.QuarterFor(Q4)!;
        Assert.True(quarter.ChangesRequested);
        Assert.Equal([ReportSection.ProgressInLastPeriod, ReportSection.FutureWork], quarter.Review!.Sections);
    }

    [Fact]
    public void Given_ChangesAskedFor_When_TheLeadAmendsAfterTheDueDate_Then_TakenAndNotLate_AndOnlyOnce()
    {
        var scenario = Submitted().AskForChanges(At(2010, 4, 20), ["FutureWork"])
            .Submit(Rag.Green, At(2010, 4, 22), comments: "The PCT will deliver in June.");

        Assert.Equal(["ReportAmended"], scenario.EventTypes);
        Assert.Equal("The Jan - Mar 2010 report was amended (version 2, with the changes the officers asked for) and is now Green.", scenario.Last.Events[0].Explanation);
        var quarter = scenario.State.QuarterFor(Q4)!;
        Assert.False(quarter.Latest!.Late);
        Assert.False(quarter.ChangesRequested);
        Assert.Equal(JsonNull, scenario.Model(EmailTemplates.SubmissionReceipt).GetProperty("Link").ValueKind);
        Assert.Equal("The Jan - Mar 2010 report was due by 15 Apr 2010; it can no longer be amended.",
            scenario.Refusal("SubmitQuarterlyReport", Report(Rag.Green, Q4, "Another change."), At(2010, 4, 23)));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public void Given_Accepted_When_TheLeadAmendsAfterTheDueDate_Then_Refused()
    {
        Assert.Equal("The Jan - Mar 2010 report was due by 15 Apr 2010; it can no longer be amended.",
            Submitted().Accept(At(2010, 4, 2)).Refusal("SubmitQuarterlyReport", Report(Rag.Green, Q4, "A change."), At(2010, 4, 20)));
    }

    [Fact]
    public void Given_Amended_When_TheOlderVersionIsReviewed_Then_RefusedInWords()
    {
        var scenario = Submitted().Submit(Rag.Amber, At(2010, 4, 3), comments: "Second thoughts.");

        Assert.Equal("ROC4: version 1 of the Jan - Mar 2010 report is not the latest: the lead sent version 2 on 3 Apr 2010, so review that one.",
            scenario.Refusal("ReviewReport", new { Officer = Officer(OfficerA), Quarter = "2009-10 Q4", Version = 1, Outcome = "Accepted" }, At(2010, 4, 4)));
        Assert.Equal("ROC4: there is no version 3 of the Jan - Mar 2010 report; the latest is version 2.",
            scenario.Refusal("ReviewReport", new { Officer = Officer(OfficerA), Quarter = "2009-10 Q4", Version = 3, Outcome = "Accepted" }, At(2010, 4, 4)));
    }

    [Fact]
    public void Given_Requested_When_TheUnsentReportIsReviewed_Then_Refused()
    {
        Assert.Equal("ROC4: no Jan - Mar 2010 report has been received, so there is nothing to review.",
            Requested().Refusal("ReviewReport", new { Officer = Officer(OfficerA), Quarter = "2009-10 Q4", Version = 1, Outcome = "Accepted" }, At(2010, 4, 4)));
    }

    [Fact]
    public void Given_Submitted_When_ChangesAskedForWithoutSections_Or_AcceptedWithSections_Then_Refused()
    {
        Assert.Equal("ReviewReport: 'Sections' must name at least one section the lead is asked to change.",
            Submitted().Refusal("ReviewReport", new { Officer = Officer(OfficerA), Quarter = "2009-10 Q4", Version = 1, Outcome = "ChangesRequested" }, At(2010, 4, 4)));
        Assert.Equal("ReviewReport: 'Sections' are named only when asking for changes; an accepted report reopens nothing.",
            Submitted().Refusal("ReviewReport", new { Officer = Officer(OfficerA), Quarter = "2009-10 Q4", Version = 1, Outcome = "Accepted", Sections = new[] { "Status" } }, At(2010, 4, 4)));
        Assert.Equal("ReviewReport: 'Sections' must name sections of the report (Status, StatusComments, ProgressInLastPeriod, FutureWork, Expenditure), not 'Budget'.",
            Submitted().Refusal("ReviewReport", new { Officer = Officer(OfficerA), Quarter = "2009-10 Q4", Version = 1, Outcome = "ChangesRequested", Sections = new[] { "Budget" } }, At(2010, 4, 4)));
    }

    [Fact]
    public void Given_Reviewed_When_TheSameReviewArrivesAgain_Then_NothingHappens()
    {
        var scenario = Submitted().AskForChanges(At(2010, 4, 2), ["FutureWork"]).AskForChanges(At(2010, 4, 2), ["FutureWork"]);

        Assert.Empty(scenario.EventTypes);
        Assert.Empty(scenario.Last.Effects);
    }

    [Fact]
    public void Given_Paused_When_AReportIsReviewed_Then_RefusedBecauseReportingIsPaused()
    {
        var scenario = Submitted().Raise("PauseReporting", new { Officer = Officer(OfficerA), Reason = "Project on hold." }, At(2010, 4, 5));

        Assert.Equal("ROC4: reviewing a report is not possible now because reporting is paused.",
            scenario.Refusal("ReviewReport", new { Officer = Officer(OfficerA), Quarter = "2009-10 Q4", Version = 1, Outcome = "Accepted" }, At(2010, 4, 6)));
    }

    // --- Payments held until the latest report is accepted (issue 11) -----------------------------------------------

    private static object Payment(string on, string? overrideReason = null) =>
        new { Officer = Officer(OfficerA), Amount = "£1,000", ReleasedOn = on, OverrideReason = overrideReason };

    [Fact]
    public void Given_LatestReportUnreviewed_When_PaymentRecorded_Then_HeldWithTheReason()
    {
        Assert.Equal("ROC4: the payment of £1,000.00 is held because version 1 of the Jan - Mar 2010 report has not been reviewed by an officer; give an override reason to record it anyway.",
            Submitted().Refusal("RecordPaymentReleased", Payment("2010-04-02"), At(2010, 4, 2)));
    }

    [Fact]
    public void Given_ChangesAskedFor_When_PaymentRecorded_Then_HeldUntilTheAmendmentIsAccepted()
    {
        var scenario = Submitted().AskForChanges(At(2010, 4, 2), ["Expenditure"]);
        Assert.Equal("ROC4: the payment of £1,000.00 is held because the officers asked for changes to the Jan - Mar 2010 report (Expenditure) and Careline project lead (example) has not sent them yet; give an override reason to record it anyway.",
            scenario.Refusal("RecordPaymentReleased", Payment("2010-04-03"), At(2010, 4, 3)));

        scenario.Submit(Rag.Green, At(2010, 4, 4), comments: "Spent £800 on materials.");
        Assert.Equal("ROC4: the payment of £1,000.00 is held because version 2 of the Jan - Mar 2010 report has not been reviewed by an officer; give an override reason to record it anyway.",
            scenario.Refusal("RecordPaymentReleased", Payment("2010-04-05"), At(2010, 4, 5)));

        scenario.Accept(At(2010, 4, 5), version: 2).Raise("RecordPaymentReleased", Payment("2010-04-05"), At(2010, 4, 5));
        Assert.Equal(["PaymentReleased"], scenario.EventTypes);
        Assert.Equal("LSP Officer A (example) recorded £1,000.00 released to SEE PCT on 5 Apr 2010.", scenario.Last.Events[0].Explanation);
    }

    [Fact]
    public void Given_LatestReportUnreviewed_When_PaymentRecordedWithAnOverrideReason_Then_ReleasedWithTheReasonInTheHistory()
    {
        var scenario = Submitted().Raise("RecordPaymentReleased", Payment("2010-04-02", "Agreed at the LSP Executive."), At(2010, 4, 2));

        Assert.Equal("LSP Officer A (example) recorded £1,000.00 released to SEE PCT on 2 Apr 2010, overriding the hold for the unreviewed Jan - Mar 2010 report: Agreed at the LSP Executive.",
            scenario.Last.Events[0].Explanation);
        Assert.Equal("Agreed at the LSP Executive.", ((PaymentReleased)System.Text.Json.JsonSerializer.Deserialize<PaymentReleased>(scenario.Last.Events[0].DataJson, Json.ReportingJson.Options)!).OverrideReason);
    }

    [Fact]
    public void Given_NoReportYet_When_PaymentRecorded_Then_NotHeld()
    {
        Assert.Equal(["PaymentReleased"], Requested().Raise("RecordPaymentReleased", Payment("2010-04-01"), At(2010, 4, 1)).EventTypes);
    }
}
