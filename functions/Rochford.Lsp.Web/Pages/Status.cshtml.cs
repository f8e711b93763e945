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
    /// <summary>The status code being explained, from the address (/status/404).</summary>
    public int Code => int.TryParse(RouteData.Values["code"] as string, out var code) && code is >= 400 and <= 599 ? code : 404;

    /// <summary>Why the form was refused, when the limits said (a 400 for control characters).</summary>
    public FormRefusal? Refusal => HttpContext.Items[FormLimits.RefusalKey] as FormRefusal?;

    /// <summary>The title.</summary>
    public string Title => Code switch
    {
        400 => "Your form could not be accepted",
        404 => "Page not found",
        405 => "That cannot be done on this page",
        413 => "What you sent is too large",
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
        503 => "It is starting up, or could not start. Nothing was saved. Try again in a minute.",
        _ when Code >= 500 => "Nothing more was saved. Please try again later.",
        _ => "Nothing was saved. Go back to the link in your email and try again.",
    };

    /// <summary>Shows the page for the original request's status (it keeps that status).</summary>
    public IActionResult OnGet() => Show();

    /// <summary>The same for a re-executed POST (other methods have no handler and simply render the page).</summary>
    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        // Re-executed, the response keeps the original status; opened directly, it answers with the code it describes.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null)
            Response.StatusCode = Code;
        return Page();
    }
}
