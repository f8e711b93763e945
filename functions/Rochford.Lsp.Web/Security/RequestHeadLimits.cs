// Limits on the request line and headers, answered by the app (with the security headers and a status page) rather than
// by Kestrel. Local host only: in Azure the front end applies its own limits before a request reaches the app.
// Tests: tests/Rochford.Lsp.Web.Tests/RequestHardeningTests.cs.

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Rochford.Lsp.Pages.Routing;

namespace Rochford.Lsp.Web.Security;

/// <summary>Request-line and header limits for the local host.</summary>
public static class RequestHeadLimits
{
    /// <summary>
    /// The longest request line (method, address, protocol) the app answers normally; longer gets 414 from the app. Kestrel
    /// itself allows up to <see cref="KestrelMaxRequestLineBytes"/>, so that the app, not Kestrel, answers in between.
    /// </summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>The most header bytes the app answers normally; more gets 431 from the app (Kestrel allows up to <see cref="KestrelMaxHeaderBytes"/>).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's own request-line limit: above it Kestrel answers 414 itself, without the app (see <see cref="UseRequestHeadLimits"/>).</summary>
    public const int KestrelMaxRequestLineBytes = 64 * 1024;

    /// <summary>Kestrel's own header limit: above it Kestrel answers 431 itself, without the app.</summary>
    public const int KestrelMaxHeaderBytes = 128 * 1024;

    /// <summary>
    /// Raises Kestrel's request-line and header limits to <see cref="KestrelMaxRequestLineBytes"/> and
    /// <see cref="KestrelMaxHeaderBytes"/>, so that <see cref="UseRequestHeadLimits"/> enforces the usual ones in the app.
    /// </summary>
    public static IServiceCollection AddRequestHeadLimits(this IServiceCollection services) => services.Configure<KestrelServerOptions>(options =>
    {
        options.Limits.MaxRequestLineSize = KestrelMaxRequestLineBytes;
        options.Limits.MaxRequestHeadersTotalSize = KestrelMaxHeaderBytes;
    });

    /// <summary>
    /// Answers 414 for a request line over <see cref="MaxRequestLineBytes"/> and 431 for headers over <see cref="MaxHeaderBytes"/>,
    /// from the app, so the answer has the security headers and a status page.
    /// </summary>
    /// <remarks>
    /// Kestrel writes its own 400, 414 and 431 (a malformed request, a request line or headers over its limits) before any
    /// middleware runs, and offers no hook to add headers to them, so those responses carry none of the security headers.
    /// They have no body a browser could render or frame, so the headers would protect nothing there; but to keep the
    /// ordinary cases in the app, Kestrel's limits are raised (<see cref="AddRequestHeadLimits"/>) and the usual ones
    /// enforced here. Only requests beyond Kestrel's raised limits, or malformed ones, still get Kestrel's bare answer.
    /// In Azure the Functions host's front end applies its own limits before the request reaches this app.
    /// </remarks>
    public static IApplicationBuilder UseRequestHeadLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{request.PathBase}{request.Path}{request.QueryString}";
        if (request.Method.Length + target.Length + request.Protocol.Length + 2 > MaxRequestLineBytes)
        {
            return new StatusPageResult(StatusCodes.Status414UriTooLong).ExecuteAsync(context);
        }
        long headerBytes = 0;
        // Each header line as Kestrel counts it: name, ": ", value, CRLF.
        foreach (var (name, values) in request.Headers)
            foreach (var value in values) headerBytes += name.Length + (value?.Length ?? 0) + 4;
        if (headerBytes > MaxHeaderBytes)
        {
            return new StatusPageResult(StatusCodes.Status431RequestHeaderFieldsTooLarge).ExecuteAsync(context);
        }
        return next(context);
    });
}
