using Microsoft.AspNetCore.Mvc;
using Rochford.Lsp.Web.Lead;

namespace Rochford.Lsp.Web.Pages.Interim;

/// <summary>The interim update of a Red project's lead before the recovery deadline: form (GET), send (POST), then the confirmation.</summary>
public sealed class IndexModel(LeadReports reports) : LinkPageModel
{
    /// <summary>The project on Red watch.</summary>
    public InterimContext Interim { get; private set; } = null!;

    /// <summary>The answers shown.</summary>
    public InterimAnswers Answers { get; private set; } = InterimAnswers.Blank();

    /// <summary>Shows the form.</summary>
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await OpenAsync(token, cancellationToken);
        return Page();
    }

    /// <summary>Validates and sends the update, then redirects to the confirmation.</summary>
    public async Task<IActionResult> OnPostSendAsync(string token, CancellationToken cancellationToken)
    {
        if (!await OpenAsync(token, cancellationToken)) return Page();
        Answers = InterimAnswers.FromForm(Request.Form);
        Errors = Answers.Validate();
        if (Errors.Count > 0) return PageWithStatus(StatusCodes.Status422UnprocessableEntity);
        return await reports.SubmitInterimAsync(Interim, Answers, cancellationToken) switch
        {
            LeadReports.SendResult.Refused refused => ShowProblem(LinkProblem.Closed("Your update could not be accepted", refused.Reason, StatusCodes.Status409Conflict)),
            _ => Redirect($"/interim/{token}/sent?status={Answers.Rag}"),
        };
    }

    private async Task<bool> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var (context, problem) = await reports.OpenInterimAsync(token, cancellationToken, latest: HttpMethods.IsGet(Request.Method));
        if (problem is not null)
        {
            ShowProblem(problem);
            return false;
        }
        Interim = context!;
        return true;
    }
}
