namespace Rochford.Lsp.Reporting.Email;

/// <summary>The email templates the reporting cycle asks for: one per message; each has a model record in <c>EmailModels.cs</c>.</summary>
public static class EmailTemplates
{
    /// <summary>To the lead: please report on the quarter. Model: <see cref="QuarterlyRequestModel"/>.</summary>
    public const string QuarterlyRequest = nameof(QuarterlyRequest);

    /// <summary>To the lead: the report is due soon. Model: <see cref="ReminderModel"/>.</summary>
    public const string Reminder = nameof(Reminder);

    /// <summary>To the lead, officers copied: the report is overdue. Model: <see cref="OverdueChaseModel"/>.</summary>
    public const string OverdueChase = nameof(OverdueChase);

    /// <summary>To officers, lead copied: no report, the quarter counts as Red. Model: <see cref="NoReportReceivedModel"/>.</summary>
    public const string NoReportReceived = nameof(NoReportReceived);

    /// <summary>To the lead, officers copied: your report was received. Model: <see cref="SubmissionReceiptModel"/>.</summary>
    public const string SubmissionReceipt = nameof(SubmissionReceipt);

    /// <summary>To the lead, officers copied: an officer moved the report's due date. Model: <see cref="DueDateChangedModel"/>.</summary>
    public const string DueDateChanged = nameof(DueDateChanged);

    /// <summary>To the lead, officers copied: the officers ask for changes to named sections of the report. Model: <see cref="ChangesRequestedModel"/>.</summary>
    public const string ChangesRequested = nameof(ChangesRequested);

    /// <summary>To the lead, officers copied: Red, the recovery deadline and what is needed. Model: <see cref="RedNoticeModel"/>.</summary>
    public const string RedNotice = nameof(RedNotice);

    /// <summary>To the lead, officers copied: the interim update was received. Model: <see cref="InterimUpdateReceiptModel"/>.</summary>
    public const string InterimUpdateReceipt = nameof(InterimUpdateReceipt);

    /// <summary>To the Executive Board, officers copied: the deadline passed while Red. Model: <see cref="ApprovalRequestModel"/>.</summary>
    public const string ExecutiveEscalation = nameof(ExecutiveEscalation);

    /// <summary>To officers: decide on the withdrawal proposal. Model: <see cref="ApprovalRequestModel"/>.</summary>
    public const string ApprovalRequest = nameof(ApprovalRequest);

    /// <summary>To officers: the withdrawal proposal is still undecided. Model: <see cref="ApprovalRequestModel"/>.</summary>
    public const string ApprovalReminder = nameof(ApprovalReminder);

    /// <summary>To the Executive chair, officers copied: officers have not decided. Model: <see cref="ApprovalRequestModel"/>.</summary>
    public const string ExecutiveChairReEscalation = nameof(ExecutiveChairReEscalation);

    /// <summary>To the lead, Executive and officers copied. Model: <see cref="WithdrawalApprovedModel"/>.</summary>
    public const string WithdrawalApproved = nameof(WithdrawalApproved);

    /// <summary>To the lead, Executive and officers copied. Model: <see cref="WithdrawalRejectedModel"/>.</summary>
    public const string WithdrawalRejected = nameof(WithdrawalRejected);

    /// <summary>To the lead, officers copied: more time to recover. Model: <see cref="RedNoticeModel"/>.</summary>
    public const string DeadlineExtended = nameof(DeadlineExtended);

    /// <summary>To officers: approve the proposed reallocation (a different officer). Model: <see cref="ReallocationModel"/>.</summary>
    public const string ReallocationProposal = nameof(ReallocationProposal);

    /// <summary>To the Executive Board, officers copied: the money has moved. Model: <see cref="ReallocationModel"/>.</summary>
    public const string ReallocationApproved = nameof(ReallocationApproved);

    /// <summary>To a recipient's lead, officers copied: funds received. Model: <see cref="FundsReceivedModel"/>.</summary>
    public const string FundsReceived = nameof(FundsReceived);

    /// <summary>To officers (the proposer first), Executive copied: the second officer rejected the reallocation. Model: <see cref="ReallocationRejectedModel"/>.</summary>
    public const string ReallocationRejected = nameof(ReallocationRejected);

    /// <summary>To officers, Executive copied: a recipient refused reallocated funds, which returned to the unallocated balance. Model: <see cref="ReallocationRefusedModel"/>.</summary>
    public const string ReallocationRefused = nameof(ReallocationRefused);

    /// <summary>To officers: the partnership's ledger could not record a movement of a project's money. Model: <see cref="FundingNotRecordedModel"/>.</summary>
    public const string FundingNotRecorded = nameof(FundingNotRecorded);

    /// <summary>To the Executive Board, officers copied: every project's position this quarter. Model: <see cref="QuarterlyDigestModel"/>.</summary>
    public const string QuarterlyDigest = nameof(QuarterlyDigest);
}
