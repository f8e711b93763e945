// Which route of the table a path reaches, decided in process, the way ASP.NET Core endpoint routing decides it for the
// local host: of the templates that match, the most specific wins (literal segments before parameters, parameters before
// catch-alls: RoutePrecedence's inbound order). The Functions host cannot be trusted with this: it tries HTTP functions
// in order of their names and the first template that matches wins (azure-functions-host #3153, #9876), so
// `{*path}` named NotFound would take every page named O to Z. In Azure one HTTP function therefore takes every path and
// asks this router (functions/Rochford.Lsp.Functions/PageFunctions.cs); tests replay the host's rule over the published
// functions.metadata and compare with real endpoint routing (tests/Rochford.Lsp.Functions.Tests/AzureRoutingTests.cs).

using Microsoft.AspNetCore.Routing.Template;

namespace Rochford.Lsp.Pages.Routing;

/// <summary>Picks the route of <see cref="PageRoutes.All"/> a request path reaches.</summary>
public static class PageRouter
{
    /// <summary>
    /// The route the Functions app's one HTTP function takes every path by: everything except the Functions host's own
    /// addresses (<c>/admin/...</c> and <c>/runtime/...</c>, such as the Durable Functions HTTP API), which must stay the
    /// host's whatever order it tries routes in. An empty path does not match a catch-all with a constraint, so the home
    /// page keeps a function of its own (<see cref="PageRoutes.HomeFunctionRoute"/>); the two never match the same path.
    /// </summary>
    public const string FunctionRoute = "{*path:regex(^(?!(admin|runtime)(/|$)).+$)}";

    /// <summary>The Functions host's reserved first segments, which the app never serves.</summary>
    public static IReadOnlyList<string> HostReservedSegments { get; } = ["admin", "runtime"];

    // Most specific first; the template breaks ties so the order never depends on the table's order.
    private static readonly IReadOnlyList<(PageRoute Route, TemplateMatcher Matcher)> Ordered = PageRoutes.All
        .Select(route => (route, Template: TemplateParser.Parse(route.Template)))
        .OrderBy(r => RoutePrecedence.ComputeInbound(r.Template))
        .ThenBy(r => r.route.Template, StringComparer.Ordinal)
        .Select(r => (r.route, new TemplateMatcher(r.Template, new Microsoft.AspNetCore.Routing.RouteValueDictionary())))
        .ToList();

    /// <summary>
    /// The route <paramref name="path"/> reaches: the most specific matching template, as endpoint routing picks. Without
    /// <paramref name="includeLocalOnly"/> the developer routes are left out (in Azure they do not exist), so their paths
    /// reach the "page not found" fallback, as they would have in Azure before.
    /// </summary>
    public static PageRoute Find(PathString path, bool includeLocalOnly)
    {
        var value = path.HasValue ? path : new PathString("/");
        foreach (var (route, matcher) in Ordered)
        {
            if (route.LocalOnly && !includeLocalOnly) continue;
            if (matcher.TryMatch(value, new Microsoft.AspNetCore.Routing.RouteValueDictionary())) return route;
        }
        // The fallback's catch-all matches every path, so this is only reached if the table lost it.
        throw new InvalidOperationException($"No route of the table matches {value}; the table has lost its fallback.");
    }
}
