// What a lead's link opens: the project's state for the link's quarter, checked against the link and the
// workflow's rules before any form is shown, and the submissions raised on the project's workflow.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Lead;

/// <summary>A report link that can be used: the project, the quarter and any earlier version to amend.</summary>
public sealed record ReportContext(string Token, LinkRecord Link, ProjectState State, QuarterReport Quarter)
{
    /// <summary>The project as the partnership describes it.</summary>
    public ProjectProfile Project => State.Project;

    /// <summary>True when a version was already submitted and this would amend it.</summary>
    public bool IsAmendment => Quarter.Latest is not null;

    /// <summary>True when no version was sent by the due date and this first one is late (the quarter may already count as Red).</summary>
    public bool IsLate(DateTimeOffset now) => Quarter.Latest is null && UkCalendar.Today(now) > Quarter.DueOn;
}

/// <summary>An interim-update link that can be used: a project on Red watch before its recovery deadline.</summary>
public sealed record InterimContext(string Token, LinkRecord Link, ProjectState State, RedWatch Red)
{
    /// <summary>The project.</summary>
    public ProjectProfile Project => State.Project;
}

/// <summary>Opens lead links and sends what leads submit to the project's workflow.</summary>
/// <remarks>
/// The page does not wait for the orchestration: it checks the submission with the project's own rules (the pure decider,
/// on the state the orchestration last recorded) so a refusal is shown at once, then raises it and answers. The
/// orchestration decides again on its own state, so a submission that raced a change is refused there (and recorded).
/// </remarks>
public sealed class LeadReports(
    LinkTokenStore links,
    ProjectStates<ProjectState> projects,
    ProjectInputs inputs,
    RaisedInputs raised,
    IReportTexts texts,
    TimeProvider time)
{
    /// <summary>Opens a report link: the context, or the problem to show.</summary>
    /// <param name="latest">
    /// For a page that shows the lead what they sent (a GET after a POST), the workflow client to ask: it first waits, a few
    /// seconds at most, until the project has recorded what this app raised on it. Null for a POST, which never waits: the
    /// orchestration decides it again anyway.
    /// </param>
    /// <param name="toView">
    /// True for the confirmation page, which shows what was sent and changes nothing: a report sent late (or sent before the
    /// due date and viewed after it) can be viewed, though it can no longer be changed.
    /// </param>
    public async Task<(ReportContext? Context, LinkProblem? Problem)> OpenReportAsync(string? token, CancellationToken cancellationToken, WorkflowClient? latest = null,
        bool toView = false)
    {
        var (link, state, problem) = await OpenAsync(token, LinkPurpose.SubmitReport, latest, cancellationToken);
        if (problem is not null) return (null, problem);
        if (link!.Quarter is not { } quarterLabel || state!.QuarterFor(quarterLabel) is not { } quarter) return (null, LinkProblem.Unknown);
        var period = quarter.Quarter.PeriodCovered;
        var today = UkCalendar.Today(time.GetUtcNow());
        var closed = quarter.Stage switch
        {
            // "No report received" makes the quarter Red but it is still owed: the Red notice asks for the overdue report, and it
            // is taken (marked late) for as long as the project reports; only when the officers have ended that is it closed.
            QuarterStage.NoReport when state!.Phase is not (Phase.Reporting or Phase.RedWatch or Phase.WithdrawalProposed) => LinkProblem.Closed(
                "This report can no longer be sent",
                $"The {period} report was due by {UkCalendar.Display(quarter.DueOn)}. No report was received in time, and the partnership is no longer asking for reports on {state.Project.Code}."),
            QuarterStage.Excused => LinkProblem.Closed("This report is not needed",
                $"Reporting was paused, so the {period} report is not needed."),
            // The officers asking for changes reopens the report after the due date until the lead sends them.
            _ when quarter.Latest is not null && today > quarter.DueOn && !toView && !quarter.ChangesRequested => LinkProblem.Closed("This report can no longer be changed",
                $"The {period} report was submitted, and reports can be changed only until the due date, {UkCalendar.Display(quarter.DueOn)}."),
            _ when state.Phase is not (Phase.Reporting or Phase.RedWatch or Phase.WithdrawalProposed) => LinkProblem.Closed("This project is no longer reporting",
                $"The partnership is no longer asking for reports on {state.Project.Code}."),
            _ => null,
        };
        return closed is null ? (new ReportContext(token!, link, state, quarter), null) : (null, closed);
    }

    /// <summary>Opens an interim-update link.</summary>
    public async Task<(InterimContext? Context, LinkProblem? Problem)> OpenInterimAsync(string? token, CancellationToken cancellationToken, WorkflowClient? latest = null)
    {
        var (link, state, problem) = await OpenAsync(token, LinkPurpose.InterimUpdate, latest, cancellationToken);
        if (problem is not null) return (null, problem);
        if (state!.Phase != Phase.RedWatch || state.Red is not { } red)
            return (null, LinkProblem.Closed("Interim updates are not needed now",
                $"{state.Project.Code} is not on Red watch, so no interim update is needed. Your next quarterly report request will come by email."));
        if (UkCalendar.HasPassed(red.Deadline, time.GetUtcNow()))
            return (null, LinkProblem.Closed("The recovery deadline has passed",
                $"Interim updates were accepted until {UkCalendar.Display(red.Deadline)}."));
        return (new InterimContext(token!, link!, state, red), null);
    }

    /// <summary>Stores the report's text, then raises SubmitQuarterlyReport referring to it through <paramref name="workflow"/>; <paramref name="answers"/> must be valid.</summary>
    public Task<SendResult> SubmitReportAsync(WorkflowClient workflow, ReportContext context, ReportAnswers answers, CancellationToken cancellationToken)
    {
        var form = answers.ToForm(context.Quarter.Quarter, context.Link.RecipientEmail);
        // The text first, then the input that refers to it: whoever reads the input's reference finds the text. A text stored
        // for an input that is then lost is harmless (the same form again is the same row).
        return inputs.RaiseAsync(workflow, context.Project.Code, nameof(SubmitQuarterlyReport), answers.SubmissionId, form.ToInputPayload(), cancellationToken,
            () => texts.SaveAsync(StoredReport.From(context.Project.Code, form, time.GetUtcNow()), cancellationToken));
    }

    /// <summary>Stores the update's comments, then raises SubmitInterimUpdate referring to them through <paramref name="workflow"/>; <paramref name="answers"/> must be valid.</summary>
    public Task<SendResult> SubmitInterimAsync(WorkflowClient workflow, InterimContext context, InterimAnswers answers, CancellationToken cancellationToken)
    {
        var form = answers.ToForm(context.Link.RecipientEmail);
        return inputs.RaiseAsync(workflow, context.Project.Code, nameof(SubmitInterimUpdate), answers.SubmissionId, form.ToInputPayload(), cancellationToken,
            () => texts.SaveAsync(StoredUpdate.From(context.Project.Code, form, time.GetUtcNow()), cancellationToken));
    }

    /// <summary>The text of the latest version of the context's report, from the reports table; null when none was sent or it is not found.</summary>
    public async Task<ReportContent?> LatestTextAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Quarter.Latest is { } latest
            ? (await texts.FindReportAsync(context.Project.Code, latest.ReportId, cancellationToken))?.Content
            : null;
    }

    private async Task<(LinkRecord? Link, ProjectState? State, LinkProblem? Problem)> OpenAsync(string? token, LinkPurpose purpose, WorkflowClient? latest,
        CancellationToken cancellationToken)
    {
        var lookup = await links.FindAsync(token, purpose, cancellationToken);
        if (lookup is not LinkLookup.Valid { Link: var link }) return (null, null, LinkProblem.For(lookup));
        if (latest is not null)
        {
            try
            {
                await raised.WaitUntilRecordedAsync(latest, ReportingCycle.InstanceIdFor(link.ProjectCode), cancellationToken, TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // Show what is recorded so far: the submission is raised and will be recorded; the receipt email confirms it.
            }
        }
        var recorded = await projects.GetAsync(ReportingCycle.InstanceIdFor(link.ProjectCode), cancellationToken);
        return recorded is null ? (null, null, LinkProblem.Unknown) : (link, recorded.State, null);
    }
}
