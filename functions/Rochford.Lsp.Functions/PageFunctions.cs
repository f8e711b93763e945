// The route table (functions/Rochford.Lsp.Pages/Routing/PageRoutes.cs) in Azure: one HTTP function takes every path
// except the Functions host's own (/admin, /runtime) and the home page, and PageEndpoint.DispatchAsync picks the route
// in process, as endpoint routing does locally (PageRouter). One function per route would not work: the host tries HTTP
// functions in order of their names and the first matching template wins, so the fallback `{*path}` (NotFound) would
// answer every page named O to Z, and `report/{token}/{step}` would take `report/{token}/submitted`. The home page has
// a function of its own only because an empty path never matches a constrained catch-all; the two routes never match
// the same path, so their names and order decide nothing. No methods are given to the triggers: every method reaches
// the endpoint, which answers a wrong one with 405 and its page, as locally. The one function binds a [DurableClient];
// the endpoint gives it only to routes that use the workflow.
// tests/Rochford.Lsp.Functions.Tests/AzureRoutingTests.cs replays the host's rule over the published functions.metadata.

using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Rochford.Lsp.Pages.Routing;

namespace Rochford.Lsp.Functions;

/// <summary>The pages and endpoints of the route table.</summary>
public sealed class PageFunctions(PageEndpoint pages)
{
    /// <summary>The function that takes every path but the home page and the host's own.</summary>
    public const string PagesName = "Pages";

    /// <summary>The home page's function (an empty path, which <see cref="PagesName"/> cannot match).</summary>
    public const string HomeName = PageRoutes.Names.Home;

    private const AuthorizationLevel Anyone = AuthorizationLevel.Anonymous;

    [Function(HomeName)]
    public Task Home([HttpTrigger(Anyone, Route = PageRoutes.HomeFunctionRoute)] HttpRequest request) =>
        pages.DispatchAsync(request.HttpContext, durable: null, includeLocalOnly: false);

    [Function(PagesName)]
    public Task Pages([HttpTrigger(Anyone, Route = PageRouter.FunctionRoute)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        pages.DispatchAsync(request.HttpContext, client, includeLocalOnly: false);
}
