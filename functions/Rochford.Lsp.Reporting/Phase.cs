using System.Text.Json.Serialization;

namespace Rochford.Lsp.Reporting;

/// <summary>Where a project stands in its reporting cycle.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Phase>))]
public enum Phase
{
    /// <summary>Reporting each quarter, not Red.</summary>
    Reporting,

    /// <summary>Red, with a recovery deadline.</summary>
    RedWatch,

    /// <summary>The deadline passed while Red: a withdrawal awaits an officer's decision.</summary>
    WithdrawalProposed,

    /// <summary>Funding withdrawn; awaiting a reallocation proposal.</summary>
    FundingWithdrawn,

    /// <summary>A reallocation awaits a second officer's approval.</summary>
    ReallocationProposed,

    /// <summary>Quarterly reporting paused by an officer.</summary>
    Paused,

    /// <summary>Delivered and finished. Final.</summary>
    Completed,

    /// <summary>Funding withdrawn and reallocated (or nothing was left to reallocate). Final.</summary>
    Closed,
}

/// <summary>What can move a project from one phase to another: an input or a timer.</summary>
public enum Trigger
{
    SubmitQuarterlyReport,
    SubmitInterimUpdate,
    SetRecoveryDeadline,
    ChangeWithdrawalAmount,
    ApproveWithdrawal,
    RejectWithdrawal,
    ExtendDeadline,
    ProposeReallocation,
    ApproveReallocation,
    RejectReallocation,
    ReceiveReallocatedFunds,
    RecordPaymentReleased,
    MarkProjectCompleted,
    ChangeLeadContact,
    PauseReporting,
    ResumeReporting,
    OverrideCycleSettings,
    ChangePartnershipContacts,
    ChangeQuarterDueDate,
    ReviewReport,

    /// <summary>From the runtime: a project refused the reallocated funds this project sent it.</summary>
    RaisedEventRefused,

    /// <summary>Timer: the next quarter's report is requested.</summary>
    RequestTimer,

    /// <summary>Timer: reminder before the due date.</summary>
    ReminderTimer,

    /// <summary>Timer: overdue chase after the due date.</summary>
    OverdueChaseTimer,

    /// <summary>Timer: no report, the quarter counts as Red.</summary>
    NoReportTimer,

    /// <summary>Timer: the recovery deadline passed while Red.</summary>
    RecoveryDeadlineTimer,

    /// <summary>Timer: officers reminded of an undecided withdrawal.</summary>
    ApprovalReminderTimer,

    /// <summary>Timer: an undecided withdrawal re-escalated to the Executive chair.</summary>
    ChairReEscalationTimer,
}
