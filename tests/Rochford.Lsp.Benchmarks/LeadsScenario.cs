// The setting the lead benchmarks share: N benchmark projects started on the simulated clock through the app's own
// path, the app started on them (no seed), and the clock moved past the quarterly request, so every lead has a report
// link in the mailbox.

using System.Text;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Benchmarks;

/// <summary>The app with <see cref="Leads"/> leads holding open report forms.</summary>
internal sealed class LeadsScenario : IAsyncDisposable
{
    /// <summary>Monitoring starts here (a Tuesday); the quarterly request for January to March goes the next day.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2010-03-16T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static readonly DateTimeOffset RequestsSent = DateTimeOffset.Parse("2010-03-17T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private LeadsScenario(AppUnderTest app, ReadModel readModel, IReadOnlyList<LeadBrowser> leads)
    {
        App = app;
        ReadModel = readModel;
        Leads = leads;
    }

    public AppUnderTest App { get; }

    public ReadModel ReadModel { get; }

    public IReadOnlyList<LeadBrowser> Leads { get; }

    public static async Task<LeadsScenario> StartAsync(AzuriteServer azurite, int projects)
    {
        var prefix = AzuriteServer.UniqueTableName("bench");
        await BenchProjects.StartAsync(azurite.ConnectionString, prefix, projects, Start);
        var app = await AppUnderTest.StartAsync(azurite.ConnectionString, prefix, new Dictionary<string, string>
        {
            ["Clock__SimulatedStart"] = Start.ToString("O"),
            ["Seed__Rochford"] = "false",
        });
        try
        {
            var readModel = new ReadModel(azurite.ConnectionString, prefix);
            var moved = System.Diagnostics.Stopwatch.StartNew();
            await MoveClockAsync(app, RequestsSent);
            await Figures.UntilAsync(async () => await readModel.EmailCountAsync(EmailTemplates.QuarterlyRequest, EmailLogState.Sent) >= projects,
                TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5), $"{projects} quarterly requests");
            Figures.Progress($"the app sent {projects} quarterly requests {Figures.Seconds(moved.Elapsed)} after the clock was moved");
            var leads = await LeadBrowser.OpenAllAsync(app, [.. Enumerable.Range(0, projects).Select(BenchProjects.Code)]);
            return new LeadsScenario(app, readModel, leads);
        }
        catch
        {
            Console.Error.WriteLine(app.RecentLog);
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>POST /dev/clock {"advanceTo": to}; returns the app's answer.</summary>
    public static async Task<string> MoveClockAsync(AppUnderTest app, DateTimeOffset to)
    {
        using var response = await app.Http.PostAsync("dev/clock", new StringContent($$"""{"advanceTo":"{{to:O}}"}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /dev/clock to {to:u}: {(int)response.StatusCode} {body}");
        return body;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
