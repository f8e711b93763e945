// The inputs a project's reporting cycle accepts, named for what is asked. They arrive as
// OrchestrationInput.EventRaised(InputId, Name, PayloadJson) with Name = the record's name;
// CommandParser turns the JSON into these records and refuses what is malformed.

using System.Text.Json.Serialization;
using NodaTime;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting;

/// <summary>An input to a project's reporting cycle. Officer inputs carry the officer, for four-eyes checks and the audit trail.</summary>
public abstract record ReportingCommand
{
    /// <summary>The event name the input arrives under: the record's name, e.g. "SubmitQuarterlyReport".</summary>
    public string Name => GetType().Name;
}

/// <summary>An input only one of the partnership's officers may give (the decider refuses anyone else).</summary>
public interface IOfficerCommand
{
    /// <summary>The officer deciding: from the caller's sign-in or a link bound to that officer, never from a form field.</summary>
    Person Officer { get; }
}

/// <summary>
/// An officer's decision on a proposal (a withdrawal, or a reallocation): it names the version of the proposal the officer
/// saw, and a proposal that has changed since is not decided (ARCHITECTURE.md rule 11).
/// </summary>
public interface IProposalDecision
{
    /// <summary>The version the officer saw (<see cref="WithdrawalProposal.Version"/> or <see cref="ReallocationProposal.Version"/>); null decides whatever waits.</summary>
    int? ProposalVersion { get; }
}

/// <summary>What a lead writes on the Funded Project Progress Report.</summary>
/// <param name="Status">Red, Amber or Green.</param>
/// <param name="StatusComments">"Project Status and comments on progress".</param>
/// <param name="ProgressInLastPeriod">"Progress in last period".</param>
/// <param name="FutureWork">"Future Work".</param>
/// <param name="Expenditure">Spent in the period, when the lead gives it.</param>
public sealed record ReportContent(Rag Status, string StatusComments, string ProgressInLastPeriod, string FutureWork, Money? Expenditure);

/// <summary>The lead submits (or, until the due date, amends) the report for a quarter.</summary>
/// <param name="Status">The report's status, which is all the decider needs of its content.</param>
/// <param name="ReportId">The stored text's id (<see cref="ReportIds.For"/>): the page stores the text in the read model first.</param>
public sealed record SubmitQuarterlyReport(FinancialQuarter Quarter, Rag Status, string ReportId, string? SubmittedBy) : ReportingCommand;

/// <summary>The lead of a Red project sends an update before the recovery deadline.</summary>
/// <param name="UpdateId">The stored comments' id (<see cref="ReportIds.ForUpdate"/>).</param>
public sealed record SubmitInterimUpdate(Rag Status, string UpdateId, string? SubmittedBy) : ReportingCommand;

/// <summary>An officer sets (or moves) a Red project's recovery deadline and says what is needed by then.</summary>
public sealed record SetRecoveryDeadline(
    Person Officer,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate Deadline,
    string? WhatIsNeeded) : ReportingCommand, IOfficerCommand;

/// <summary>An officer changes how much a pending withdrawal proposal would withdraw.</summary>
public sealed record ChangeWithdrawalAmount(Person Officer, Money Amount) : ReportingCommand, IOfficerCommand;

/// <summary>An officer approves the proposed withdrawal, citing the LSP Executive Board's decision that authorised it.</summary>
/// <param name="ExecutiveDecisionDate">The day the Executive Board decided; today or earlier.</param>
/// <param name="MinuteReference">The minute that records the decision (at most 200 characters).</param>
public sealed record ApproveWithdrawal(
    Person Officer,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ExecutiveDecisionDate,
    string MinuteReference,
    int? ProposalVersion = null) : ReportingCommand, IOfficerCommand, IProposalDecision;

/// <summary>An officer rejects the proposed withdrawal: the project keeps its funding, and stays under Red watch while it is still Red.</summary>
/// <param name="NewDeadline">The recovery deadline if the project is still Red; without it, the usual recovery period from today.</param>
public sealed record RejectWithdrawal(
    Person Officer,
    string Reason,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate? NewDeadline = null,
    int? ProposalVersion = null) : ReportingCommand, IOfficerCommand, IProposalDecision;

/// <summary>An officer gives the project more time instead of withdrawing its funding.</summary>
public sealed record ExtendDeadline(
    Person Officer,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate NewDeadline,
    string Reason,
    int? ProposalVersion = null) : ReportingCommand, IOfficerCommand, IProposalDecision;

/// <summary>An officer proposes recipients for the withdrawn funding; the rest returns to the stream's unallocated balance.</summary>
public sealed record ProposeReallocation(Person Officer, IReadOnlyList<Allocation> Allocations, string? Note) : ReportingCommand, IOfficerCommand;

/// <summary>A second officer approves the proposed reallocation.</summary>
public sealed record ApproveReallocation(Person Officer, int? ProposalVersion = null) : ReportingCommand, IOfficerCommand, IProposalDecision;

/// <summary>An officer rejects the proposed reallocation so that another can be proposed.</summary>
public sealed record RejectReallocation(Person Officer, string Reason, int? ProposalVersion = null) : ReportingCommand, IOfficerCommand, IProposalDecision;

/// <summary>Money reallocated from a withdrawn project arrives (raised by that project's instance).</summary>
/// <param name="OperationId">Stable per move: a repeat is ignored.</param>
/// <param name="Stream">
/// The sender's funding stream: money moves only within a stream, so a recipient funded from another refuses it (and the
/// sender takes it back). Absent from moves raised before it was added; those are accepted as they were.
/// </param>
public sealed record ReceiveReallocatedFunds(string FromProjectCode, Money Amount, string OperationId, FundingStream? Stream = null) : ReportingCommand
{
    /// <summary>The id of the move of <paramref name="from"/>'s withdrawn money to <paramref name="to"/>: one per recipient, so a redelivery adds nothing.</summary>
    public static string OperationIdFor(string from, string to) => $"{from}-reallocation-to-{to}";
}

/// <summary>
/// The runtime tells this project that an event it raised was refused (see <c>RaisedEventRefusal</c>): for reallocated
/// funds, the recipient had completed or lost its funding in the meantime, so the money returns to the unallocated balance.
/// </summary>
/// <param name="OutboxId">The outbox row of the refused event.</param>
/// <param name="TargetInstanceId">The project that refused it.</param>
/// <param name="RefusedInput">The refused input's name, e.g. "ReceiveReallocatedFunds".</param>
/// <param name="Reason">The recipient's refusal message.</param>
/// <param name="PayloadJson">The refused input's payload.</param>
public sealed record RaisedEventRefused(string OutboxId, string TargetInstanceId, string RefusedInput, string Reason, string PayloadJson) : ReportingCommand;

/// <summary>An officer moves the due date of one quarter's report that the lead still owes; the lead is told the new date.</summary>
/// <param name="DueOn">The new due date: today or later. The reminder, the overdue chase and "no report received" follow it.</param>
/// <param name="Reason">Why, for the lead's email and the history.</param>
public sealed record ChangeQuarterDueDate(
    Person Officer,
    FinancialQuarter Quarter,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn,
    string Reason) : ReportingCommand, IOfficerCommand;

/// <summary>An officer reviews the latest version of a quarter's report: accepts it, or asks the lead to change named sections.</summary>
/// <param name="Version">The version reviewed: it must be the latest, so an officer never decides on a version they have not seen.</param>
/// <param name="Sections">With <see cref="ReviewOutcome.ChangesRequested"/>, the sections the lead is asked to change (at least one); none when accepting.</param>
/// <param name="Note">What the officer asks for or says, for the lead's email and the history.</param>
public sealed record ReviewReport(
    Person Officer,
    FinancialQuarter Quarter,
    int Version,
    ReviewOutcome Outcome,
    IReadOnlyList<ReportSection> Sections,
    string? Note) : ReportingCommand, IOfficerCommand;

/// <summary>An officer records a payment released to the project's organisation.</summary>
/// <param name="OverrideReason">Why the payment goes out although a report is overdue or its latest report is not accepted; without it such a payment is held.</param>
/// <param name="PaymentId">
/// The form's id (its submission id): one form is one payment, so the same form sent again changes nothing, and sent again with
/// an edited amount or date it is refused instead of recording a second payment.
/// </param>
public sealed record RecordPaymentReleased(
    Person Officer,
    Money Amount,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ReleasedOn,
    string? Reference,
    string? OverrideReason = null,
    string? PaymentId = null) : ReportingCommand, IOfficerCommand;

/// <summary>An officer marks the project delivered and finished.</summary>
public sealed record MarkProjectCompleted(Person Officer, string? Note) : ReportingCommand, IOfficerCommand;

/// <summary>An officer changes who leads the project and where their emails go.</summary>
public sealed record ChangeLeadContact(Person Officer, Person Lead) : ReportingCommand, IOfficerCommand;

/// <summary>An officer pauses quarterly reporting; outstanding requests are excused.</summary>
public sealed record PauseReporting(Person Officer, string Reason) : ReportingCommand, IOfficerCommand;

/// <summary>An officer resumes quarterly reporting from the current quarter.</summary>
public sealed record ResumeReporting(Person Officer) : ReportingCommand, IOfficerCommand;

/// <summary>An officer changes who the partnership's officers, Executive Board and chair are for this project's cycle.</summary>
/// <param name="Contacts">The new contacts: at least two officers with different addresses.</param>
public sealed record ChangePartnershipContacts(Person Officer, PartnershipContacts Contacts) : ReportingCommand, IOfficerCommand;

/// <summary>An officer changes this project's cycle timings; fields left out keep their current values.</summary>
public sealed record OverrideCycleSettings(Person Officer, CycleSettingsChanges Changes) : ReportingCommand, IOfficerCommand;
