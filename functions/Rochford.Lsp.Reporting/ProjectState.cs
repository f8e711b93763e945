// The whole state of one project's reporting cycle, persisted by the runtime as JSON after every transition.
// Plain immutable records only: System.Text.Json must round-trip it with ReportingCycle.StateJson, and a stored
// state must keep its meaning across code upgrades (bump ReportingCycle.StateVersion when the shape changes, and keep
// tests/.../Cycle/StoredStates/reporting-cycle-v1.json reading through Migrate).

using System.Text.Json.Serialization;
using NodaTime;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting;

/// <summary>One project's reporting cycle.</summary>
public sealed record ProjectState
{
    /// <summary>The funded project; its lead is changed by <see cref="ChangeLeadContact"/>.</summary>
    public required ProjectProfile Project { get; init; }

    /// <summary>
    /// The partnership's officers and Executive Board, as this cycle checks officers against: a copy of what the partnership's
    /// instance holds, changed only by it (ChangePartnershipContacts raised on every active project). Emails name roles and
    /// are addressed from the partnership's instance when they are sent (<see cref="Recipients"/>).
    /// </summary>
    public required PartnershipContacts Contacts { get; init; }

    /// <summary>This project's cycle timings (the partnership's, unless an officer overrode them).</summary>
    public required CycleSettings Settings { get; init; }

    /// <summary>Where the project stands.</summary>
    public required Phase Phase { get; init; }

    /// <summary>The date monitoring started.</summary>
    [JsonConverter(typeof(IsoLocalDateConverter))]
    public required LocalDate MonitoringStarts { get; init; }

    /// <summary>The next quarter whose report will be requested.</summary>
    public required FinancialQuarter NextQuarterToRequest { get; init; }

    /// <summary>
    /// The requested quarters, oldest first, with the latest version of each report: every quarter still owed and the most
    /// recent <see cref="ReportingCycle.QuartersKept"/>; older closed quarters drop out (their history and texts stay in the read model).
    /// </summary>
    public IReadOnlyList<QuarterReport> Quarters { get; init; } = [];

    /// <summary>The latest quarter that dropped out of <see cref="Quarters"/>, if any did: it and earlier ones are closed for good.</summary>
    public FinancialQuarter? QuartersDroppedThrough { get; init; }

    /// <summary>The Red quarter being watched and its recovery deadline; kept while a withdrawal is proposed.</summary>
    public RedWatch? Red { get; init; }

    /// <summary>The withdrawal awaiting an officer's decision.</summary>
    public WithdrawalProposal? Withdrawal { get; init; }

    /// <summary>The reallocation awaiting a second officer's approval.</summary>
    public ReallocationProposal? Reallocation { get; init; }

    /// <summary>
    /// How many withdrawal and reallocation proposals, and changes to them, the project has had: each gets the next number as
    /// its version, which an officer's decision names (<see cref="IProposalDecision"/>). Missing from older rows: 0.
    /// </summary>
    public int ProposalsMade { get; init; }

    /// <summary>
    /// The most recent payments recorded from officers' forms (at most <see cref="PaymentForm.Kept"/>), so that a form sent
    /// again is the same payment. Missing from older rows: none.
    /// </summary>
    public IReadOnlyList<PaymentForm> RecentPayments { get; init; } = [];

    /// <summary>The project's money.</summary>
    public required ProjectFunding Funding { get; init; }

    /// <summary>Ids of reallocated funds already received, so a redelivery adds nothing.</summary>
    public IReadOnlyList<string> ReceivedOperationIds { get; init; } = [];

    /// <summary>
    /// The keys of the money movements officers' inputs made (payments released, withdrawals and reallocations approved):
    /// <c>AlreadyHandled.MoneyInputKey</c> of each input id, oldest first, so the same input again changes nothing however many
    /// inputs came between (the runtime's own window of handled ids is only the last 500). A few a year; never dropped.
    /// Added in version 2 rows' lifetime; a missing list reads as empty, so no migration is needed.
    /// </summary>
    public IReadOnlyList<string> MoneyInputKeys { get; init; } = [];

    /// <summary>
    /// Reallocated funds a recipient refused, returned to the stream's unallocated balance.
    /// Added after version 1 rows were written; a missing list reads as empty, so no migration is needed.
    /// </summary>
    public IReadOnlyList<ReturnedAllocation> ReturnedAllocations { get; init; } = [];

    /// <summary>The quarter record for <paramref name="quarter"/>, if it was requested.</summary>
    public QuarterReport? QuarterFor(FinancialQuarter quarter) => Quarters.FirstOrDefault(q => q.Quarter == quarter);

    /// <summary>This state with <paramref name="report"/> replacing the record of the same quarter.</summary>
    public ProjectState With(QuarterReport report) =>
        this with { Quarters = [.. Quarters.Select(q => q.Quarter == report.Quarter ? report : q)] };
}

/// <summary>Where a quarter's report stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuarterStage>))]
public enum QuarterStage
{
    Requested,
    Reminded,
    Chased,
    Submitted,

    /// <summary>No report came in time: the quarter counts as Red. A late report is still accepted (and marked late) while the phase accepts reports.</summary>
    NoReport,

    /// <summary>Reporting was paused before the report came. Closed.</summary>
    Excused,
}

/// <summary>A requested quarter and the latest version of its report (earlier versions are in the history and the reports table).</summary>
public sealed record QuarterReport(
    FinancialQuarter Quarter,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate DueOn,
    QuarterStage Stage,
    ReportVersion? Latest = null,
    ReportReview? Review = null)
{
    /// <summary>True while the lead still owes the report.</summary>
    [JsonIgnore]
    public bool IsOutstanding => Stage is QuarterStage.Requested or QuarterStage.Reminded or QuarterStage.Chased;

    /// <summary>
    /// True while the officers' latest review asked for changes to the latest version: the lead may amend it (even after the
    /// due date, and the amendment is not late) until they send the next version.
    /// </summary>
    [JsonIgnore]
    public bool ChangesRequested => Latest is { } latest && Review is { Outcome: ReviewOutcome.ChangesRequested } review && review.Version == latest.Version;

    /// <summary>True when an officer accepted the latest version.</summary>
    [JsonIgnore]
    public bool IsAccepted => Latest is { } latest && Review is { Outcome: ReviewOutcome.Accepted } review && review.Version == latest.Version;
}

/// <summary>How an officer's review of a report ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewOutcome>))]
public enum ReviewOutcome
{
    /// <summary>The report is accepted as it is.</summary>
    Accepted,

    /// <summary>The lead is asked to change named sections and send the report again.</summary>
    ChangesRequested,
}

/// <summary>A part of the Funded Project Progress Report an officer can ask the lead to change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportSection>))]
public enum ReportSection
{
    Status,
    StatusComments,
    ProgressInLastPeriod,
    FutureWork,
    Expenditure,
}

/// <summary>The latest officer review of a quarter's report (earlier reviews are in the history).</summary>
/// <param name="Version">The version reviewed; a newer version is unreviewed until an officer reviews it.</param>
/// <param name="Sections">The sections the lead is asked to change; empty when accepted.</param>
public sealed record ReportReview(
    int Version,
    ReviewOutcome Outcome,
    IReadOnlyList<ReportSection> Sections,
    Person ReviewedBy,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ReviewedOn);

/// <summary>The latest submitted version of a quarter's report: what decisions need, and the id of its text in the reports table.</summary>
/// <param name="Version">1 for the first submission, then one more per amendment.</param>
/// <param name="ReportId">The stored text's content id (<see cref="ReportIds.For"/>); the same report again is the same id.</param>
public sealed record ReportVersion(int Version, Rag Status, string ReportId, DateTimeOffset ReceivedAt, bool Late, string? SubmittedBy);

/// <summary>A Red quarter with its recovery deadline.</summary>
/// <param name="SetBy">The officer who set the deadline; null for the usual one.</param>
public sealed record RedWatch(
    FinancialQuarter Quarter,
    RedCause Cause,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate Deadline,
    string WhatIsNeeded,
    Person? SetBy,
    InterimUpdate? LatestUpdate = null,
    int UpdatesReceived = 0)
{
    /// <summary>
    /// The day (in London) the watch opened: the project went Red. Added after watches were first recorded: null in those,
    /// which read <see cref="RedSince"/> as the first day of the Red quarter (no report can make a quarter Red before it starts).
    /// </summary>
    [JsonConverter(typeof(IsoLocalDateConverter))]
    public LocalDate? Since { get; init; }

    /// <summary>The day the project went Red, or for a watch recorded before that was kept, the first day of its Red quarter.</summary>
    [JsonIgnore]
    public LocalDate RedSince => Since ?? Quarter.FirstDay;
}

/// <summary>The latest interim update sent by the lead of a Red project; its comments are in the reports table under <paramref name="UpdateId"/>.</summary>
public sealed record InterimUpdate(Rag Status, string UpdateId, DateTimeOffset ReceivedAt, string? SubmittedBy);

/// <summary>A proposed withdrawal awaiting an officer.</summary>
/// <param name="Version">Its number among the project's proposals (<see cref="ProjectState.ProposalsMade"/>); a change of amount is a new version.</param>
public sealed record WithdrawalProposal(
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ProposedOn,
    Money Amount,
    bool OfficersReminded,
    bool ChairReEscalated,
    int Version = 0);

/// <summary>A proposed reallocation awaiting a second officer.</summary>
/// <param name="Version">Its number among the project's proposals (<see cref="ProjectState.ProposalsMade"/>).</param>
public sealed record ReallocationProposal(
    Person ProposedBy,
    IReadOnlyList<Allocation> Allocations,
    string? Note,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ProposedOn,
    int Version = 0);

/// <summary>A payment recorded from an officer's form (<see cref="RecordPaymentReleased.PaymentId"/>).</summary>
public sealed record PaymentForm(
    string PaymentId,
    Money Amount,
    [property: JsonConverter(typeof(IsoLocalDateConverter))] LocalDate ReleasedOn)
{
    /// <summary>How many the state keeps: far more than the forms one officer has open at once.</summary>
    public const int Kept = 20;
}

/// <summary>Reallocated funds that <paramref name="ProjectCode"/> refused; they went back to the unallocated balance.</summary>
public sealed record ReturnedAllocation(string ProjectCode, Money Amount, string OperationId, string Reason);

/// <summary>A project's own money.</summary>
/// <param name="Awarded">Awarded, including funds reallocated to it.</param>
/// <param name="Released">Paid to the organisation.</param>
/// <param name="Withdrawn">Withdrawn by the Executive.</param>
public sealed record ProjectFunding(Money Awarded, Money Released, Money Withdrawn)
{
    /// <summary>
    /// Unreleased money returned to the stream's unallocated balance when the project closed (completed, or withdrawn for less
    /// than it had unreleased), since a closed project is paid nothing more. Missing from older rows: none.
    /// </summary>
    public Money Returned { get; init; }

    /// <summary>Awarded and neither paid, withdrawn nor returned: what a payment or a withdrawal can take.</summary>
    public Money Unreleased => Awarded - Released - Withdrawn - Returned;
}
