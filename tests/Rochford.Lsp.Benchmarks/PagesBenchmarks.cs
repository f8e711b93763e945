// The app's pages: process start to its first 200s (the home page and /api/health), and the lead's "Submit report"
// POST with 50 leads at once, which raises the input on the engine and answers without waiting for it.
// Run: ./bench.sh pages. Prints figures; it is not a timed test.

using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Benchmarks;

/// <summary>Start-up (goal &lt; 1 s to the first page) and the lead's POST with 50 leads (goal p99 &lt; 50 ms).</summary>
internal static class PagesBenchmarks
{
    private const int StartupRounds = 3;
    private const int Leads = 50;
    private const int RoundsPerLead = 6;

    public static async Task RunAsync()
    {
        await using var azurite = await AzuriteServer.StartAllServicesAsync();
        await StartupAsync(azurite);
        await LeadPostsAsync(azurite);
    }

    /// <summary>
    /// A first start on empty storage (creates the engine's hub and the tables, starts the seed's projects), then a restart
    /// on the same storage after a graceful stop; three rounds on fresh tables, since one start on a busy 2-core machine varies.
    /// </summary>
    private static async Task StartupAsync(AzuriteServer azurite)
    {
        var page = new Dictionary<string, List<double>> { ["first start"] = [], ["restart"] = [] };
        var health = new Dictionary<string, List<double>> { ["first start"] = [], ["restart"] = [] };
        for (var round = 0; round < StartupRounds; round++)
        {
            var prefix = AzuriteServer.UniqueTableName("boot");
            foreach (var kind in page.Keys)
            {
                await using var app = await AppUnderTest.StartAsync(azurite.ConnectionString, prefix, new Dictionary<string, string>());
                page[kind].Add(app.StartToFirstPage.TotalMilliseconds);
                health[kind].Add(app.StartToHealth.TotalMilliseconds);
                await app.StopAsync();
            }
        }
        foreach (var (kind, what) in new[] { ("first start", "first start, empty storage, seed loaded"), ("restart", "restart on the same storage") })
        {
            var median = Figures.Percentile(page[kind], 0.5);
            Figures.Line($"process start -> GET / 200 ({what})",
                $"median {Figures.Ms(median)} ({string.Join(", ", page[kind].Select(Figures.Ms))})", "< 1,000 ms", median < 1000);
            Figures.Line($"process start -> GET /api/health 200 ({what})",
                $"median {Figures.Ms(Figures.Percentile(health[kind], 0.5))} ({string.Join(", ", health[kind].Select(Figures.Ms))})");
        }
    }

    /// <summary>
    /// The lead's pages with the engine's backlog drained before each phase, so each phase's figure is its own: every POST
    /// raises an input, which the engine in the same process then handles, and a GET of the form first waits (a few seconds
    /// at most) until the project has recorded what was raised on it.
    /// </summary>
    private static async Task LeadPostsAsync(AzuriteServer azurite)
    {
        await using var scenario = await LeadsScenario.StartAsync(azurite, Leads);
        var leads = scenario.Leads;
        var posted = 0;
        async Task Submit(LeadBrowser lead)
        {
            await lead.SubmitAsync();
            Interlocked.Increment(ref posted);
        }
        Task<TimeSpan> Drained() => ReceiptsSentAsync(scenario.ReadModel, posted);

        await Task.WhenAll(leads.Select(Submit)); // warm-up: JIT, connection pools
        await Drained();

        var form = await Figures.MeasureAsync(30, 1, (_, _) => leads[0].OpenFormAsync());
        Figures.Line("GET report form, 1 lead at a time", Figures.Latencies(form.LatenciesMs));
        var forms = await Figures.MeasureAsync(Leads * 4, Leads, (worker, _) => leads[worker].OpenFormAsync());
        Figures.Line($"GET report form, {Leads} leads at once", Figures.Latencies(forms.LatenciesMs));
        var one = await Figures.MeasureAsync(30, 1, (_, _) => Submit(leads[0]));
        Figures.Line("lead's POST (Submit report), 1 lead at a time", Figures.Latencies(one.LatenciesMs));
        await Drained();

        var burst = await Figures.MeasureAsync(Leads, Leads, (worker, _) => Submit(leads[worker]));
        Figures.Line($"lead's POST, a burst of {Leads} at the same moment", Figures.Latencies(burst.LatenciesMs));
        Figures.Line($"engine: every receipt of the burst Sent in the email log", $"{Figures.Seconds(await Drained())} after the last POST answered");

        var loop = await Figures.MeasureAsync(Leads * RoundsPerLead, Leads, (worker, _) => Submit(leads[worker]));
        var p99 = Figures.Percentile(loop.LatenciesMs, 0.99);
        Figures.Line($"lead's POST, {Leads} concurrent leads x {RoundsPerLead} submissions each ({loop.LatenciesMs.Length / loop.Wall.TotalSeconds:F0}/s)",
            Figures.Latencies(loop.LatenciesMs), "p99 < 50 ms", p99 < 50);
        Figures.Line($"engine: every receipt of those {loop.LatenciesMs.Length} submissions Sent in the email log", $"{Figures.Seconds(await Drained())} after the last POST answered");
    }

    /// <summary>Waits until <paramref name="expected"/> submission receipts are marked Sent in the email log.</summary>
    private static Task<TimeSpan> ReceiptsSentAsync(ReadModel readModel, int expected) =>
        Figures.UntilAsync(async () => await readModel.EmailCountAsync(EmailTemplates.SubmissionReceipt, EmailLogState.Sent) >= expected,
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), $"{expected} submission receipts");
}
