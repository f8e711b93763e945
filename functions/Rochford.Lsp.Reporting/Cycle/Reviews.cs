// Officers' work on the quarterly reports themselves: moving one quarter's due date while the report is still owed,
// and reviewing the latest version of a report (accepting it, or asking the lead to change named sections).

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Reporting.Cycle.Text;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Handlers for due-date changes and report reviews.</summary>
internal static class Reviews
{
    /// <summary>The sections once each, in the order the report form has them.</summary>
    public static IReadOnlyList<ReportSection> Ordered(IEnumerable<ReportSection> sections) => [.. sections.Distinct().Order()];

    public static void ChangeDueDate(Step step, ChangeQuarterDueDate command)
    {
        var code = step.Project.Code;
        var period = command.Quarter.PeriodCovered;
        var report = step.State.QuarterFor(command.Quarter)
            ?? throw new InputRefusedException($"{code}: the {period} report has not been requested, so it has no due date to change.");
        if (!report.IsOutstanding)
        {
            throw new InputRefusedException($"{code}: the due date of the {period} report cannot be changed because " + report.Stage switch
            {
                QuarterStage.Submitted => $"the report has already been received (version {report.Latest?.Version}).",
                QuarterStage.NoReport => $"no report was received by {D(report.DueOn)} and the quarter already counts as Red; the overdue report is still taken, marked late.",
                QuarterStage.Excused => "it was excused when reporting was paused.",
                _ => $"the report is {report.Stage}.",
            });
        }
        if (command.DueOn < step.Today)
        {
            throw new InputRefusedException($"{code}: the {period} report cannot be made due by {D(command.DueOn)}, which is in the past (today is {D(step.Today)}).");
        }
        var settings = step.State.Settings;
        // The steps follow the new date as the schedule computes them. When the reminder's day for the new date has already
        // come, this email (which gives the new date) is the reminder; otherwise the reminder goes as usual before it.
        var stage = step.Today >= command.DueOn.PlusDays(-settings.ReminderDaysBeforeDue) ? QuarterStage.Reminded : QuarterStage.Requested;
        var moved = report with { DueOn = command.DueOn, Stage = stage };
        step.Update(s => s.With(moved));
        var lead = step.Project.Lead;
        step.Record(new QuarterDueDateChanged(command.Quarter, report.DueOn, command.DueOn, command.Officer, command.Reason),
            $"{command.Officer.Name} moved the due date of the {period} report from {D(report.DueOn)} to {D(command.DueOn)} and {lead.Name} was told: {command.Reason}");
        step.Email(EmailTemplates.DueDateChanged, step.Lead, step.Officers, new DueDateChangedModel(
            code, step.Project.Name, lead.Name, command.Quarter, period, report.DueOn, command.DueOn, command.Reason, command.Officer,
            step.Link(LinkPurpose.SubmitReport, command.DueOn.PlusDays(settings.NoReportDaysAfterDue), command.Quarter)));
        step.Move(Trigger.ChangeQuarterDueDate, step.State.Phase);
    }

    public static void Review(Step step, ReviewReport command)
    {
        var code = step.Project.Code;
        var period = command.Quarter.PeriodCovered;
        if (step.State.QuarterFor(command.Quarter) is not { Latest: { } latest } report)
        {
            throw new InputRefusedException($"{code}: no {period} report has been received, so there is nothing to review.");
        }
        if (command.Version != latest.Version)
        {
            throw new InputRefusedException(command.Version < latest.Version
                ? $"{code}: version {command.Version} of the {period} report is not the latest: {latest.SubmittedBy ?? "the lead"} sent version {latest.Version} on {D(Dates.UkCalendar.Today(latest.ReceivedAt))}, so review that one."
                : $"{code}: there is no version {command.Version} of the {period} report; the latest is version {latest.Version}.");
        }
        var sections = Ordered(command.Sections);
        step.Update(s => s.With(report with { Review = new ReportReview(latest.Version, command.Outcome, sections, command.Officer, step.Today) }));
        var note = command.Note is null ? "" : $": {command.Note.TrimEnd('.')}";
        if (command.Outcome == ReviewOutcome.Accepted)
        {
            step.Record(new ReportReviewed(command.Quarter, latest.Version, command.Outcome, sections, command.Officer, command.Note),
                $"{command.Officer.Name} reviewed version {latest.Version} of the {period} report and accepted it{note}.");
        }
        else
        {
            var lead = step.Project.Lead;
            step.Record(new ReportReviewed(command.Quarter, latest.Version, command.Outcome, sections, command.Officer, command.Note),
                $"{command.Officer.Name} reviewed version {latest.Version} of the {period} report and asked {lead.Name} to change {ReportSections.Labels(sections)}{note}. The amended report is taken until it is sent, even after the due date.");
            // The form stays open until the lead resubmits; the link lasts as long as the usual one, and at least as long as an officer's.
            var usual = report.DueOn.PlusDays(step.State.Settings.NoReportDaysAfterDue);
            var asked = step.Today.PlusDays(step.State.Settings.OfficerLinkDays);
            step.Email(EmailTemplates.ChangesRequested, step.Lead, step.Officers, new ChangesRequestedModel(
                code, step.Project.Name, lead.Name, command.Quarter, period, latest.Version, sections, command.Note, command.Officer,
                step.Link(LinkPurpose.SubmitReport, usual > asked ? usual : asked, command.Quarter)));
        }
        step.Move(Trigger.ReviewReport, step.State.Phase);
    }
}
