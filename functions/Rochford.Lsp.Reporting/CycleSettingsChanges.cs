namespace Rochford.Lsp.Reporting;

/// <summary>A partial change to <see cref="CycleSettings"/>: null fields keep their current values.</summary>
public sealed record CycleSettingsChanges(
    int? RequestDaysBeforeQuarterEnd = null,
    int? DueDaysAfterQuarterEnd = null,
    int? ReminderDaysBeforeDue = null,
    int? ChaseDaysAfterDue = null,
    int? NoReportDaysAfterDue = null,
    int? RecoveryWeeksAfterReportingDate = null,
    int? ApprovalReminderDays = null,
    int? ChairReEscalationDays = null,
    int? OfficerLinkDays = null,
    int? WakeUpHour = null)
{
    /// <summary>The settings with these changes made.</summary>
    public CycleSettings ApplyTo(CycleSettings settings) => settings with
    {
        RequestDaysBeforeQuarterEnd = RequestDaysBeforeQuarterEnd ?? settings.RequestDaysBeforeQuarterEnd,
        DueDaysAfterQuarterEnd = DueDaysAfterQuarterEnd ?? settings.DueDaysAfterQuarterEnd,
        ReminderDaysBeforeDue = ReminderDaysBeforeDue ?? settings.ReminderDaysBeforeDue,
        ChaseDaysAfterDue = ChaseDaysAfterDue ?? settings.ChaseDaysAfterDue,
        NoReportDaysAfterDue = NoReportDaysAfterDue ?? settings.NoReportDaysAfterDue,
        RecoveryWeeksAfterReportingDate = RecoveryWeeksAfterReportingDate ?? settings.RecoveryWeeksAfterReportingDate,
        ApprovalReminderDays = ApprovalReminderDays ?? settings.ApprovalReminderDays,
        ChairReEscalationDays = ChairReEscalationDays ?? settings.ChairReEscalationDays,
        OfficerLinkDays = OfficerLinkDays ?? settings.OfficerLinkDays,
        WakeUpHour = WakeUpHour ?? settings.WakeUpHour,
    };
}
