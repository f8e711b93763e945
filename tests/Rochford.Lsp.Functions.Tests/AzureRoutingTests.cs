// Every page reaches the same handler in Azure as on the laptop. The Functions host does not route like ASP.NET Core
// endpoint routing: it tries HTTP functions in order of their names (ordinal, ignore case: azure-functions-host's
// FunctionMetadataManager) and the first route that matches wins (azure-functions-host #3153, #9876), with the legacy
// Route of Microsoft.AspNetCore.Routing per function. This replays that rule over the *published* functions.metadata,
// then the app's own dispatch (PageRouter), and compares the handler reached with what real endpoint routing picks for
// the local host's patterns (RouteTableTests in the Web tests checks the local host maps exactly those), for a path of
// every route and the awkward ones around them. The host's own addresses (/admin, /runtime) must reach no app function.

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rochford.Lsp.Pages.Routing;

namespace Rochford.Lsp.Functions.Tests;

public sealed class AzureRoutingTests(PublishedAppFixture app) : IClassFixture<PublishedAppFixture>
{
    /// <summary>A path of every route, each step of the routes with steps, and the near misses between them.</summary>
    public static TheoryData<string> Paths()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var route in PageRoutes.All)
        {
            var steps = route.Steps.Count > 0 ? route.Steps : ["x"];
            foreach (var step in steps) paths.Add(Sample(route.Template, step));
        }
        string[] awkward =
        [
            "/", "/report/tok/submitted", "/REPORT/tok/Submitted", "/report/tok/unknown-step", "/report/tok/submitted/extra",
            "/interim/tok/sent", "/projects/ROC4/reports/2010-Q1", "/projects/ROC4/reports", "/projects/ROC4/withdraw/now",
            "/partnership/setup/extra", "/partnership/projects", "/exports/projects", "/exports/x.json", "/packs/tok/extra",
            "/summary", "/decide/withdrawal", "/decide/other/tok", "/api", "/api/health/extra", "/api/sendgrid",
            "/dev/mailbox", "/dev/sign-in", "/dev/clock", "/govuk", "/assets", "/js", "/administrator", "/admins/x",
            "/runtimes/x", "/report", "/favicon.ico", "/robots.txt", "/a/b/c/d/e",
        ];
        foreach (var path in awkward) paths.Add(path);
        var data = new TheoryData<string>();
        foreach (var path in paths) data.Add(path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task InAzure_EveryPathReachesTheHandlerTheLocalHostPicks(string path)
    {
        var local = await EndpointRouting.PickAsync(path);
        var function = HostPick(path, HostFunctions(byName: true));

        Assert.True(function is PageFunctions.PagesName or PageFunctions.HomeName, $"{path} reached the function {function ?? "(none)"}, not the app's.");
        Assert.Equal(local, PageRouter.Find(path, includeLocalOnly: false).Name);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void InAzure_NoPathMatchesTwoFunctions_SoTheirNamesAndOrderDecideNothing(string path)
    {
        var matching = HostFunctions(byName: true).Where(f => Matches(f, path)).Select(f => f.Name).ToList();

        Assert.Single(matching);
        Assert.Equal(HostPick(path, HostFunctions(byName: true)), HostPick(path, HostFunctions(byName: false)));
    }

    [Theory]
    [InlineData("/admin/host/status")]
    [InlineData("/admin/functions/Pages")]
    [InlineData("/admin")]
    [InlineData("/Admin/host/ping")]
    [InlineData("/runtime/webhooks/durabletask/instances/ROC4")]
    [InlineData("/runtime/webhooks/durabletask/instances")]
    [InlineData("/RUNTIME/webhooks/durabletask")]
    public void InAzure_TheHostsOwnAddressesReachNoFunctionOfTheApp(string path)
    {
        Assert.Null(HostPick(path, HostFunctions(byName: true)));
    }

    [Fact]
    public void InAzure_TheAppHasTwoHttpFunctions_TheHomePageAndTheOneThatDispatches()
    {
        var functions = HostFunctions(byName: true);

        Assert.Equal([PageFunctions.HomeName, PageFunctions.PagesName], functions.Select(f => f.Name));
        Assert.True(Binds(PageFunctions.PagesName, "durableClient"), "The dispatching function binds no [DurableClient].");
        // Every route of the table reached by a path in Azure is a route both hosts serve (developer pages only locally).
        Assert.All(PageRoutes.All.Where(r => !r.LocalOnly), r => Assert.Equal(r.Name, PageRouter.Find(Sample(r.Template, r.Steps.FirstOrDefault() ?? "x"), false).Name));
        Assert.All(PageRoutes.All.Where(r => r.LocalOnly), r => Assert.Equal(PageRoutes.Names.NotFound, PageRouter.Find(Sample(r.Template, "x"), false).Name));
    }

    private static string Sample(string template, string step) =>
        "/" + template.Replace("{token}", "t0k3n_AbC-dEf", StringComparison.Ordinal).Replace("{step}", step, StringComparison.Ordinal)
            .Replace("{code}", "ROC4", StringComparison.Ordinal).Replace("{quarter}", "2010-Q4", StringComparison.Ordinal)
            .Replace("{name}", "projects", StringComparison.Ordinal)
            .Replace("{*path}", template == PageRoutes.Templates.NotFound ? "no/such/page" : "css/site.css", StringComparison.Ordinal);

    private sealed record HostFunction(string Name, Route Route);

    /// <summary>The published HTTP functions as the host builds its routes: by name (ordinal, ignore case), or the reverse.</summary>
    private IReadOnlyList<HostFunction> HostFunctions(bool byName)
    {
        var metadata = JsonNode.Parse(File.ReadAllText(app.PathOf("functions.metadata")))!.AsArray();
        var http = metadata
            .Select(f => (Name: f!["name"]!.GetValue<string>(), Trigger: f["bindings"]!.AsArray().SingleOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger")))
            .Where(f => f.Trigger is not null)
            .Select(f => new HostFunction(f.Name, new Route(new Target(f.Name), f.Name, f.Trigger!["route"]!.GetValue<string>(), null, null, null, Services.GetRequiredService<IInlineConstraintResolver>())));
        return byName
            ? http.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList()
            : http.OrderByDescending(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private bool Binds(string function, string type) =>
        JsonNode.Parse(File.ReadAllText(app.PathOf("functions.metadata")))!.AsArray()
            .Single(f => f!["name"]!.GetValue<string>() == function)!["bindings"]!.AsArray().Any(b => b!["type"]!.GetValue<string>() == type);

    /// <summary>The first function whose route takes <paramref name="path"/>, trying them in the given order, or null.</summary>
    private static string? HostPick(string path, IReadOnlyList<HostFunction> functions) =>
        functions.FirstOrDefault(f => Matches(f, path))?.Name;

    private static bool Matches(HostFunction function, string path)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Path = path;
        var context = new RouteContext(http);
        function.Route.RouteAsync(context).GetAwaiter().GetResult();
        return context.Handler is not null;
    }

    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();

    /// <summary>The router a matched route hands the request to: marks it handled.</summary>
    private sealed class Target(string name) : IRouter
    {
        public VirtualPathData? GetVirtualPath(VirtualPathContext context) => null;

        public Task RouteAsync(RouteContext context)
        {
            context.Handler = http => http.Response.WriteAsync(name);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Real ASP.NET Core endpoint routing over the local host's patterns (each route's LocalPattern, every method, as
    /// PagesRegistration.MapPageRoutes maps them when the app runs in Azure mode: no developer routes), on Kestrel on a port
    /// the system picks; each endpoint answers with its route's name.
    /// </summary>
    private static class EndpointRouting
    {
        private static readonly Lazy<Task<HttpClient>> Client = new(StartAsync);

        public static async Task<string> PickAsync(string path)
        {
            var client = await Client.Value;
            using var response = await client.GetAsync(path);
            return await response.Content.ReadAsStringAsync();
        }

        private static async Task<HttpClient> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var web = builder.Build();
            foreach (var route in PageRoutes.All.Where(r => !r.LocalOnly))
                web.Map(route.LocalPattern, context => context.Response.WriteAsync(route.Name));
            await web.StartAsync();
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new HttpClient { BaseAddress = new Uri(address) };
        }
    }
}
