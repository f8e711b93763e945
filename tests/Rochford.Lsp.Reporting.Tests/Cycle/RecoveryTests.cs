// Red projects: recovery deadlines, interim updates, escalation when the deadline passes, and officers'
// decisions on the withdrawal proposal. Careline's Jan - Mar 2010 report is Red on 10 April 2010.

using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class RecoveryTests
{
    private static Scenario Red() => Started().WakeAt(At(2010, 3, 17)).Submit(Rag.Red, At(2010, 4, 10, 11));

    private static Scenario DeadlineSet() =>
        Red().Raise("SetRecoveryDeadline", new { Officer = Officer(OfficerA), Deadline = "2010-05-31" }, At(2010, 4, 12));

    private static Scenario Escalated() => DeadlineSet().WakeAt(At(2010, 6, 1));

    [Fact]
    public void Given_Requested_When_RedReportSubmitted_Then_RecoveryDeadlineIs8WeeksAfterTheReportingDate()
    {
        var scenario = Red();

        Assert.Equal(["ReportSubmitted", "RecoveryDeadlineSet"], scenario.EventTypes);
        Assert.Equal("Red report for Jan - Mar 2010: recovery deadline 26 May 2010, 8 weeks after the reporting date.", scenario.Last.Events[1].Explanation);
        var notice = scenario.Email(EmailTemplates.RedNotice);
        Assert.Equal(["roc4.lead@example.org"], notice.To);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], notice.Cc);
        var model = scenario.Model(EmailTemplates.RedNotice);
        Assert.Equal("2010-05-26", model.GetProperty("RecoveryDeadline").GetString());
        Assert.Equal("InterimUpdate", model.GetProperty("Link").GetProperty("Purpose").GetString());
        Assert.StartsWith("A time scale for delivery", model.GetProperty("WhatIsNeeded").GetString());
        Assert.Equal(At(2010, 5, 27), scenario.Last.NextWakeUp);
    }

    [Fact]
    public void Given_Red_When_OfficerSetsDeadline31May2010_Then_DeadlineIsSetByAnOfficer()
    {
        var scenario = DeadlineSet();

        Assert.Equal(["RecoveryDeadlineSet"], scenario.EventTypes);
        Assert.Equal("Red report for Jan - Mar 2010: deadline 31 May 2010 set by LSP Officer A (example).", scenario.Last.Events[0].Explanation);
        Assert.Equal("Red: recovery deadline 31 May 2010", scenario.Last.Status);
        Assert.Equal(new DateTimeOffset(2010, 6, 1, 8, 0, 0, TimeSpan.Zero), scenario.Last.NextWakeUp);
    }

    [Fact]
    public void Given_Red_When_OfficerSetsADeadlineInThePast_Then_Refused()
    {
        Assert.Equal("The recovery deadline must be after today (12 Apr 2010); 1 Apr 2010 is not.",
            Red().Refusal("SetRecoveryDeadline", new { Officer = Officer(OfficerA), Deadline = "2010-04-01" }, At(2010, 4, 12)));
    }

    [Fact]
    public void Given_Red_When_RedInterimUpdate_Then_WatchContinues()
    {
        var scenario = DeadlineSet().Raise("SubmitInterimUpdate", new { Status = "Red", Comments = "Still waiting for County." }, At(2010, 5, 10));

        Assert.Equal(["InterimUpdateReceived"], scenario.EventTypes);
        Assert.Equal(Phase.RedWatch, scenario.State.Phase);
        Assert.False(scenario.Model(EmailTemplates.InterimUpdateReceipt).GetProperty("RedWatchClosed").GetBoolean());
    }

    [Fact]
    public void Given_Red_When_AmberInterimUpdate_Then_WatchCloses()
    {
        var scenario = DeadlineSet().Raise("SubmitInterimUpdate", new { Status = "Amber", Comments = "Time scale and contact provided." }, At(2010, 5, 31, 22));

        Assert.Equal(["InterimUpdateReceived", "RedWatchClosed"], scenario.EventTypes);
        Assert.Equal("The Red watch on Jan - Mar 2010 closed because the interim update was Amber.", scenario.Last.Events[1].Explanation);
        Assert.Equal(Phase.Reporting, scenario.State.Phase);
        Assert.Null(scenario.State.Red);
    }

    [Fact]
    public void Given_Red_When_InterimUpdateAfterTheDeadline_Then_Refused()
    {
        Assert.Equal("The recovery deadline of 31 May 2010 has passed, so interim updates are no longer accepted; please contact the LSP officers.",
            DeadlineSet().Refusal("SubmitInterimUpdate", new { Status = "Green", Comments = "Late news" }, At(2010, 6, 1, 0, 30)));
    }

    // "By 20 July" means by the end of 20 July in London: from midnight nothing the lead sends closes the watch,
    // though the withdrawal proposal waits for the 09:00 wake-up.
    private static Scenario RedUntil20JulyWithQ1Requested() => Red()
        .Raise("SetRecoveryDeadline", new { Officer = Officer(OfficerA), Deadline = "2010-07-20" }, At(2010, 4, 12))
        .WakeAt(At(2010, 6, 16));

    [Fact]
    public void Given_RedUntil20July_When_GreenReportAt2359On20July_Then_WatchCloses()
    {
        var scenario = RedUntil20JulyWithQ1Requested().Submit(Rag.Green, At(2010, 7, 20, 23, 59), Q1, "Contact named.");

        Assert.Equal(["ReportSubmitted", "RedWatchClosed"], scenario.EventTypes);
        Assert.Equal(Phase.Reporting, scenario.State.Phase);
    }

    [Fact]
    public void Given_RedUntil20July_When_GreenReportAt0030On21July_Then_TheReportIsKeptButTheWatchStaysForTheOfficers()
    {
        var scenario = RedUntil20JulyWithQ1Requested().Submit(Rag.Green, At(2010, 7, 21, 0, 30), Q1, "Contact named.");

        Assert.Equal(["ReportSubmitted"], scenario.EventTypes);
        Assert.Equal("Green report for Apr - Jun 2010 received late (it was due by 15 Jul 2010), after the recovery deadline of 20 Jul 2010 had passed, so the Red watch stays open for the officers to decide.",
            scenario.Last.Events[0].Explanation);
        Assert.Equal(Phase.RedWatch, scenario.State.Phase);

        scenario.WakeAt(At(2010, 7, 21));

        Assert.Equal(["DeadlinePassedWhileRed", "WithdrawalProposed"], scenario.EventTypes);
    }

    [Fact]
    public void Given_RedUntil20July_When_GreenInterimUpdateAt2359On20July_Then_WatchCloses()
    {
        var scenario = RedUntil20JulyWithQ1Requested().Raise("SubmitInterimUpdate", new { Status = "Green", Comments = "Contact named." }, At(2010, 7, 20, 23, 59));

        Assert.Equal(["InterimUpdateReceived", "RedWatchClosed"], scenario.EventTypes);
    }

    [Fact]
    public void Given_RedUntil20July_When_GreenInterimUpdateAt0030On21July_Then_Refused()
    {
        Assert.Equal("The recovery deadline of 20 Jul 2010 has passed, so interim updates are no longer accepted; please contact the LSP officers.",
            RedUntil20JulyWithQ1Requested().Refusal("SubmitInterimUpdate", new { Status = "Green", Comments = "Contact named." }, At(2010, 7, 21, 0, 30)));
    }

    [Fact]
    public void Given_Red_When_AmendedToGreenBeforeDue_Then_WatchCloses()
    {
        var scenario = Red().Submit(Rag.Green, At(2010, 4, 14), comments: "Contact named, delivery plan agreed.");

        Assert.Equal(["ReportAmended", "RedWatchClosed"], scenario.EventTypes);
        Assert.Equal(Phase.Reporting, scenario.State.Phase);
    }

    [Fact]
    public void Given_RedWatchWithLongDeadline_When_NextQuarterReportIsGreen_Then_WatchCloses()
    {
        var scenario = Red()
            .Raise("SetRecoveryDeadline", new { Officer = Officer(OfficerA), Deadline = "2010-08-31" }, At(2010, 4, 12))
            .WakeAt(At(2010, 6, 16))
            .Submit(Rag.Green, At(2010, 7, 1), Q1, "Under way");

        Assert.Equal(["ReportSubmitted", "RedWatchClosed"], scenario.EventTypes);
        Assert.Equal(Phase.Reporting, scenario.State.Phase);
    }

    [Fact]
    public void Given_Red_When_NoUpdateAndWokenOn1June_Then_ExecutiveIsToldAndWithdrawalIsProposed()
    {
        var scenario = Escalated();

        Assert.Equal(["DeadlinePassedWhileRed", "WithdrawalProposed"], scenario.EventTypes);
        Assert.Equal("Withdrawal of £15,000.00 (awarded £15,000.00 less released £0.00) was proposed and awaits an officer's decision.", scenario.Last.Events[1].Explanation);
        Assert.Equal(["lsp.executive@example.org"], scenario.Email(EmailTemplates.ExecutiveEscalation).To);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], scenario.Email(EmailTemplates.ApprovalRequest).To);
        Assert.Equal("DecideWithdrawal", scenario.Model(EmailTemplates.ApprovalRequest).GetProperty("Link").GetProperty("Purpose").GetString());
        Assert.Equal(1500000, scenario.Model(EmailTemplates.ApprovalRequest).GetProperty("ProposedWithdrawal").GetInt64());
        Assert.Equal("Withdrawal awaiting officer decision", scenario.Last.Status);
        Assert.Equal(At(2010, 6, 6), scenario.Last.NextWakeUp);
    }

    [Fact]
    public void Given_RedWithPaymentReleased_When_DeadlinePasses_Then_ProposalIsAwardedLessReleased()
    {
        var scenario = DeadlineSet()
            .Accept(At(2010, 4, 20, 8))
            .Raise("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = "£2,500.50", ReleasedOn = "2010-04-20" }, At(2010, 4, 20))
            .WakeAt(At(2010, 6, 1));

        Assert.Equal(new Money(1_249_950), scenario.State.Withdrawal!.Amount);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_NoDecisionIn5Days_Then_OfficersAreReminded()
    {
        var scenario = Escalated().WakeAt(At(2010, 6, 6));

        Assert.Equal(["ApprovalReminderSent"], scenario.EventTypes);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], scenario.Email(EmailTemplates.ApprovalReminder).To);
        Assert.Equal(At(2010, 6, 11), scenario.Last.NextWakeUp);
    }

    [Fact]
    public void Given_OfficersReminded_When_NoDecisionIn10Days_Then_ReEscalatedToTheExecutiveChair()
    {
        var scenario = Escalated().WakeAt(At(2010, 6, 6)).WakeAt(At(2010, 6, 11));

        Assert.Equal(["ExecutiveChairReEscalated"], scenario.EventTypes);
        Assert.Equal(["lsp.executive.chair@example.org"], scenario.Email(EmailTemplates.ExecutiveChairReEscalation).To);
        Assert.Equal(At(2010, 6, 16), scenario.Last.NextWakeUp); // only the next quarterly request is left
    }

    [Fact]
    public void Given_WithdrawalProposed_When_WokenAfter10DaysWithoutTheReminder_Then_OnlyTheChairIsWritten()
    {
        var scenario = Escalated().WakeAt(At(2010, 6, 12));

        Assert.Equal(["ExecutiveChairReEscalated"], scenario.EventTypes);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_OfficerApprovesWithExecutiveMinute_Then_FundingIsWithdrawnAndRequestsStop()
    {
        var scenario = Escalated().Raise("ApproveWithdrawal",
            new { Officer = Officer(OfficerA), ExecutiveDecisionDate = "2010-06-07", MinuteReference = "LSP/EX/10/23" }, At(2010, 6, 8));

        Assert.Equal(["FundingWithdrawn"], scenario.EventTypes);
        Assert.Equal("LSP Officer A (example) approved withdrawing £15,000.00 from ROC4 Careline following the Executive Board's decision of 7 Jun 2010 (minute LSP/EX/10/23), and quarterly reporting stopped.",
            scenario.Last.Events[0].Explanation);
        var email = scenario.Email(EmailTemplates.WithdrawalApproved);
        Assert.Equal(["roc4.lead@example.org"], email.To);
        Assert.Contains("lsp.executive@example.org", email.Cc);
        Assert.Equal(Phase.FundingWithdrawn, scenario.State.Phase);
        Assert.Null(scenario.Last.NextWakeUp);
        Assert.False(scenario.Last.IsCompleted);
        Assert.Equal("Funding withdrawn: awaiting reallocation proposal", scenario.Last.Status);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_ApprovedWithoutTheExecutiveDecision_Then_RefusedNamingWhatIsMissing()
    {
        var scenario = Escalated();

        Assert.Equal("ApproveWithdrawal: 'ExecutiveDecisionDate' is required.",
            scenario.Refusal("ApproveWithdrawal", new { Officer = Officer(OfficerA), MinuteReference = "LSP/EX/10/23" }, At(2010, 6, 8)));
        Assert.Equal("ApproveWithdrawal: 'MinuteReference' is required.",
            scenario.Refusal("ApproveWithdrawal", new { Officer = Officer(OfficerA), ExecutiveDecisionDate = "2010-06-07" }, At(2010, 6, 8)));
    }

    [Fact]
    public void Given_WithdrawalProposed_When_TheExecutiveDecisionIsDatedAfterToday_Then_RefusedInWords()
    {
        Assert.Equal("The Executive Board's decision cannot be dated 9 Jun 2010, which is after today (8 Jun 2010).",
            Escalated().Refusal("ApproveWithdrawal", Approval(OfficerA, "2010-06-09"), At(2010, 6, 8)));
    }

    [Fact]
    public void Given_WithdrawalProposed_When_TheExecutiveDecidedBeforeTheProposal_Then_ItIsRecordedAsDecided()
    {
        // The Board may decide in advance ("If requests for information are not met by 31.5.10 the funding will be re-allocated"),
        // once the project is Red (from 10 April here; a decision dated before that is refused: OfficersRulesTests).
        var scenario = Escalated().Raise("ApproveWithdrawal", Approval(OfficerB, "2010-04-22", "LSP Executive 22 April 2010, item 3"), At(2010, 6, 8));

        Assert.Equal(["FundingWithdrawn"], scenario.EventTypes);
        Assert.Contains("following the Executive Board's decision of 22 Apr 2010 (minute LSP Executive 22 April 2010, item 3)", scenario.Last.Events[0].Explanation);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_OfficerRejectsWithoutADate_Then_ProjectKeepsFundingAndStaysUnderRedWatchForTheUsualPeriod()
    {
        var scenario = Escalated().Raise("RejectWithdrawal", new { Officer = Officer(OfficerB), Reason = "County has named a contact." }, At(2010, 6, 2));

        Assert.Equal(["WithdrawalRejected", "RecoveryDeadlineSet"], scenario.EventTypes);
        Assert.Equal("LSP Officer B (example) rejected the withdrawal, so ROC4 keeps its funding: County has named a contact.", scenario.Last.Events[0].Explanation);
        Assert.Equal("Red report for Jan - Mar 2010: still Red, so the watch continues with a recovery deadline of 28 Jul 2010, 8 weeks after the withdrawal was rejected.",
            scenario.Last.Events[1].Explanation);
        Assert.Equal(Phase.RedWatch, scenario.State.Phase);
        Assert.Null(scenario.State.Withdrawal);
        Assert.Equal(new NodaTime.LocalDate(2010, 7, 28), scenario.State.Red!.Deadline);
        Assert.Equal("Red: recovery deadline 28 Jul 2010", scenario.Last.Status);
        var email = scenario.Email(EmailTemplates.DeadlineExtended);
        Assert.Equal(["roc4.lead@example.org"], email.To);
        Assert.Equal("2010-07-28", scenario.Model(EmailTemplates.DeadlineExtended).GetProperty("RecoveryDeadline").GetString());
        Assert.Equal("County has named a contact.", scenario.Model(EmailTemplates.DeadlineExtended).GetProperty("Reason").GetString());
        Assert.Equal(At(2010, 6, 16), scenario.Last.NextWakeUp);
    }

    [Fact]
    public void Given_WithdrawalRejectedWithoutADate_When_TheNewDeadlinePassesStillRed_Then_WithdrawalIsProposedAgain()
    {
        var scenario = Escalated()
            .Raise("RejectWithdrawal", new { Officer = Officer(OfficerB), Reason = "One more chance." }, At(2010, 6, 2))
            .WakeAt(At(2010, 6, 16))
            .Submit(Rag.Red, At(2010, 7, 1), Q1, "Still no contact")
            .WakeAt(At(2010, 7, 29));

        Assert.Equal(["DeadlinePassedWhileRed", "WithdrawalProposed"], scenario.EventTypes);
        Assert.Equal(Phase.WithdrawalProposed, scenario.State.Phase);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_OfficerRejectsWithADate_Then_TheWatchContinuesToThatDate()
    {
        var scenario = Escalated().Raise("RejectWithdrawal",
            new { Officer = Officer(OfficerB), Reason = "The PCT meets on 10 July.", NewDeadline = "2010-07-15" }, At(2010, 6, 2));

        Assert.Equal(["WithdrawalRejected", "RecoveryDeadlineSet"], scenario.EventTypes);
        Assert.Equal("Red report for Jan - Mar 2010: still Red, so the watch continues with a recovery deadline of 15 Jul 2010 set by LSP Officer B (example).",
            scenario.Last.Events[1].Explanation);
        Assert.Equal(Phase.RedWatch, scenario.State.Phase);
        Assert.Equal("Red: recovery deadline 15 Jul 2010", scenario.Last.Status);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_OfficerRejectsWithAPastDate_Then_Refused()
    {
        Assert.Equal("The new deadline must be after today (2 Jun 2010); 1 Jun 2010 is not.",
            Escalated().Refusal("RejectWithdrawal", new { Officer = Officer(OfficerB), Reason = "x", NewDeadline = "2010-06-01" }, At(2010, 6, 2)));
    }

    [Fact]
    public void Given_WithdrawalProposedAndALaterGreenReport_When_OfficerRejects_Then_TheWatchClosesAndReportingCarriesOn()
    {
        var scenario = Escalated()
            .WakeAt(At(2010, 6, 16))
            .Submit(Rag.Green, At(2010, 6, 20), Q1, "Contact named, service starts in July.")
            .Raise("RejectWithdrawal", new { Officer = Officer(OfficerB), Reason = "Back on track." }, At(2010, 6, 21));

        Assert.Equal(["WithdrawalRejected", "RedWatchClosed"], scenario.EventTypes);
        Assert.Equal("The Red watch on Jan - Mar 2010 closed because the Apr - Jun 2010 report was Green.", scenario.Last.Events[1].Explanation);
        Assert.Equal(Phase.Reporting, scenario.State.Phase);
        Assert.Null(scenario.State.Red);
        Assert.Equal(["roc4.lead@example.org"], scenario.Email(EmailTemplates.WithdrawalRejected).To);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_RejectedWithoutReason_Then_Refused()
    {
        Assert.Equal("RejectWithdrawal: 'Reason' is required.",
            Escalated().Refusal("RejectWithdrawal", new { Officer = Officer(OfficerB) }, At(2010, 6, 2)));
    }

    [Fact]
    public void Given_WithdrawalProposed_When_OfficerExtendsTheDeadline_Then_RedWatchResumesWithTheNewDate()
    {
        var scenario = Escalated().Raise("ExtendDeadline", new { Officer = Officer(OfficerA), NewDeadline = "2010-07-31", Reason = "PCT restructure." }, At(2010, 6, 2));

        Assert.Equal(["DeadlineExtended"], scenario.EventTypes);
        Assert.Equal(["roc4.lead@example.org"], scenario.Email(EmailTemplates.DeadlineExtended).To);
        Assert.Equal("Red: recovery deadline 31 Jul 2010", scenario.Last.Status);
        Assert.Null(scenario.State.Withdrawal);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_OfficerChangesTheAmount_Then_TheProposalChanges()
    {
        var scenario = Escalated().Raise("ChangeWithdrawalAmount", new { Officer = Officer(OfficerA), Amount = "£10,000" }, At(2010, 6, 2));

        Assert.Equal(["WithdrawalAmountChanged"], scenario.EventTypes);
        Assert.Equal(Money.Pounds(10_000), scenario.State.Withdrawal!.Amount);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_AmountAboveUnreleased_Then_Refused()
    {
        Assert.Equal("ROC4 has only £15,000.00 unreleased, so £15,000.01 cannot be withdrawn.",
            Escalated().Refusal("ChangeWithdrawalAmount", new { Officer = Officer(OfficerA), Amount = 1_500_001 }, At(2010, 6, 2)));
    }

    [Fact]
    public void Given_Red_When_OfficerApprovesAWithdrawal_Then_RefusedAsNothingIsProposed()
    {
        Assert.Equal("ROC4: approving a withdrawal is not possible now because the project is Red with a recovery deadline of 31 May 2010.",
            DeadlineSet().Refusal("ApproveWithdrawal", Approval(OfficerA, "2010-04-30"), At(2010, 5, 1)));
    }

    [Fact]
    public void Given_Reporting_When_InterimUpdate_Then_RefusedAsNotRed()
    {
        Assert.Equal("ROC4: sending an interim update is not possible now because the project is reporting normally and is not Red.",
            Started().Refusal("SubmitInterimUpdate", new { Status = "Green", Comments = "Fine" }, At(2010, 2, 1)));
    }

    [Fact]
    public void Given_WithdrawalProposed_When_ExtendedToAPastDate_Then_Refused()
    {
        Assert.Equal("The new deadline must be after today (2 Jun 2010); 1 Jun 2010 is not.",
            Escalated().Refusal("ExtendDeadline", new { Officer = Officer(OfficerA), NewDeadline = "2010-06-01", Reason = "x" }, At(2010, 6, 2)));
    }
}
