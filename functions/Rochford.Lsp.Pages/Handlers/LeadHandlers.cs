// The lead's pages, opened from emailed links: the quarterly report (form, check your answers, submit, confirmation) and
// the interim update of a Red project (form, send, confirmation). Every refusal is a page that says why, with its status.

using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>
/// The quarterly report: the form (GET report/{token}), then POST report/{token}/check ("check your answers", or the form
/// again with errors, 422), /change (back to the form, keeping the answers) and /confirm (submit, then redirect to the
/// confirmation: Post/Redirect/Get).
/// </summary>
/// <remarks>The answers travel in hidden fields between the form and the check page, so nothing is stored until the lead submits.</remarks>
public sealed class ReportFormHandler(LeadReports reports, TimeProvider time) : IRouteHandler
{
    /// <summary>The steps of report/{token}/{step}, all POST.</summary>
    public static readonly IReadOnlyList<string> Steps = ["check", "change", "confirm"];

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var token = request.RouteValue("token");
        var (report, problem) = await reports.OpenReportAsync(token, request.Aborted, latest: request.IsRead ? request.RequireWorkflow() : null);
        if (problem is not null) return ComponentResult.For<ProblemPage>(problem, problem.StatusCode);
        var now = time.GetUtcNow();
        if (request.IsRead)
        {
            // Amending: the latest version's text, from the reports table (the workflow keeps only its id). If it cannot be
            // found, the form opens with the latest status chosen and the texts to write again.
            var answers = report!.Quarter.Latest is { } latest
                ? await reports.LatestTextAsync(report, request.Aborted) is { } text
                    ? ReportAnswers.From(text)
                    : ReportAnswers.Blank() with { Status = latest.Status.ToString() }
                : ReportAnswers.Blank();
            return Form(report, answers, [], now);
        }
        var posted = ReportAnswers.FromForm(request.Http.Request.Form);
        // Changes asked for some sections: only those are reopened; the others stay as the latest version has them.
        var locked = Locked(report!);
        if (locked.Count > 0 && await reports.LatestTextAsync(report!, request.Aborted) is { } sent)
            posted = posted.Keeping(ReportAnswers.From(sent), locked);
        switch (request.RouteValue("step")?.ToLowerInvariant())
        {
            case "change":
                return Form(report!, posted, [], now);
            case "check":
            {
                var errors = posted.Validate();
                return errors.Count > 0
                    ? Form(report!, posted, errors, now)
                    : ComponentResult.For<ReportFormPage>(new ReportFormView(report!, posted, Checking: true, [], now));
            }
            default:
            {
                var errors = posted.Validate();
                if (errors.Count > 0) return Form(report!, posted, errors, now);
                return await reports.SubmitReportAsync(request.RequireWorkflow(), report!, posted, request.Aborted) switch
                {
                    SendResult.Refused refused => Problem(LinkProblem.Closed("Your report could not be accepted", refused.Reason, StatusCodes.Status409Conflict)),
                    _ => Results.Redirect($"/report/{token}/submitted"),
                };
            }
        }
    }

    private static ComponentResult Form(ReportContext report, ReportAnswers answers, IReadOnlyList<FieldError> errors, DateTimeOffset now) =>
        ComponentResult.For<ReportFormPage>(new ReportFormView(report, answers, Checking: false, errors, now) { Locked = Locked(report) },
            errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);

    /// <summary>The sections not reopened: every one the officers did not name, while changes they asked for are outstanding.</summary>
    private static IReadOnlySet<ReportSection> Locked(ReportContext report) =>
        report.Quarter.ChangesRequested && report.Quarter.Review is { } review
            ? Enum.GetValues<ReportSection>().Except(review.Sections).ToHashSet()
            : new HashSet<ReportSection>();

    internal static ComponentResult Problem(LinkProblem problem) => ComponentResult.For<ProblemPage>(problem, problem.StatusCode);
}

/// <summary>GET report/{token}/submitted: the confirmation after a report was submitted. Reads, never writes.</summary>
public sealed class ReportSubmittedHandler(LeadReports reports, TimeProvider time) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var token = request.RouteValue("token");
        var (report, problem) = await reports.OpenReportAsync(token, request.Aborted, latest: request.RequireWorkflow(), toView: true);
        if (problem is not null) return ReportFormHandler.Problem(problem);
        // Opened before anything was submitted (a bookmarked address): there is nothing to confirm, so go to the form.
        if (report!.Quarter.Latest is null) return Results.Redirect($"/report/{token}");
        var text = await reports.LatestTextAsync(report, request.Aborted);
        return ComponentResult.For<ReportSubmittedPage>(new ReportSubmittedView(report, text, time.GetUtcNow()));
    }
}

/// <summary>The interim update of a Red project's lead before the recovery deadline: the form (GET interim/{token}), then
/// POST interim/{token}/send (the form again with errors, 422, or send and redirect to the confirmation).</summary>
public sealed class InterimFormHandler(LeadReports reports) : IRouteHandler
{
    /// <summary>The steps of interim/{token}/{step}, all POST.</summary>
    public static readonly IReadOnlyList<string> Steps = ["send"];

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var token = request.RouteValue("token");
        var (interim, problem) = await reports.OpenInterimAsync(token, request.Aborted, latest: request.IsRead ? request.RequireWorkflow() : null);
        if (problem is not null) return ReportFormHandler.Problem(problem);
        if (request.IsRead) return ComponentResult.For<InterimFormPage>(new InterimFormView(interim!, InterimAnswers.Blank(), []));
        var answers = InterimAnswers.FromForm(request.Http.Request.Form);
        var errors = answers.Validate();
        if (errors.Count > 0)
            return ComponentResult.For<InterimFormPage>(new InterimFormView(interim!, answers, errors), StatusCodes.Status422UnprocessableEntity);
        return await reports.SubmitInterimAsync(request.RequireWorkflow(), interim!, answers, request.Aborted) switch
        {
            SendResult.Refused refused => ReportFormHandler.Problem(LinkProblem.Closed("Your update could not be accepted", refused.Reason, StatusCodes.Status409Conflict)),
            // The confirmation looks the update up by its id in what the workflow recorded; nothing in the address is shown.
            _ => Results.Redirect($"/interim/{token}/sent?update={Uri.EscapeDataString(answers.ToForm(interim!.Link.RecipientEmail).UpdateId)}"),
        };
    }
}

/// <summary>
/// GET interim/{token}/sent(?update=id): the confirmation, showing the update as the project's workflow recorded it (its
/// status and when), found by its id among the updates this link's lead sent; with no such update recorded, it says that
/// none has been received. Nothing from the address is shown. The link must still be a live interim-update link; the project
/// may have left Red watch. Reads, never writes.
/// </summary>
public sealed class InterimSentHandler(LinkTokenStore links, ProjectStates<ProjectState> states, ProjectHistory history, RaisedInputs raised) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var lookup = await links.FindAsync(request.RouteValue("token"), LinkPurpose.InterimUpdate, request.Aborted);
        if (lookup is not LinkLookup.Valid { Link: var link }) return ReportFormHandler.Problem(LinkProblem.For(lookup));
        var instanceId = ReportingCycle.InstanceIdFor(link.ProjectCode);
        try
        {
            // Shown as of the update just sent: the workflow records it within moments.
            await raised.WaitUntilRecordedAsync(request.RequireWorkflow(), instanceId, request.Aborted, TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Show what is recorded so far; the receipt email confirms the rest.
        }
        var id = request.Http.Request.Query["update"].ToString();
        var recorded = id.Length == 0 ? null : InterimUpdateRecord.From(await history.ListAsync(instanceId, request.Aborted))
            .FirstOrDefault(u => u.UpdateId == id && string.Equals(u.SubmittedBy, link.RecipientEmail, StringComparison.OrdinalIgnoreCase));
        var state = (await states.GetAsync(instanceId, request.Aborted))?.State;
        return ComponentResult.For<InterimSentPage>(new InterimSentView(link.ProjectCode, recorded,
            state is { Phase: Phase.RedWatch, Red: { } red } ? red.Deadline : null));
    }
}
