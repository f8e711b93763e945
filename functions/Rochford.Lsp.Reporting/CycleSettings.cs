// The reporting cycle's timings. The partnership's defaults come in the start payload; an officer can
// override them per project. Everything is in whole days (or weeks) of the London calendar.

using NodaTime;

namespace Rochford.Lsp.Reporting;

/// <summary>How the quarterly reporting cycle is timed.</summary>
/// <param name="RequestDaysBeforeQuarterEnd">The lead is asked for the report this many days before the quarter ends.</param>
/// <param name="DueDaysAfterQuarterEnd">The report is due this many days after the quarter ends.</param>
/// <param name="ReminderDaysBeforeDue">A reminder goes this many days before the due date.</param>
/// <param name="ChaseDaysAfterDue">An overdue chase (officers copied) goes this many days after the due date.</param>
/// <param name="NoReportDaysAfterDue">With no report this many days after the due date, the quarter counts as Red.</param>
/// <param name="RecoveryWeeksAfterReportingDate">A Red quarter's recovery deadline, in weeks after its reporting date, unless an officer sets one.</param>
/// <param name="ApprovalReminderDays">Officers are reminded of an undecided withdrawal proposal after this many days.</param>
/// <param name="ChairReEscalationDays">An undecided withdrawal proposal is re-escalated to the Executive chair after this many days.</param>
/// <param name="OfficerLinkDays">How long an officer's or Executive's link stays valid.</param>
/// <param name="WakeUpHour">The London hour (0 to 23) at which scheduled emails go out.</param>
public sealed record CycleSettings(
    int RequestDaysBeforeQuarterEnd = 14,
    int DueDaysAfterQuarterEnd = 15,
    int ReminderDaysBeforeDue = 5,
    int ChaseDaysAfterDue = 1,
    int NoReportDaysAfterDue = 10,
    int RecoveryWeeksAfterReportingDate = 8,
    int ApprovalReminderDays = 5,
    int ChairReEscalationDays = 10,
    int OfficerLinkDays = 30,
    int WakeUpHour = 9)
{
    /// <summary>The partnership's usual cycle.</summary>
    public static CycleSettings Default { get; } = new();

    /// <summary>The time of day scheduled emails go out.</summary>
    public LocalTime WakeUpTime => new(WakeUpHour, 0);

    /// <summary>Why these settings cannot work, or null when they can.</summary>
    public string? Problem() => this switch
    {
        { RequestDaysBeforeQuarterEnd: < 0 or > 80 } => "The request must go between 0 and 80 days before the quarter ends.",
        { DueDaysAfterQuarterEnd: < 1 or > 90 } => "The due date must be between 1 and 90 days after the quarter ends.",
        { ReminderDaysBeforeDue: < 1 } => "The reminder must go at least 1 day before the due date.",
        _ when ReminderDaysBeforeDue >= RequestDaysBeforeQuarterEnd + DueDaysAfterQuarterEnd =>
            "The reminder must go after the request.",
        { ChaseDaysAfterDue: < 1 } => "The overdue chase must go at least 1 day after the due date.",
        _ when NoReportDaysAfterDue <= ChaseDaysAfterDue => "A missing report must count as Red only after the overdue chase.",
        { RecoveryWeeksAfterReportingDate: < 1 or > 52 } => "The recovery deadline must be between 1 and 52 weeks after the reporting date.",
        { ApprovalReminderDays: < 1 } => "The approval reminder must go at least 1 day after a withdrawal is proposed.",
        _ when ChairReEscalationDays <= ApprovalReminderDays => "Re-escalation to the Executive chair must come after the approval reminder.",
        { OfficerLinkDays: < 1 } => "Officers' links must be valid for at least 1 day.",
        { WakeUpHour: < 0 or > 23 } => "The wake-up hour must be between 0 and 23.",
        _ => null,
    };
}
