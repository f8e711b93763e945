using Microsoft.AspNetCore.Mvc;
using Rochford.Lsp.Web.Lead;

namespace Rochford.Lsp.Web.Pages.Report;

/// <summary>
/// The lead's quarterly progress report, opened from the emailed link: the form (GET), "check your answers"
/// (POST check), back to the form to change (POST change), and submit (POST confirm, then redirect to the confirmation).
/// </summary>
/// <remarks>The answers travel in hidden fields between the form and the check page, so nothing is stored until the lead submits.</remarks>
public sealed class IndexModel(LeadReports reports) : LinkPageModel
{
    /// <summary>Which step of the journey the page shows.</summary>
    public enum Step
    {
        /// <summary>The form.</summary>
        Form,

        /// <summary>Check your answers.</summary>
        Check,
    }

    /// <summary>The link's project and quarter.</summary>
    public ReportContext Report { get; private set; } = null!;

    /// <summary>The answers shown.</summary>
    public ReportAnswers Answers { get; private set; } = ReportAnswers.Blank();

    /// <summary>The step shown.</summary>
    public Step Showing { get; private set; }

    /// <summary>Shows the form, prefilled with the latest version when amending.</summary>
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (!await OpenAsync(token, cancellationToken)) return Page();
        // Amending: the latest version's text, from the reports table (the workflow keeps only its id). If it cannot be
        // found, the form opens with the latest status chosen and the texts to write again.
        Answers = Report.Quarter.Latest is { } latest
            ? await reports.LatestTextAsync(Report, cancellationToken) is { } text
                ? ReportAnswers.From(text)
                : ReportAnswers.Blank() with { Status = latest.Status.ToString() }
            : ReportAnswers.Blank();
        return Page();
    }

    /// <summary>Validates the answers: back to the form with errors (422), or on to "check your answers".</summary>
    public async Task<IActionResult> OnPostCheckAsync(string token, CancellationToken cancellationToken)
    {
        if (!await OpenAsync(token, cancellationToken)) return Page();
        Answers = ReportAnswers.FromForm(Request.Form);
        Errors = Answers.Validate();
        if (Errors.Count > 0) return PageWithStatus(StatusCodes.Status422UnprocessableEntity);
        Showing = Step.Check;
        return Page();
    }

    /// <summary>Back from "check your answers" to the form, keeping the answers.</summary>
    public async Task<IActionResult> OnPostChangeAsync(string token, CancellationToken cancellationToken)
    {
        if (!await OpenAsync(token, cancellationToken)) return Page();
        Answers = ReportAnswers.FromForm(Request.Form);
        return Page();
    }

    /// <summary>Submits the report to the project's workflow, then redirects to the confirmation (Post/Redirect/Get).</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string token, CancellationToken cancellationToken)
    {
        if (!await OpenAsync(token, cancellationToken)) return Page();
        Answers = ReportAnswers.FromForm(Request.Form);
        Errors = Answers.Validate();
        if (Errors.Count > 0) return PageWithStatus(StatusCodes.Status422UnprocessableEntity);
        return await reports.SubmitReportAsync(Report, Answers, cancellationToken) switch
        {
            LeadReports.SendResult.Refused refused => ShowProblem(LinkProblem.Closed("Your report could not be accepted", refused.Reason, StatusCodes.Status409Conflict)),
            _ => Redirect($"/report/{token}/submitted"),
        };
    }

    private async Task<bool> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var (context, problem) = await reports.OpenReportAsync(token, cancellationToken, latest: HttpMethods.IsGet(Request.Method));
        if (problem is not null)
        {
            ShowProblem(problem);
            return false;
        }
        Report = context!;
        return true;
    }
}
