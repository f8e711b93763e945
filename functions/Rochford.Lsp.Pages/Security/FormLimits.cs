// Limits on what a browser may send to the pages (PageEndpoint applies them on every page route, in both hosts). A lead's
// report is at most a few pages of text, so anything much bigger is refused with 413 before it is read.
// A posted form is read here, before the antiforgery check, so each refusal gets its own status and page: a charset
// other than UTF-8 415, a body over the limit 413 (also when sent without a length), control characters 400 saying so.
// Tests: tests/Rochford.Lsp.Web.Tests/HostileInputTests.cs and RequestHardeningTests.cs.

using Microsoft.AspNetCore.Http.Features;
using Rochford.Lsp.Pages.Routing;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Rochford.Lsp.Pages.Security;

/// <summary>Request limits for the people-facing pages.</summary>
public static class FormLimits
{
    /// <summary>
    /// The largest form body accepted: three 4,000-character answers, percent-encoded, even in a script that
    /// needs several bytes a character, fit well inside it.
    /// </summary>
    public const long MaxFormBodyBytes = 128 * 1024;

    /// <summary>Keeps a personal-link page (its token is in the address) out of every cache and history store that honours no-store.</summary>
    public static void NeverCache(HttpContext context) => context.Response.OnStarting(() =>
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return Task.CompletedTask;
    });

    /// <summary>
    /// The refusal of a request to a page, or null to go on: a body over <see cref="MaxFormBodyBytes"/> gets 413, up front
    /// when its length is declared and at the limit when it is not. A posted form is read here: a charset other than UTF-8
    /// gets 415, a control character in any field 400 (<see cref="FormRefusal.UnacceptableCharacters"/>).
    /// </summary>
    public static async Task<IResult?> CheckAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxFormBodyBytes)
        {
            context.Response.Headers.Connection = "close";
            return new StatusPageResult(StatusCodes.Status413PayloadTooLarge);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxFormBodyBytes;
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType && await RefuseFormAsync(context) is { } refusal)
            return refusal;
        return null;
    }

    /// <summary>
    /// Reads the posted form (the antiforgery check and the page then use the same copy) and says why it is refused, or null.
    /// </summary>
    /// <remarks>
    /// Read here rather than by the antiforgery check, which turns every failure to read the form into "the token could not be
    /// validated" (400, "the form may have been open for too long"): a body over the limit without a length, or a charset
    /// the reader cannot decode (a 500 with a stack trace, before any token check), would be misreported.
    /// </remarks>
    private static async Task<StatusPageResult?> RefuseFormAsync(HttpContext context)
    {
        // The pages are UTF-8 and browsers send their forms in the page's encoding, so a declared charset can only be UTF-8.
        // Any other (UTF-7, which is unsafe; a name .NET does not know) would be read wrongly or throw: 415, before reading.
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && !StringSegment.IsNullOrEmpty(type.Charset)
            && !string.Equals(HeaderUtilities.RemoveQuotes(type.Charset).Value, "utf-8", StringComparison.OrdinalIgnoreCase))
            return new(StatusCodes.Status415UnsupportedMediaType);
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
            return new(StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The form reader refuses an encoded NUL (%00) itself, with the same exception as a form over its field limits.
            return new(StatusCodes.Status400BadRequest, await HasEncodedNulAsync(context.Request) ? FormRefusal.UnacceptableCharacters : null);
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A malformed body (a broken multipart): refused as before, as a form that could not be accepted.
            return new(StatusCodes.Status400BadRequest);
        }
        foreach (var (name, values) in form)
        {
            if (FormText.HasUnacceptableCharacters(name) || values.Any(FormText.HasUnacceptableCharacters))
            {
                return new(StatusCodes.Status400BadRequest, FormRefusal.UnacceptableCharacters);
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
}

/// <summary>Why a form's content was refused, for the status page.</summary>
public enum FormRefusal
{
    /// <summary>A field held a control character (NUL, escape, ...) that no keyboard types and no page may show.</summary>
    UnacceptableCharacters,

    /// <summary>An officer's form did not say which form it was (its submission id).</summary>
    NoFormId,

    /// <summary>The form was posted from another website (its Origin, or the browser's Sec-Fetch-Site, said so).</summary>
    CrossSite,
}
