// Issue 21: a new quarter opening while a project is Red once made the dashboard, the Red projects' pages and the
// withdrawal decision links answer 500 (a project's quarters were sorted by FinancialQuarter, which could not be compared).
// On fresh storage with no input but the clock: 16 March to 16 June 2010, when ROC4, ROC9 and ROC10 (no report for
// Jan - Mar) are Red past their deadline, their withdrawals are proposed, and the Apr - Jun reports have been requested.
// Run: dotnet test tests/Rochford.Lsp.Web.Tests -c Release --no-build --filter "FullyQualifiedName~NewQuarterWhileRedTests"

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Web.Tests;

public sealed class NewQuarterWhileRedTests : IAsyncLifetime
{
    private AppProcess _app = null!;

    public async Task InitializeAsync()
    {
        _app = await AppProcess.StartAsync(await AzuriteServer.SharedAsync(),
            new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" });
        // Three months of wake-ups for eight projects: more than the app client's minute on a busy machine.
        using var patient = new HttpClient { BaseAddress = _app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        using var moved = await patient.PostAsJsonAsync("dev/clock", new { advanceTo = "2010-06-16T09:00:00Z" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    [Fact]
    public async Task AfterANewQuarterOpensWhileRed_TheDashboardEveryProjectPageAndTheWithdrawalLinks_Answer200()
    {
        using var officer = await StaffAppFixture.SignedInAsync(_app, StaffAppFixture.OfficerA);

        var dashboard = await officer.GetAsync("dashboard");
        Assert.True(dashboard.Status == HttpStatusCode.OK, $"/dashboard answered {(int)dashboard.Status} \"{dashboard.H1}\"");
        var careline = dashboard.Document.QuerySelectorAll("#projects tbody tr").Single(r => r.GetAttribute("data-project") == "ROC4");
        Assert.Contains("Withdrawal to decide", careline.TextContent);

        var projects = (await _app.Http.GetFromJsonAsync<JsonElement[]>("dev/instances.json"))!
            .Select(i => i.GetProperty("instanceId").GetString()!).Where(id => id.StartsWith("ROC", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, projects.Count);
        foreach (var code in projects)
        {
            var page = await officer.GetAsync($"projects/{code}");
            Assert.True(page.Status == HttpStatusCode.OK, $"/projects/{code} answered {(int)page.Status} \"{page.H1}\"");
        }

        // Each withdrawal's decision link, opened by the officer it was sent to.
        var links = (await _app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!
            .Where(m => m.GetProperty("template").GetString() == "ApprovalRequest")
            .SelectMany(m => m.GetProperty("links").EnumerateArray().Select(l => (To: m.GetProperty("to")[0].GetString()!, Link: l)))
            .Where(l => l.Link.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == "DecideWithdrawal")
            .Select(l => (l.To, Path: new Uri(l.Link.GetProperty("url").GetString()!).PathAndQuery.TrimStart('/')))
            .ToList();
        Assert.True(links.Count >= 3, $"Expected withdrawal decision links for ROC4, ROC9 and ROC10, found {links.Count}.");
        using var officerB = await StaffAppFixture.SignedInAsync(_app, StaffAppFixture.OfficerB);
        foreach (var (to, path) in links)
        {
            var page = await (to == StaffAppFixture.OfficerB ? officerB : officer).GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.OK, $"/{path} (to {to}) answered {(int)page.Status} \"{page.H1}\"");
        }
    }
}
