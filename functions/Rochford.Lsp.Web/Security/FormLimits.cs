// Limits on what a browser may send to the pages. A lead's report is at most a few pages of text, so
// anything much bigger is refused with 413 before it is read, and wrong methods get 405, never a 500.
// A posted form is read here, before the antiforgery check, so each refusal gets its own status and page: a charset
// other than UTF-8 415, a body over the limit 413 (also when sent without a length), control characters 400 saying so.
// Tests: tests/Rochford.Lsp.Web.Tests/HostileInputTests.cs and RequestHardeningTests.cs.

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Rochford.Lsp.Web.Security;

/// <summary>Request limits for the people-facing pages.</summary>
public static class FormLimits
{
    /// <summary>
    /// The largest form body accepted: three 4,000-character answers, percent-encoded, even in a script that
    /// needs several bytes a character, fit well inside it.
    /// </summary>
    public const long MaxFormBodyBytes = 128 * 1024;

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
    /// The key in <c>HttpContext.Items</c> under which a refusal of a form's content is kept, as a <see cref="FormRefusal"/>,
    /// so the status page can say what was wrong.
    /// </summary>
    public const string RefusalKey = "Rochford.Lsp.FormRefusal";

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
    /// refused with 413 up front when the length is declared, and cut off at the limit when it is not (413 too).
    /// A posted form is read here: a charset other than UTF-8 gets 415, a control character in any field 400
    /// (<see cref="FormRefusal.UnacceptableCharacters"/>). On personal-link pages also Cache-Control: no-store.
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
        if (HttpMethods.IsPost(method) && context.Request.HasFormContentType && await RefuseFormAsync(context) is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }
        await next(context);
    });

    /// <summary>
    /// Reads the posted form (the antiforgery check and the page then use the same copy) and says why it is refused, or null.
    /// </summary>
    /// <remarks>
    /// Read here rather than by the antiforgery check, which turns every failure to read the form into "the token could not be
    /// validated" (400, "the form may have been open for too long"): a body over the limit without a length, or a charset
    /// the reader cannot decode (a 500 with a stack trace, before any token check), would be misreported.
    /// </remarks>
    private static async Task<int?> RefuseFormAsync(HttpContext context)
    {
        // The pages are UTF-8 and browsers send their forms in the page's encoding, so a declared charset can only be UTF-8.
        // Any other (UTF-7, which is unsafe; a name .NET does not know) would be read wrongly or throw: 415, before reading.
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && !StringSegment.IsNullOrEmpty(type.Charset)
            && !string.Equals(HeaderUtilities.RemoveQuotes(type.Charset).Value, "utf-8", StringComparison.OrdinalIgnoreCase))
            return StatusCodes.Status415UnsupportedMediaType;
        // Kept (in memory, up to the body limit) so that a body the reader refuses can be looked at again, below.
        if (type is not null && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            context.Request.EnableBuffering(bufferThreshold: (int)MaxFormBodyBytes);
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.Headers.Connection = "close";
            return StatusCodes.Status413PayloadTooLarge;
        }
        catch (InvalidDataException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The form reader refuses an encoded NUL (%00) itself, with the same exception as a form over its field limits.
            if (await HasEncodedNulAsync(context.Request)) context.Items[RefusalKey] = FormRefusal.UnacceptableCharacters;
            return StatusCodes.Status400BadRequest;
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A malformed body (a broken multipart): refused as before, as a form that could not be accepted.
            return StatusCodes.Status400BadRequest;
        }
        foreach (var (name, values) in form)
        {
            if (FormText.HasUnacceptableCharacters(name) || values.Any(FormText.HasUnacceptableCharacters))
            {
                context.Items[RefusalKey] = FormRefusal.UnacceptableCharacters;
                return StatusCodes.Status400BadRequest;
            }
        }
        return null;
    }

    private static async Task<bool> HasEncodedNulAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek) return false;
        request.Body.Position = 0;
        using var body = new StreamReader(request.Body, System.Text.Encoding.Latin1, leaveOpen: true);
        return (await body.ReadToEndAsync(request.HttpContext.RequestAborted)).Contains("%00", StringComparison.Ordinal);
    }

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
        // A status page re-executed for this request sees the same headers: let it render.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
            return next(context);
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{request.PathBase}{request.Path}{request.QueryString}";
        if (request.Method.Length + target.Length + request.Protocol.Length + 2 > MaxRequestLineBytes)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            return Task.CompletedTask;
        }
        long headerBytes = 0;
        // Each header line as Kestrel counts it: name, ": ", value, CRLF.
        foreach (var (name, values) in request.Headers)
            foreach (var value in values) headerBytes += name.Length + (value?.Length ?? 0) + 4;
        if (headerBytes > MaxHeaderBytes)
        {
            context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
            return Task.CompletedTask;
        }
        return next(context);
    });
}

/// <summary>Why a form's content was refused, for the status page.</summary>
public enum FormRefusal
{
    /// <summary>A field held a control character (NUL, escape, ...) that no keyboard types and no page may show.</summary>
    UnacceptableCharacters,
}
