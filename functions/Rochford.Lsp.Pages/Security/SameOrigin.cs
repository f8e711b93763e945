// Cross-site POSTs are refused before anything else looks at them (issue 21): browsers say where a form came from, in
// Sec-Fetch-Site (Fetch Metadata, in every current browser) and Origin (every POST from a page). A form posted from another
// website is refused with 403, whatever cookies it carries; the antiforgery check stays behind it for requests that say
// nothing (older browsers, non-browser clients). An Origin of "null" alone says nothing: this site's pages are served with
// Referrer-Policy: no-referrer, under which browsers send "null" as the Origin of their own same-origin form posts; a null
// origin from elsewhere (a sandboxed frame) comes with Sec-Fetch-Site: cross-site, which is refused.

namespace Rochford.Lsp.Pages.Security;

/// <summary>Whether a POST came from this site's own pages.</summary>
public static class SameOrigin
{
    /// <summary>
    /// True unless the request says it came from elsewhere: Sec-Fetch-Site other than "same-origin" (or "none", a request
    /// the person made themselves), or an Origin that is not this site's: the address the request came to, or
    /// <paramref name="publicBaseUrl"/> (Links:PublicBaseUrl, the address people use).
    /// </summary>
    /// <param name="tlsEndsInFront">True where TLS ends before the app (Azure's front end), so an https origin may reach it over http.</param>
    public static bool Allows(HttpContext http, Uri? publicBaseUrl, bool tlsEndsInFront)
    {
        ArgumentNullException.ThrowIfNull(http);
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase))
            return false;
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || origin == "null") return true;
        // Anything else that is not an http(s) origin is refused.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || from.Scheme is not ("http" or "https") || from.AbsolutePath != "/") return false;
        if (publicBaseUrl is { IsAbsoluteUri: true } site2 && SameAuthority(from, site2.Scheme, site2.Host, site2.Port)) return true;
        var host = http.Request.Host;
        if (!host.HasValue) return false;
        var scheme = http.Request.Scheme;
        var port = host.Port ?? (scheme == "https" ? 443 : 80);
        if (SameAuthority(from, scheme, host.Host, port)) return true;
        // Behind a front end that ends TLS, the browser's https origin reaches the app as http on the same host.
        return tlsEndsInFront && from.Scheme == "https" && string.Equals(from.Host, host.Host, StringComparison.OrdinalIgnoreCase)
            && (host.Port is null || from.Port == host.Port);
    }

    private static bool SameAuthority(Uri origin, string scheme, string host, int port) =>
        string.Equals(origin.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.Host, host, StringComparison.OrdinalIgnoreCase)
        && origin.Port == port;
}
