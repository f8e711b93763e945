using Rochford.Lsp.Pages.Security;

namespace Rochford.Lsp.Pages.Components;

/// <summary>
/// The plain page for an error status: unknown addresses, wrong methods, refused forms, oversize requests and unexpected
/// faults. Never shows details. There is no address of its own: a /status/500 is an unknown address (404) like any other,
/// so no one can make the service look broken to monitoring with a public GET.
/// </summary>
/// <param name="Code">The status being explained.</param>
/// <param name="Refusal">Why the form was refused, when the limits said (a 400 for control characters).</param>
public sealed record StatusView(int Code, FormRefusal? Refusal = null)
{
    /// <summary>The title.</summary>
    public string Title => Code switch
    {
        400 => "Your form could not be accepted",
        401 => "You need to sign in",
        403 => "You cannot do that here",
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
        400 when Refusal == FormRefusal.NoFormId =>
            "The form did not say which form it was (its form id was missing), so it could not be told apart from the same form sent before. Nothing was saved. Open the page again and send the form from there.",
        403 when Refusal == FormRefusal.CrossSite =>
            "The form was sent from another website, not from this service's own pages, so it was refused. Nothing was saved. Open the page on this service and send the form from there.",
        400 => "The form may have been open for too long, or sent from somewhere other than this service. Nothing was saved. Go back to the link in your email and try again.",
        415 => "The form was sent in a character encoding this service does not accept: forms must be sent as UTF-8, as browsers do. Nothing was saved. Go back to the link in your email and try again.",
        401 => "This page is for the partnership's officers. Sign in and try again. Nothing was saved.",
        403 => "Nothing was saved.",
        404 => "If you typed the web address, check it is correct. If you followed a link from an email, check you copied all of it.",
        405 => "This page can only be opened, or its form sent. Nothing was saved.",
        413 => "Each answer can be up to 4,000 characters. Nothing was saved. Go back, shorten your answers and try again.",
        414 => "If you copied a link from an email, check that you copied only the link. Nothing was saved.",
        431 => "Your browser sent more than this service accepts, often because of too many or too large cookies. Nothing was saved. Clear this site's cookies and try again.",
        503 => "It is starting up, or could not start. Nothing was saved. Try again in a minute.",
        _ when Code >= 500 => "Nothing more was saved. Please try again later.",
        _ => "Nothing was saved. Go back to the link in your email and try again.",
    };
}
