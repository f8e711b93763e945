// What the Functions host reads from the published app: every function with its trigger (functions.metadata), the
// Durable Task extension (extensions.json) and the repository's host.json, without the old custom handler. Proof in place of `func start`.

using System.Reflection;
using System.Text.Json.Nodes;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Functions.Tests;

public sealed class PublishOutputTests(PublishedAppFixture app) : IClassFixture<PublishedAppFixture>
{
    [Fact]
    public void FunctionsMetadata_ListsTheOrchestratorsUnderTheNamesTheWorkflowStartsThemBy()
    {
        Assert.Equal("orchestrationTrigger", TriggerOf(ReportingCycleOrchestrator.Name));
        Assert.Equal("orchestrationTrigger", TriggerOf(PartnershipOrchestrator.Name));
    }

    [Fact]
    public void FunctionsMetadata_ListsEveryActivityTheOrchestratorCallsAsAnActivityTrigger()
    {
        var activities = typeof(WorkflowActivities).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(3, activities.Count);
        Assert.All(activities, name => Assert.Equal("activityTrigger", TriggerOf(name)));
    }

    [Fact]
    public void FunctionsMetadata_ListsTheDigestCheckAsATimerTrigger()
    {
        var digest = Function(DigestCheckFunction.Name);
        var trigger = Assert.Single(digest["bindings"]!.AsArray(), b => b!["direction"]!.GetValue<string>() == "In");

        Assert.Equal("timerTrigger", trigger!["type"]!.GetValue<string>());
        Assert.Equal(DigestCheckFunction.Schedule, trigger["schedule"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionsMetadata_ListsNoFunctionTheWorkflowOrTheRouteTableDoesNotKnow()
    {
        var names = Metadata().Select(f => f!["name"]!.GetValue<string>()).Order().ToList();
        // The pages are two HTTP functions, the home page and the one that dispatches every other path through the route
        // table (AzureRoutingTests replays the host's routing over them).
        string[] expected = [ReportingCycleOrchestrator.Name, PartnershipOrchestrator.Name, WorkflowActivities.RecordTransition, WorkflowActivities.RecordRefusal,
            WorkflowActivities.SendEmails, DigestCheckFunction.Name, PageFunctions.HomeName, PageFunctions.PagesName];

        Assert.Equal(expected.Order(), names);
        Assert.All(Metadata(), f => Assert.Equal("dotnet-isolated", f!["language"]!.GetValue<string>()));
    }

    [Fact]
    public void FunctionsMetadata_ThePageFunctionsTakeEveryMethod_Anonymously()
    {
        foreach (var name in new[] { PageFunctions.HomeName, PageFunctions.PagesName })
        {
            var http = Function(name)["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
            // Anonymous: officers are checked by the app (App Service Authentication's principal), leads by their link.
            Assert.Equal("Anonymous", http["authLevel"]!.GetValue<string>(), ignoreCase: true);
            // No methods: every one reaches PageEndpoint, which answers a wrong one with 405 and its page, as locally.
            Assert.Null(http["methods"]);
        }
        Assert.Equal(PageRoutes.HomeFunctionRoute, Function(PageFunctions.HomeName)["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "httpTrigger")!["route"]!.GetValue<string>());
        Assert.Equal(PageRouter.FunctionRoute, Function(PageFunctions.PagesName)["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "httpTrigger")!["route"]!.GetValue<string>());
    }

    [Fact]
    public void Publish_CarriesTheWebRootTheAssetRoutesServe()
    {
        Assert.True(File.Exists(app.PathOf(Path.Combine("wwwroot", "govuk", "govuk-frontend.min.css"))));
        Assert.True(File.Exists(app.PathOf(Path.Combine("wwwroot", "govuk", "govuk-frontend.min.js"))));
        Assert.True(File.Exists(app.PathOf(Path.Combine("wwwroot", "govuk", "assets", "images", "favicon.ico"))));
        Assert.True(File.Exists(app.PathOf(Path.Combine("wwwroot", "js", "app.mjs"))));
        // The host's own home page would shadow the app's: the infrastructure turns it off.
        var bicep = File.ReadAllText(Path.Combine(PublishedAppFixture.RepositoryRoot(), "infra", "resources.bicep"));
        Assert.Contains("AzureWebJobsDisableHomepage: 'true'", bicep);
    }

    [Fact]
    public void TheRootHostJson_IsTheOnePublished_AndTheOldCustomHandlerIsGone()
    {
        var root = PublishedAppFixture.RepositoryRoot();
        // One host.json, at the repository root (ARCHITECTURE.md's layout): what the publish carries, byte for byte.
        Assert.Equal(File.ReadAllText(Path.Combine(root, "host.json")), File.ReadAllText(app.PathOf("host.json")));
        Assert.False(File.Exists(Path.Combine(root, "functions", "Rochford.Lsp.Functions", "host.json")), "A second host.json is back in the Functions project.");
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(root, "host.json")))!["customHandler"]);
        Assert.False(Directory.Exists(Path.Combine(root, "functions", "triggers")), "The custom handler's functions/triggers is back.");
    }

    [Fact]
    public void ExtensionsJson_RegistersTheDurableTaskExtension_WhoseAssemblyIsPublished()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(app.PathOf("extensions.json")))!["extensions"]!.AsArray();
        var durable = extensions.SingleOrDefault(e => e!["name"]!.GetValue<string>() == "DurableTask");

        Assert.NotNull(durable);
        Assert.StartsWith("Microsoft.Azure.WebJobs.Extensions.DurableTask.DurableTaskWebJobsStartup", durable["typeName"]!.GetValue<string>());
        Assert.True(File.Exists(app.PathOf(durable["hintPath"]!.GetValue<string>())), $"{durable["hintPath"]} is not in the publish output.");
    }

    [Fact]
    public void HostJson_NamesTheTaskHubAndHasNoCustomHandler()
    {
        var host = JsonNode.Parse(File.ReadAllText(app.PathOf("host.json")))!;

        Assert.Null(host["customHandler"]);
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        // The hub is the app setting the infrastructure sets (infra/resources.bicep) and the local host reads (Workflow:TaskHub):
        // one name, so a change of the setting is not silently ignored by Durable Functions.
        Assert.Equal("%Workflow__TaskHub%", host["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>());
        var bicep = File.ReadAllText(Path.Combine(PublishedAppFixture.RepositoryRoot(), "infra", "resources.bicep"));
        Assert.Contains("Workflow__TaskHub: taskHub", bicep);
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishedAppFixture.RepositoryRoot(), "functions", "Rochford.Lsp.Functions", "local.settings.json.example")))!;
        Assert.False(string.IsNullOrWhiteSpace(example["Values"]!["Workflow__TaskHub"]!.GetValue<string>()));
        Assert.Equal("AzureWebJobsStorage", host["extensions"]!["durableTask"]!["storageProvider"]!["connectionName"]!.GetValue<string>());
    }

    [Fact]
    public void Publish_CarriesTheWorkerAndNoLocalSettings()
    {
        Assert.True(File.Exists(app.PathOf("Rochford.Lsp.Functions.dll")));
        Assert.True(File.Exists(app.PathOf("worker.config.json")));
        Assert.False(File.Exists(app.PathOf("local.settings.json")));
    }

    private JsonArray Metadata() => JsonNode.Parse(File.ReadAllText(app.PathOf("functions.metadata")))!.AsArray();

    private JsonNode Function(string name) =>
        Metadata().SingleOrDefault(f => f!["name"]!.GetValue<string>() == name)
        ?? throw new Xunit.Sdk.XunitException($"functions.metadata has no function named {name}.");

    private string TriggerOf(string name)
    {
        var trigger = Function(name)["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));
        return trigger!["type"]!.GetValue<string>();
    }
}
