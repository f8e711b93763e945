// The data each email template is rendered with. Dates are ISO dates ("2010-05-31") and money is whole
// pence, as everywhere in the domain's JSON; each model names the project so the message stands on its own.

using System.Text.Json.Serialization;
using NodaTime;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Email;

/// <summary>What a personal link in an email is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LinkPurpose>))]
public enum LinkPurpose
{
    SubmitReport,
    InterimUpdate,
    DecideWithdrawal,
    ApproveReallocation,
    ProjectSummary,

    /// <summary>The Executive Board's read-only copy of one quarter's performance pack (the quarterly digest's link).</summary>
    QuarterlyPack,
}

/// <summary>
/// A personal link the email layer must mint (the decider has no randomness to make tokens):
/// for <paramref name="Purpose"/> on <paramref name="ProjectCode"/> (and <paramref name="Quarter"/>), valid until the end of <paramref name="ExpiresOn"/>.
/// </summary>
public sealed record EmailLink(
    LinkPurpose Purpose,
    string ProjectCode,
    FinancialQuarter? Quarter,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ExpiresOn);

/// <summary>Model for <see cref="EmailTemplates.QuarterlyRequest"/>.</summary>
public sealed record QuarterlyRequestModel(
    string ProjectCode,
    string ProjectName,
    string Organisation,
    string LeadName,
    FinancialQuarter Quarter,
    string PeriodCovered,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ReportingDate,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn,
    EmailLink Link);

/// <summary>Model for <see cref="EmailTemplates.Reminder"/>.</summary>
public sealed record ReminderModel(string ProjectCode, string ProjectName, string LeadName, FinancialQuarter Quarter, string PeriodCovered,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn, EmailLink Link);

/// <summary>Model for <see cref="EmailTemplates.OverdueChase"/>.</summary>
public sealed record OverdueChaseModel(string ProjectCode, string ProjectName, string LeadName, FinancialQuarter Quarter, string PeriodCovered,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate CountsAsRedOn, EmailLink Link);

/// <summary>Model for <see cref="EmailTemplates.NoReportReceived"/>.</summary>
public sealed record NoReportReceivedModel(string ProjectCode, string ProjectName, string LeadName, FinancialQuarter Quarter, string PeriodCovered,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn);

/// <summary>Model for <see cref="EmailTemplates.SubmissionReceipt"/>.</summary>
/// <param name="ReportId">The submitted text's id in the reports table: the decider never holds the text.</param>
/// <param name="Report">The text, filled in by the email activity from the reports table just before the email is written; null when it could not be found.</param>
public sealed record SubmissionReceiptModel(string ProjectCode, string ProjectName, FinancialQuarter Quarter, string PeriodCovered,
    int Version, bool IsAmendment, bool IsLate, Rag Status, string ReportId,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate AmendableUntil, EmailLink? Link, ReportContent? Report = null);

/// <summary>Model for <see cref="EmailTemplates.DueDateChanged"/>.</summary>
/// <param name="Link">The report form, valid as long as the report is taken.</param>
public sealed record DueDateChangedModel(string ProjectCode, string ProjectName, string LeadName, FinancialQuarter Quarter, string PeriodCovered,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate PreviousDueOn,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn,
    string Reason, Person ChangedBy, EmailLink Link);

/// <summary>Model for <see cref="EmailTemplates.ChangesRequested"/>.</summary>
/// <param name="Version">The version the officers reviewed.</param>
/// <param name="Sections">The sections to change; the others stay as they were sent.</param>
/// <param name="Link">The report form, to send the amended report.</param>
public sealed record ChangesRequestedModel(string ProjectCode, string ProjectName, string LeadName, FinancialQuarter Quarter, string PeriodCovered,
    int Version, IReadOnlyList<ReportSection> Sections, string? Note, Person RequestedBy, EmailLink Link);

/// <summary>Model for <see cref="EmailTemplates.RedNotice"/> and <see cref="EmailTemplates.DeadlineExtended"/>.</summary>
/// <param name="Reason">Why the deadline was set or moved: the Red cause, or the officer's reason.</param>
/// <param name="SetBy">The officer who set the deadline; null when it is the usual one.</param>
public sealed record RedNoticeModel(string ProjectCode, string ProjectName, FinancialQuarter Quarter, string PeriodCovered, RedCause Cause,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate RecoveryDeadline,
    string WhatIsNeeded, string? Reason, Person? SetBy, EmailLink Link);

/// <summary>Model for <see cref="EmailTemplates.InterimUpdateReceipt"/>.</summary>
/// <param name="UpdateId">The update's id in the reports table.</param>
/// <param name="Comments">The comments, filled in by the email activity from the reports table; null when they could not be found.</param>
public sealed record InterimUpdateReceiptModel(string ProjectCode, string ProjectName, Rag Status, string UpdateId,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate RecoveryDeadline, bool RedWatchClosed, string? Comments = null);

/// <summary>Model for <see cref="EmailTemplates.ExecutiveEscalation"/>, <see cref="EmailTemplates.ApprovalRequest"/>,
/// <see cref="EmailTemplates.ApprovalReminder"/> and <see cref="EmailTemplates.ExecutiveChairReEscalation"/>.</summary>
public sealed record ApprovalRequestModel(string ProjectCode, string ProjectName, string Organisation, FinancialQuarter RedQuarter, string PeriodCovered,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate RecoveryDeadline,
    string WhatWasNeeded, Money Awarded, Money Released, Money ProposedWithdrawal,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ProposedOn, EmailLink Link,
    IReadOnlyList<RagHistoryEntry>? RagHistory = null);

/// <summary>One quarter in a project's Red / Amber / Green history: the latest reported status, or Red when no report came.</summary>
public sealed record RagHistoryEntry(FinancialQuarter Quarter, string PeriodCovered, Rag Status, bool NoReport);

/// <summary>Model for <see cref="EmailTemplates.WithdrawalApproved"/>.</summary>
public sealed record WithdrawalApprovedModel(string ProjectCode, string ProjectName, Money Amount, Person ApprovedBy,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate? ExecutiveDecisionDate, string? MinuteReference);

/// <summary>Model for <see cref="EmailTemplates.WithdrawalRejected"/>.</summary>
public sealed record WithdrawalRejectedModel(string ProjectCode, string ProjectName, Person RejectedBy, string Reason);

/// <summary>Model for <see cref="EmailTemplates.ReallocationProposal"/> and <see cref="EmailTemplates.ReallocationApproved"/>.</summary>
public sealed record ReallocationModel(string ProjectCode, string ProjectName, FundingStream Stream, Money Withdrawn,
    IReadOnlyList<Allocation> Allocations, Money ReturnedToUnallocated, Person ProposedBy, Person? ApprovedBy, string? Note, EmailLink? Link);

/// <summary>Model for <see cref="EmailTemplates.FundsReceived"/>.</summary>
public sealed record FundsReceivedModel(string ProjectCode, string ProjectName, string LeadName, string FromProjectCode, Money Amount, Money NewAward);

/// <summary>Model for <see cref="EmailTemplates.ReallocationRejected"/>.</summary>
public sealed record ReallocationRejectedModel(string ProjectCode, string ProjectName, FundingStream Stream, Money Withdrawn,
    IReadOnlyList<Allocation> Allocations, Person ProposedBy, Person RejectedBy, string Reason);

/// <summary>
/// Model for <see cref="EmailTemplates.FundingNotRecorded"/>: the partnership's ledger for <paramref name="Stream"/> could not
/// record <paramref name="Movement"/> of <paramref name="ProjectCode"/>'s money, because <paramref name="Reason"/>.
/// </summary>
public sealed record FundingNotRecordedModel(string ProjectCode, FundingStream Stream, string Movement, string Reason);

/// <summary>Model for <see cref="EmailTemplates.ReallocationRefused"/>: <paramref name="RecipientCode"/> refused <paramref name="Amount"/>
/// of <paramref name="ProjectCode"/>'s withdrawn funding (<paramref name="Reason"/> is its refusal), so the amount returned to the unallocated balance.</summary>
public sealed record ReallocationRefusedModel(string ProjectCode, string ProjectName, FundingStream Stream, string RecipientCode, Money Amount, string Reason);

/// <summary>Model for <see cref="EmailTemplates.QuarterlyDigest"/>: sent once a quarter's reports are closed (the "no report" date has passed).</summary>
/// <param name="Link">The Executive Board's link to the quarter's performance pack (<see cref="QuarterlyDigest.PackLink"/>); null in digests written before it existed.</param>
public sealed record QuarterlyDigestModel(FinancialQuarter Quarter, string PeriodCovered,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate PreparedOn,
    IReadOnlyList<DigestProjectLine> Projects, IReadOnlyList<DigestMoneyMove> MoneyMoved, EmailLink? Link);

/// <summary>One project's line in the quarterly digest.</summary>
/// <param name="Status">The quarter's RAG: the latest submitted status, Red for no report, null when not requested (paused, finished).</param>
/// <param name="Position">Where the project stands, in a few plain words ("Red: recovery deadline 31 May 2010").</param>
public sealed record DigestProjectLine(string ProjectCode, string ProjectName, string Organisation, Rag? Status, bool Overdue, bool Escalated, string Position);

/// <summary>Money that moved during the quarter.</summary>
/// <param name="Kind">"Withdrawn", "Reallocated" or "Returned to unallocated".</param>
public sealed record DigestMoneyMove(string FromProjectCode, string? ToProjectCode, Money Amount, string Kind,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate On);
