// The partnership's reporting timings as a form: each timing a whole number within a sensible range, prefilled with the
// current value; only the timings changed are sent (OverrideCycleSettings keeps the others).

using System.Globalization;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Reporting;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>One timing: its setting, words, unit and range.</summary>
public sealed record Timing(string Setting, string Label, string Unit, int Min, int Max, Func<CycleSettings, int> Read)
{
    /// <summary>The hint: unit and range.</summary>
    public string Hint => $"In {Unit}, from {Min} to {Max}.";
}

/// <summary>The timings form.</summary>
public static class TimingsForm
{
    /// <summary>Every timing an officer may change, in the order of the cycle.</summary>
    public static IReadOnlyList<Timing> Timings { get; } =
    [
        new(nameof(CycleSettings.RequestDaysBeforeQuarterEnd), "Request each report this many days before the quarter ends", "days", 0, 60, c => c.RequestDaysBeforeQuarterEnd),
        new(nameof(CycleSettings.DueDaysAfterQuarterEnd), "Reports are due this many days after the quarter ends", "days", 1, 60, c => c.DueDaysAfterQuarterEnd),
        new(nameof(CycleSettings.ReminderDaysBeforeDue), "Remind the lead this many days before the due date", "days", 0, 30, c => c.ReminderDaysBeforeDue),
        new(nameof(CycleSettings.ChaseDaysAfterDue), "Chase an overdue report this many days after the due date", "days", 1, 30, c => c.ChaseDaysAfterDue),
        new(nameof(CycleSettings.NoReportDaysAfterDue), "Count the quarter as Red (no report) this many days after the due date", "days", 1, 60, c => c.NoReportDaysAfterDue),
        new(nameof(CycleSettings.RecoveryWeeksAfterReportingDate), "The usual recovery deadline, in weeks after the reporting date", "weeks", 1, 26, c => c.RecoveryWeeksAfterReportingDate),
        new(nameof(CycleSettings.ApprovalReminderDays), "Remind officers of a decision waiting after this many days", "days", 1, 30, c => c.ApprovalReminderDays),
        new(nameof(CycleSettings.ChairReEscalationDays), "Tell the Executive's chair of a decision still waiting after this many days", "days", 1, 60, c => c.ChairReEscalationDays),
        new(nameof(CycleSettings.OfficerLinkDays), "Officers' and the Executive's links work for this many days", "days", 1, 90, c => c.OfficerLinkDays),
    ];

    /// <summary>The form's values for <paramref name="settings"/>.</summary>
    public static IReadOnlyDictionary<string, string> Values(CycleSettings settings) =>
        Timings.ToDictionary(t => t.Setting, t => t.Read(settings).ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>The changed timings (setting and value) from the posted <paramref name="form"/>, with errors per field.</summary>
    public static (Dictionary<string, int> Changes, List<FieldError> Errors) Read(ActionForm form, CycleSettings current)
    {
        ArgumentNullException.ThrowIfNull(form);
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        foreach (var timing in Timings)
        {
            var text = form.Value(timing.Setting);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < timing.Min || value > timing.Max)
                errors.Add(new FieldError(timing.Setting, $"{timing.Label} must be a whole number from {timing.Min} to {timing.Max}"));
            else if (value != timing.Read(current))
                changes[timing.Setting] = value;
        }
        if (errors.Count == 0 && changes.Count == 0)
            errors.Add(new FieldError(Timings[0].Setting, "These are the timings already: change one, or leave the page"));
        return (changes, errors);
    }
}
