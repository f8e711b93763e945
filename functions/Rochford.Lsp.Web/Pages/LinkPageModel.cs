using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rochford.Lsp.Web.Lead;

namespace Rochford.Lsp.Web.Pages;

/// <summary>Shared parts of the personal-link pages: the problem page with its status code, and field errors.</summary>
public abstract class LinkPageModel : PageModel
{
    /// <summary>Set when the page shows a problem instead of its content.</summary>
    public LinkProblem? Problem { get; private set; }

    /// <summary>Errors in the posted answers, in the order of the form.</summary>
    public IReadOnlyList<FieldError> Errors { get; protected set; } = [];

    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>
    /// A request that names no handler of this page (GET of a form's POST address, or an unknown step) is refused
    /// here, rather than rendering the page with nothing loaded: 405 for a known step with the wrong method, else 404.
    /// </summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is not null) return;
        var handler = context.RouteData.Values["handler"] as string;
        var knownStep = context.ActionDescriptor.HandlerMethods.Any(h => string.Equals(h.Name, handler, StringComparison.OrdinalIgnoreCase));
        context.Result = new StatusCodeResult(knownStep ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound);
    }

    /// <summary>Shows <paramref name="problem"/> with its status code.</summary>
    protected IActionResult ShowProblem(LinkProblem problem)
    {
        Problem = problem;
        HttpContext.Response.StatusCode = problem.StatusCode;
        return Page();
    }

    /// <summary>Shows the page with a status code (422 for answers that need correcting).</summary>
    protected IActionResult PageWithStatus(int statusCode)
    {
        HttpContext.Response.StatusCode = statusCode;
        return Page();
    }
}
