// What happened, in the past tense: each event becomes a HistoryEvent (Type = the record's name,
// DataJson = its fields) with a one-sentence explanation for people. Together they are the project's audit trail.

using System.Text.Json.Serialization;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting;

/// <summary>A fact in a project's history.</summary>
public abstract record ReportingEvent
{
    /// <summary>The history event: the record's name, the explanation and the record as JSON.</summary>
    public HistoryEvent ToHistory(string explanation) => new(GetType().Name, explanation, ReportingJson.Serialize(this));
}

/// <summary>Why a project is Red.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RedCause>))]
public enum RedCause
{
    /// <summary>The lead reported Red.</summary>
    RedReport,

    /// <summary>No report was received in time.</summary>
    NoReportReceived,
}

public sealed record MonitoringStarted(
    string ProjectCode,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate MonitoringStarts,
    FinancialQuarter FirstQuarter,
    Money Awarded) : ReportingEvent;

public sealed record ReportRequested(FinancialQuarter Quarter, [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn) : ReportingEvent;

public sealed record ReminderSent(FinancialQuarter Quarter, [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn) : ReportingEvent;

public sealed record ReportOverdue(FinancialQuarter Quarter, [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn) : ReportingEvent;

public sealed record NoReportReceived(FinancialQuarter Quarter, [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn) : ReportingEvent;

/// <param name="ReportId">The text's id in the reports table: events carry the reference, not the text.</param>
public sealed record ReportSubmitted(FinancialQuarter Quarter, int Version, Rag Status, string ReportId, bool Late, string? SubmittedBy) : ReportingEvent;

/// <param name="ReportId">The amended text's id in the reports table.</param>
public sealed record ReportAmended(FinancialQuarter Quarter, int Version, Rag Status, string ReportId, string? SubmittedBy) : ReportingEvent;

public sealed record RecoveryDeadlineSet(
    FinancialQuarter Quarter,
    RedCause Cause,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate Deadline,
    string WhatIsNeeded,
    Person? SetBy) : ReportingEvent;

/// <param name="UpdateId">The comments' id in the reports table.</param>
public sealed record InterimUpdateReceived(Rag Status, string UpdateId, string? SubmittedBy) : ReportingEvent;

public sealed record RedWatchClosed(FinancialQuarter RedQuarter, Rag Status, string ClosedBy) : ReportingEvent;

public sealed record DeadlinePassedWhileRed(FinancialQuarter Quarter, [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate Deadline) : ReportingEvent;

public sealed record WithdrawalProposed(Money Amount, Money Awarded, Money Released) : ReportingEvent;

public sealed record WithdrawalAmountChanged(Money Amount, Person Officer) : ReportingEvent;

public sealed record ApprovalReminderSent([property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ProposedOn) : ReportingEvent;

public sealed record ExecutiveChairReEscalated([property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ProposedOn) : ReportingEvent;

/// <summary>An officer approved the withdrawal.</summary>
/// <remarks>The Executive Board's decision date and minute are required since issue 13; rows recorded before may lack them, so they stay nullable here.</remarks>
public sealed record FundingWithdrawn(
    Money Amount,
    Person Officer,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate? ExecutiveDecisionDate,
    string? MinuteReference) : ReportingEvent;

public sealed record WithdrawalRejected(Person Officer, string Reason) : ReportingEvent;

public sealed record DeadlineExtended([property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate NewDeadline, Person Officer, string Reason) : ReportingEvent;

public sealed record ReallocationProposed(Person Officer, IReadOnlyList<Allocation> Allocations, Money ReturnedToUnallocated, string? Note) : ReportingEvent;

public sealed record ReallocationRejected(Person Officer, string Reason) : ReportingEvent;

public sealed record ReallocationApproved(
    Person ProposedBy,
    Person ApprovedBy,
    IReadOnlyList<Allocation> Allocations,
    Money ReturnedToUnallocated,
    FundingStream Stream) : ReportingEvent;

public sealed record ReallocatedFundsReturned(string ToProjectCode, Money Amount, string OperationId, string Reason) : ReportingEvent;

public sealed record FundsReceived(string FromProjectCode, Money Amount, string OperationId, Money NewAward) : ReportingEvent;

public sealed record QuarterDueDateChanged(
    FinancialQuarter Quarter,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate PreviousDueOn,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn,
    Person Officer,
    string Reason) : ReportingEvent;

public sealed record ReportReviewed(
    FinancialQuarter Quarter,
    int Version,
    ReviewOutcome Outcome,
    IReadOnlyList<ReportSection> Sections,
    Person Officer,
    string? Note) : ReportingEvent;

/// <param name="OverrideReason">The officer's reason for paying although a report was overdue or not accepted; null when nothing was held.</param>
public sealed record PaymentReleased(
    Money Amount,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ReleasedOn,
    string? Reference,
    Person Officer,
    string? OverrideReason = null) : ReportingEvent;

public sealed record ProjectCompleted(Person Officer, string? Note, Money Unreleased) : ReportingEvent;

public sealed record LeadContactChanged(Person Previous, Person Current, Person Officer) : ReportingEvent;

public sealed record ReportingPaused(Person Officer, string Reason, IReadOnlyList<FinancialQuarter> ExcusedQuarters) : ReportingEvent;

public sealed record ReportingResumed(Person Officer, FinancialQuarter NextQuarter) : ReportingEvent;

public sealed record PartnershipContactsChanged(PartnershipContacts Previous, PartnershipContacts Current, Person Officer) : ReportingEvent;

public sealed record CycleSettingsOverridden(Person Officer, CycleSettings Settings) : ReportingEvent;
