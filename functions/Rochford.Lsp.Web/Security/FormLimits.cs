// Limits on what a browser may send to the pages. A lead's report is at most a few pages of text, so
// anything much bigger is refused with 413 before it is read, and wrong methods get 405, never a 500.

using Microsoft.AspNetCore.Http.Features;

namespace Rochford.Lsp.Web.Security;

/// <summary>Request limits for the people-facing pages.</summary>
public static class FormLimits
{
    /// <summary>
    /// The largest form body accepted: three 4,000-character answers, percent-encoded, even in a script that
    /// needs several bytes a character, fit well inside it.
    /// </summary>
    public const long MaxFormBodyBytes = 128 * 1024;

    private static readonly string[] PagePrefixes = ["/report/", "/interim/", "/decide/", "/summary/"];

    /// <summary>True for the paths of pages for people (not the API, the tick or the local /dev endpoints).</summary>
    public static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/tick", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/dev", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the paths of personal-link pages.</summary>
    public static bool IsLinkPage(PathString path) =>
        PagePrefixes.Any(p => path.StartsWithSegments(p.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// On pages: only GET, HEAD and POST (else 405 with Allow); bodies over <see cref="MaxFormBodyBytes"/>
    /// refused with 413 up front when the length is declared, and cut off at the limit when it is not.
    /// On personal-link pages also Cache-Control: no-store.
    /// </summary>
    public static IApplicationBuilder UseFormLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Status pages re-executed for an error keep the original method: let them render.
        if (!IsPage(context.Request.Path) || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }
        var linkPage = IsLinkPage(context.Request.Path);
        // The token is in the address: keep these pages out of every cache and history store that honours no-store.
        if (linkPage) context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsPost(method))
        {
            context.Response.Headers.Allow = "GET, HEAD, POST";
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (context.Request.ContentLength > MaxFormBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxFormBodyBytes;
        await next(context);
    });
}
