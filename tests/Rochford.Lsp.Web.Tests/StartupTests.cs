// The app listens first and starts its workflow engine, tables and seed just after: the home page answers at once,
// /api/health says "starting" until the rest is up, and a page that needs the workflow waits for it rather than failing.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Web.Tests;

public sealed class StartupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task HomePageAnswersWhileTheEngineStarts_HealthSaysStarting_AndAWorkflowPageWaitsForTheStart()
    {
        // Blob and queue storage hold every request until released, so the engine's task hub, and the seed after it,
        // cannot finish before the test has looked: "starting" is a state held here, not a race against the machine's speed.
        await using var storage = new HeldStorage(azurite.Server.ConnectionString, "Blob", "Queue");
        await using var app = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" },
            untilHealthy: false, connectionString: storage.ConnectionString);

        // The home page has answered (StartAsync waited for it) with the engine's storage still silent.
        using (var health = await app.Http.GetAsync("api/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("starting", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        // A page that needs the workflow, asked now, waits for the start rather than failing; storage answers meanwhile.
        var waiting = app.Http.GetFromJsonAsync<JsonElement[]>("dev/instances.json");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(waiting.IsCompleted, "dev/instances.json answered before storage could");
        storage.Release();

        // It then answers with the seeded projects on the saved clock.
        var instances = await waiting;
        Assert.Equal(8, instances!.Length);   // ROC1-ROC8, the seed's funded projects
        var clock = await app.Http.GetFromJsonAsync<JsonElement>("dev/clock");
        Assert.Equal(DateTimeOffset.Parse("2010-03-16T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), clock.GetProperty("now").GetDateTimeOffset());

        using var ready = await app.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("running", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workflow").GetString());
    }
}
