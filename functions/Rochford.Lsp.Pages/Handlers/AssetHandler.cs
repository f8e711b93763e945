// The static files: GOV.UK Frontend's CSS, JS, fonts and images, and the app's own script, from the web root in the
// app's output (put there by WebRoot.targets). Served by a route of the table rather than the local host's static-file
// middleware, so the Functions app serves them too, with the same headers.

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Rochford.Lsp.Pages.Routing;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>The web root: where each asset route's files are, their versions, and the addresses pages link to.</summary>
public sealed partial class AssetFiles
{
    /// <summary>A year: for a file whose address changes when it does (a version in the query, or a fingerprinted name).</summary>
    public const string ImmutableCache = "public, max-age=31536000, immutable";

    /// <summary>A day, then revalidated by ETag: for an address that stays the same when the file changes.</summary>
    public const string DailyCache = "public, max-age=86400";

    private readonly ConcurrentDictionary<string, string> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PhysicalFileProvider?> _roots;
    private readonly FileExtensionContentTypeProvider _types = new();

    /// <summary>Reads the web root under <paramref name="webRoot"/> (default: wwwroot beside the app).</summary>
    public AssetFiles(string? webRoot = null)
    {
        WebRoot = webRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        _roots = new(StringComparer.Ordinal)
        {
            [PageRoutes.Names.GovukFrontend] = Provider(Path.Combine(WebRoot, "govuk")),
            [PageRoutes.Names.GovukAssets] = Provider(Path.Combine(WebRoot, "govuk", "assets")),
            [PageRoutes.Names.Scripts] = Provider(Path.Combine(WebRoot, "js")),
        };
        _types.Mappings[".mjs"] = "text/javascript";
    }

    /// <summary>The web root's directory.</summary>
    public string WebRoot { get; }

    /// <summary>
    /// The address for a page to link to: <paramref name="path"/> with the file's version (?v=), so it can be cached for a
    /// year and a new build's file is fetched at once. A file that is not there keeps its plain address.
    /// </summary>
    public string Url(string path)
    {
        var route = PageRoutes.All.FirstOrDefault(r => r.Kind == RouteKind.Asset && PageEndpoint.Match(r, path) is not null);
        if (route is null || PageEndpoint.Match(route, path)?.GetValueOrDefault("path") is not { } file) return path;
        return Find(route.Name, file) is { } info ? $"{path}?v={Version(route.Name, file, info)}" : path;
    }

    internal IFileInfo? Find(string routeName, string path)
    {
        if (!_roots.TryGetValue(routeName, out var root) || root is null || path.Length == 0) return null;
        var info = root.GetFileInfo(path);
        return info.Exists && !info.IsDirectory ? info : null;
    }

    internal string Version(string routeName, string path, IFileInfo info) =>
        _versions.GetOrAdd($"{routeName}/{path}/{info.LastModified.UtcTicks}/{info.Length}", _ =>
        {
            using var stream = info.CreateReadStream();
            return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        });

    internal string ContentType(string path) => _types.TryGetContentType(path, out var type) ? type : "application/octet-stream";

    /// <summary>GOV.UK Frontend's fonts carry their content hash in their names ("bold-b542beb274-v2.woff2").</summary>
    [GeneratedRegex(@"-[0-9a-f]{10}-v\d+\.woff2?$")]
    internal static partial Regex FingerprintedName();

    // A directory missing from the output serves nothing (404s), rather than failing every page.
    private static PhysicalFileProvider? Provider(string directory) => Directory.Exists(directory) ? new PhysicalFileProvider(directory) : null;
}

/// <summary>GET /govuk/*, /assets/*, /js/*: a file of the web root, with its type, ETag and cache lifetime; 404 for anything else.</summary>
public sealed class AssetHandler(AssetFiles files) : IRouteHandler
{
    /// <inheritdoc />
    public Task<IResult> HandleAsync(PageRequest request)
    {
        var path = request.RouteValue("path") ?? "";
        if (files.Find(request.Route.Name, path) is not { } info)
            return Task.FromResult<IResult>(new StatusPageResult(StatusCodes.Status404NotFound));
        var version = files.Version(request.Route.Name, path, info);
        var http = request.Http;
        var etag = new EntityTagHeaderValue($"\"{version}\"");
        http.Response.Headers.CacheControl = http.Request.Query["v"] == version || AssetFiles.FingerprintedName().IsMatch(path)
            ? AssetFiles.ImmutableCache
            : AssetFiles.DailyCache;
        http.Response.Headers.ETag = etag.ToString();
        if (EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var sent) && sent.Any(e => e.Compare(etag, useStrongComparison: false)))
            return Task.FromResult<IResult>(Results.StatusCode(StatusCodes.Status304NotModified));
        return Task.FromResult<IResult>(Results.File(info.CreateReadStream(), files.ContentType(path), lastModified: info.LastModified));
    }
}
