// The app on a simulated clock, as `Clock__SimulatedStart=2010-03-01T09:00:00Z ./run.sh` runs it:
// the Rochford seed is loaded on first start and POST /dev/clock moves time through every due tick.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Web.Tests;

public sealed class SimulatedClockEndpointTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string> Simulated = new() { ["Clock__SimulatedStart"] = "2010-03-01T09:00:00Z" };

    [Fact]
    public async Task FirstStart_LoadsTheSeedAndAdvancingTheClockRunsTheQuarterlyRequests()
    {
        await using var app = await AppProcess.StartAsync(azurite.Server, Simulated);

        var clock = await app.Http.GetFromJsonAsync<JsonElement>("dev/clock");
        var before = await app.Http.GetFromJsonAsync<JsonElement[]>("dev/instances.json");
        using var moved = await app.Http.PostAsJsonAsync("dev/clock", new { advanceTo = "2010-03-18T09:00:00Z" });
        var after = await app.Http.GetFromJsonAsync<JsonElement[]>("dev/instances.json");
        var mail = await app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json");
        var history = await app.Http.GetFromJsonAsync<JsonElement[]>("dev/instances/ROC4/history.json");

        Assert.Equal(DateTimeOffset.Parse("2010-03-01T09:00:00Z"), clock.GetProperty("now").GetDateTimeOffset());
        Assert.Contains(before!, i => i.GetProperty("instanceId").GetString() == "ROC4");
        Assert.True(before!.Length >= 8, $"expected the seeded projects, got {before.Length}");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(DateTimeOffset.Parse("2010-03-18T09:00:00Z"), (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset());
        Assert.Equal(before.Length, mail!.Count(m => m.GetProperty("template").GetString() == "QuarterlyRequest"));
        Assert.All(after!, i => Assert.Contains("Jan - Mar 2010", i.GetProperty("status").GetString()));
        Assert.Equal(["MonitoringStarted", "ReportRequested"], history!.Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task BadClockMoves_AreRefusedWithAReasonAndChangeNothing()
    {
        await using var app = await AppProcess.StartAsync(azurite.Server, Simulated);

        using var backwards = await app.Http.PostAsJsonAsync("dev/clock", new { advanceTo = "2009-01-01T00:00:00Z" });
        using var both = await app.Http.PostAsJsonAsync("dev/clock", new { advanceTo = "2010-06-01T00:00:00Z", advanceBy = "P1D" });
        using var badDuration = await app.Http.PostAsJsonAsync("dev/clock", new { advanceBy = "thirty days" });
        using var notJson = await app.Http.PostAsync("dev/clock", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));
        var clock = await app.Http.GetFromJsonAsync<JsonElement>("dev/clock");

        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("only moves forward", await backwards.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Contains("exactly one of", await both.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badDuration.StatusCode);
        Assert.Contains("ISO 8601 duration", await badDuration.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(DateTimeOffset.Parse("2010-03-01T09:00:00Z"), clock.GetProperty("now").GetDateTimeOffset());
    }

    [Fact]
    public async Task WithoutSimulatedClock_TheClockEndpointsDoNotExist()
    {
        await using var app = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string>());

        using var get = await app.Http.GetAsync("dev/clock");
        using var post = await app.Http.PostAsJsonAsync("dev/clock", new { advanceBy = "P30D" });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"got {post.StatusCode}");
    }

    [Fact]
    public async Task TheCustomHandlersTickEndpoint_IsGone_TheDigestRunsOnTheLocalTimerAndTheTimerFunction()
    {
        await using var app = await AppProcess.StartAsync(azurite.Server, Simulated);

        using var response = await app.Http.PostAsync("tick", new StringContent("""{"Data":{},"Metadata":{}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
        using var devTick = await app.Http.PostAsync("dev/tick", null);
        Assert.Equal(HttpStatusCode.OK, devTick.StatusCode);
        Assert.Contains("due", (await devTick.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("done")[0].GetString());
    }
}
