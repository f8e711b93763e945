// Headers on every response. Personal-link pages carry the token in their path, so no page may leak its
// address (Referrer-Policy), be framed (clickjacking a submit button), or run script it did not ship.

namespace Rochford.Lsp.Pages.Security;

/// <summary>Adds the app's security headers to every response.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The content security policy: only the app's own files; no inline script or style (GOV.UK Frontend is
    /// initialised from a static module); forms post only back to the app; never framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// An endpoint that serves someone else's markup (the local mailbox showing an email's HTML, with the inline styles
    /// email needs) may put a stricter-in-other-ways policy in <c>HttpContext.Items</c> under this key.
    /// </summary>
    public const string PolicyOverrideKey = "Rochford.Lsp.ContentSecurityPolicy";

    /// <summary>
    /// Sets the headers when the response starts, whatever produces it. <see cref="Routing.PageEndpoint"/> calls this for every
    /// route of the table in both hosts; the local host also calls it (UseSecurityHeaders) for what it answers outside the
    /// table (the developer endpoints, Kestrel-limit refusals). Calling it twice for one response is harmless.
    /// </summary>
    public static void AddTo(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.ContainsKey(AddedKey)) return;
        context.Items[AddedKey] = true;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[PolicyOverrideKey] as string ?? ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // Azure serves only HTTPS (the Functions host terminates TLS); locally it is plain HTTP, so no HSTS there.
            if (Platform.IsAzure) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        });
    }

    private const string AddedKey = "Rochford.Lsp.SecurityHeaders";
}
