// The quarterly cycle: request, reminder, overdue chase, "no report received", and the lead's submission
// or amendment. Submitting Red (or sending nothing) opens a Red watch; Amber or Green closes one.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Reporting.Cycle.Text;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Handlers for the quarterly request-and-report cycle.</summary>
internal static class QuarterlyReports
{
    public static void Request(Step step)
    {
        var quarter = step.State.NextQuarterToRequest;
        var settings = step.State.Settings;
        var dueOn = quarter.LastDay.PlusDays(settings.DueDaysAfterQuarterEnd);
        step.Update(s => DropOldQuarters(s with
        {
            Quarters = [.. s.Quarters, new QuarterReport(quarter, dueOn, QuarterStage.Requested)],
            NextQuarterToRequest = quarter.Next,
        }));
        var lead = step.Project.Lead;
        var linkExpires = dueOn.PlusDays(settings.NoReportDaysAfterDue);
        if (step.Today > linkExpires)
        {
            // Only after a long outage: the request's link would already have expired, so the email would ask for nothing the
            // lead could do. The quarter is still requested (the no-report step follows at once) and the Red notice links the
            // overdue report's form.
            step.Record(new ReportRequested(quarter, dueOn),
                $"The {quarter.PeriodCovered} report, due by {D(dueOn)}, fell to be requested on {D(Schedule.RequestDate(step.State, quarter))}; the cycle was not woken until {D(step.Today)}, after the last day its link allowed ({D(linkExpires)}), so no request was emailed to {lead.Name}.");
            step.Move(Trigger.RequestTimer, step.State.Phase);
            return;
        }
        step.Record(new ReportRequested(quarter, dueOn),
            $"The {quarter.PeriodCovered} report was requested from {lead.Name}, due by {D(dueOn)}.");
        step.Email(EmailTemplates.QuarterlyRequest, step.Lead, [], new QuarterlyRequestModel(
            step.Project.Code, step.Project.Name, step.Project.Organisation, lead.Name, quarter, quarter.PeriodCovered, quarter.LastDay, dueOn,
            step.Link(LinkPurpose.SubmitReport, linkExpires, quarter)));
        step.Move(Trigger.RequestTimer, step.State.Phase);
    }

    public static void Remind(Step step, FinancialQuarter quarter)
    {
        var report = Advance(step, quarter, QuarterStage.Reminded);
        step.Record(new ReminderSent(quarter, report.DueOn),
            $"{step.Project.Lead.Name} was reminded that the {quarter.PeriodCovered} report is due by {D(report.DueOn)}.");
        step.Email(EmailTemplates.Reminder, step.Lead, [], new ReminderModel(
            step.Project.Code, step.Project.Name, step.Project.Lead.Name, quarter, quarter.PeriodCovered, report.DueOn, SubmitLink(step, report)));
        step.Move(Trigger.ReminderTimer, step.State.Phase);
    }

    public static void Chase(Step step, FinancialQuarter quarter)
    {
        var report = Advance(step, quarter, QuarterStage.Chased);
        var redOn = report.DueOn.PlusDays(step.State.Settings.NoReportDaysAfterDue);
        step.Record(new ReportOverdue(quarter, report.DueOn),
            $"The {quarter.PeriodCovered} report, due by {D(report.DueOn)}, is overdue and {step.Project.Lead.Name} was chased with the officers copied.");
        step.Email(EmailTemplates.OverdueChase, step.Lead, step.Officers, new OverdueChaseModel(
            step.Project.Code, step.Project.Name, step.Project.Lead.Name, quarter, quarter.PeriodCovered, report.DueOn, redOn, SubmitLink(step, report)));
        step.Move(Trigger.OverdueChaseTimer, step.State.Phase);
    }

    public static void NoReport(Step step, FinancialQuarter quarter)
    {
        var report = Advance(step, quarter, QuarterStage.NoReport);
        step.Record(new NoReportReceived(quarter, report.DueOn),
            $"No {quarter.PeriodCovered} report was received (due by {D(report.DueOn)}), so the quarter counts as Red.");
        step.Email(EmailTemplates.NoReportReceived, step.Officers, step.Lead, new NoReportReceivedModel(
            step.Project.Code, step.Project.Name, step.Project.Lead.Name, quarter, quarter.PeriodCovered, report.DueOn));
        if (step.State.Phase == Phase.Reporting)
        {
            Recovery.OpenWatch(step, quarter, RedCause.NoReportReceived);
            step.Move(Trigger.NoReportTimer, Phase.RedWatch);
        }
        else
        {
            step.Move(Trigger.NoReportTimer, step.State.Phase);
        }
    }

    public static void Submit(Step step, SubmitQuarterlyReport command)
    {
        var quarter = command.Quarter;
        var report = step.State.QuarterFor(quarter) ?? throw NotRequested(step, quarter);
        var status = command.Status;
        var period = quarter.PeriodCovered;
        // A quarter with no report is still owed: the Red watch asks for "the overdue report", so it is accepted (late)
        // for as long as the phase accepts reports, i.e. until officers withdraw the funding, pause or complete.
        if (report.Stage == QuarterStage.Excused)
        {
            throw new InputRefusedException($"The {period} report was excused when reporting was paused, so it cannot be submitted.");
        }
        // The officers asking for changes reopens the report until the lead sends them, even after the due date, and the
        // amendment they asked for is not late.
        var asked = report.ChangesRequested;
        if (report.Latest is not null && step.Today > report.DueOn && !asked)
        {
            throw new InputRefusedException($"The {period} report was due by {D(report.DueOn)}; it can no longer be amended.");
        }

        var version = new ReportVersion((report.Latest?.Version ?? 0) + 1, status, command.ReportId, step.Now, step.Today > report.DueOn && !asked, command.SubmittedBy);
        step.Update(s => s.With(report with { Stage = QuarterStage.Submitted, Latest = version }));
        // "By 31 May" is until the end of that day in London: from midnight the lead can no longer close the watch
        // (interim updates are refused too); the 09:00 wake-up then proposes the withdrawal for officers to decide.
        var watch = step.State.Red;
        var tooLateToClose = step.State.Phase == Phase.RedWatch && watch is not null && status != Rag.Red
            && !quarter.IsBefore(watch.Quarter) && UkCalendar.HasPassed(watch.Deadline, step.Now);
        var kept = tooLateToClose ? $", after the recovery deadline of {D(watch!.Deadline)} had passed, so the Red watch stays open for the officers to decide" : "";
        if (version.Version == 1)
        {
            step.Record(new ReportSubmitted(quarter, 1, status, command.ReportId, version.Late, command.SubmittedBy),
                $"{status} report for {period} received{(version.Late ? $" late (it was due by {D(report.DueOn)})" : "")}{kept}.");
        }
        else
        {
            step.Record(new ReportAmended(quarter, version.Version, status, command.ReportId, command.SubmittedBy),
                $"The {period} report was amended (version {version.Version}{(asked ? ", with the changes the officers asked for" : "")}) and is now {status}{kept}.");
        }
        step.Email(EmailTemplates.SubmissionReceipt, step.Lead, step.Officers, new SubmissionReceiptModel(
            step.Project.Code, step.Project.Name, quarter, period, version.Version, version.Version > 1, version.Late, status, command.ReportId, report.DueOn,
            version.Late || step.Today > report.DueOn ? null : step.Link(LinkPurpose.SubmitReport, report.DueOn, quarter)));

        var phase = step.State.Phase;
        switch (phase)
        {
            case Phase.Reporting when status == Rag.Red:
                Recovery.OpenWatch(step, quarter, RedCause.RedReport);
                step.Move(Trigger.SubmitQuarterlyReport, Phase.RedWatch);
                break;
            // A later quarter's Amber or Green report shows recovery too; an earlier quarter's does not.
            case Phase.RedWatch when status != Rag.Red && !quarter.IsBefore(step.State.Red!.Quarter) && !tooLateToClose:
                Recovery.CloseWatch(step, status, $"the {status} {period} report");
                step.Move(Trigger.SubmitQuarterlyReport, Phase.Reporting);
                break;
            default:
                step.Move(Trigger.SubmitQuarterlyReport, phase);
                break;
        }
    }

    /// <summary>
    /// Keeps every quarter still owed and the most recent <see cref="ReportingCycle.QuartersKept"/>; older closed quarters
    /// drop out of the state (their history and texts stay in the read model), so the state does not grow with the years.
    /// </summary>
    internal static ProjectState DropOldQuarters(ProjectState state)
    {
        var quarters = state.Quarters;
        var dropped = state.QuartersDroppedThrough;
        var drop = 0;
        while (quarters.Count - drop > ReportingCycle.QuartersKept && !quarters[drop].IsOutstanding)
        {
            dropped = quarters[drop].Quarter;
            drop++;
        }
        return drop == 0 ? state : state with { Quarters = [.. quarters.Skip(drop)], QuartersDroppedThrough = dropped };
    }

    private static QuarterReport Advance(Step step, FinancialQuarter quarter, QuarterStage stage)
    {
        var report = step.State.QuarterFor(quarter)! with { Stage = stage };
        step.Update(s => s.With(report));
        return report;
    }

    private static EmailLink SubmitLink(Step step, QuarterReport report) =>
        step.Link(LinkPurpose.SubmitReport, report.DueOn.PlusDays(step.State.Settings.NoReportDaysAfterDue), report.Quarter);

    private static InputRefusedException NotRequested(Step step, FinancialQuarter quarter)
    {
        var state = step.State;
        var period = quarter.PeriodCovered;
        if (state.QuartersDroppedThrough is { } dropped && !dropped.IsBefore(quarter)
            && !quarter.IsBefore(FinancialQuarter.Containing(state.MonitoringStarts)))
        {
            return new InputRefusedException(
                $"The {period} report is closed: the project's state keeps only the last {ReportingCycle.QuartersKept} quarters, so it can no longer be submitted or amended; its history is kept on the project's page.");
        }
        if (quarter.IsBefore(FinancialQuarter.Containing(state.MonitoringStarts)))
        {
            return new InputRefusedException($"{state.Project.Code} was not being monitored in {period}, so there is no report to submit for it.");
        }
        return quarter.IsBefore(state.NextQuarterToRequest)
            ? new InputRefusedException($"The {period} report was not requested because reporting was paused, so there is no report to submit for it.")
            : new InputRefusedException(
                $"The {period} report has not been requested yet; {state.Project.Lead.Name} will be asked for it on {D(Schedule.RequestDate(state, quarter))}.");
    }
}
