using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rochford.Lsp.Web.Security;

namespace Rochford.Lsp.Web.Pages;

/// <summary>
/// The plain page for an error status with no body of its own (re-executed by the status code pages middleware):
/// unknown addresses, wrong methods, refused forms, oversize requests and unexpected faults. Never shows details.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    /// <summary>
    /// The status code being explained: the response's own status when this page was re-executed for an error (the
    /// address says the same, /status/404, except for a fault, whose status the exception handler chose); 404 when the
    /// address was opened directly.
    /// </summary>
    /// <remarks>
    /// Opened directly, /status/500 is not a fault and /status/400 no refused form: answering with the code it names would
    /// let anyone make the service look broken to monitoring (a 5xx for any public GET), and would be a lie to the person.
    /// There is no page for people at these addresses, so they are "not found" (404), like any other unknown address.
    /// </remarks>
    public int Code => IsReExecuted ? Response.StatusCode : StatusCodes.Status404NotFound;

    /// <summary>Why the form was refused, when the limits said (a 400 for control characters).</summary>
    public FormRefusal? Refusal => HttpContext.Items[FormLimits.RefusalKey] as FormRefusal?;

    private bool IsReExecuted =>
        HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;

    /// <summary>The title.</summary>
    public string Title => Code switch
    {
        400 => "Your form could not be accepted",
        404 => "Page not found",
        405 => "That cannot be done on this page",
        413 => "What you sent is too large",
        414 => "The web address is too long",
        431 => "The request is too large",
        415 => "Your form could not be accepted",
        503 => "Sorry, the service is not ready",
        _ when Code >= 500 => "Sorry, there is a problem with the service",
        _ => "Something went wrong",
    };

    /// <summary>What happened and what to do.</summary>
    public string Explanation => Code switch
    {
        400 when Refusal == FormRefusal.UnacceptableCharacters =>
            "The form contained characters that cannot be accepted (control characters, such as NUL, that no keyboard types). Nothing was saved. Go back to the link in your email, type or paste your answers as plain text and try again.",
        400 => "The form may have been open for too long, or sent from somewhere other than this service. Nothing was saved. Go back to the link in your email and try again.",
        415 => "The form was sent in a character encoding this service does not accept: forms must be sent as UTF-8, as browsers do. Nothing was saved. Go back to the link in your email and try again.",
        404 => "If you typed the web address, check it is correct. If you followed a link from an email, check you copied all of it.",
        405 => "This page can only be opened, or its form sent. Nothing was saved.",
        413 => "Each answer can be up to 4,000 characters. Nothing was saved. Go back, shorten your answers and try again.",
        414 => "If you copied a link from an email, check that you copied only the link. Nothing was saved.",
        431 => "Your browser sent more than this service accepts, often because of too many or too large cookies. Nothing was saved. Clear this site's cookies and try again.",
        503 => "It is starting up, or could not start. Nothing was saved. Try again in a minute.",
        _ when Code >= 500 => "Nothing more was saved. Please try again later.",
        _ => "Nothing was saved. Go back to the link in your email and try again.",
    };

    /// <summary>Shows the page for the original request's status (it keeps that status), or "not found" when opened directly.</summary>
    public IActionResult OnGet() => Show();

    /// <summary>The same for a re-executed POST (other methods have no handler and simply render the page).</summary>
    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        // Re-executed, the response keeps the original status; opened directly, it is not found (see Code).
        if (!IsReExecuted) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
