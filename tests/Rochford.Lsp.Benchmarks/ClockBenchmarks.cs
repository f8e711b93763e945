// The simulated clock: POST /dev/clock through one quarter, then the next, for the seeded Rochford projects (the app
// raises every due wake-up in time order and answers when all were handled); and ./simulate.sh's whole 2009-10 year.
// Run: ./bench.sh clock. Prints figures; it is not a timed test.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Benchmarks;

/// <summary>One quarter of the seeded projects on the clock (goal &lt; 10 s); the year's simulation (goal &lt; 30 s).</summary>
internal static class ClockBenchmarks
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2010-03-01T09:00:00Z", CultureInfo.InvariantCulture);

    public static async Task RunAsync()
    {
        await using (var azurite = await AzuriteServer.StartAllServicesAsync())
        {
            var prefix = AzuriteServer.UniqueTableName("clock");
            await using var app = await AppUnderTest.StartAsync(azurite.ConnectionString, prefix, new Dictionary<string, string>
            {
                ["Clock__SimulatedStart"] = Start.ToString("O"),
            });
            var seeded = RochfordSeed.Partnership.Projects.Count;
            var readModel = new ReadModel(azurite.ConnectionString, prefix);
            await Figures.UntilAsync(async () => await readModel.ProjectCountAsync() >= seeded, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2),
                $"the {seeded} seeded projects to start");
            var from = Start;
            foreach (var to in new[] { Start.AddMonths(3), Start.AddMonths(6) })
            {
                var clock = Stopwatch.StartNew();
                using var answer = JsonDocument.Parse(await LeadsScenario.MoveClockAsync(app, to));
                var took = clock.Elapsed;
                var wakeUps = answer.RootElement.GetProperty("wakeUps").GetInt32();
                var ticks = answer.RootElement.GetProperty("ticks").GetInt32();
                Figures.Line($"POST /dev/clock {from:yyyy-MM-dd} -> {to:yyyy-MM-dd}, {seeded} seeded projects ({ticks} due times, {wakeUps} wake-ups)",
                    Figures.Seconds(took), "< 10 s", took < TimeSpan.FromSeconds(10));
                from = to;
            }
        }
        await SimulateYearAsync();
    }

    /// <summary>Runs the built simulation (what ./simulate.sh runs after building) with its defaults: the 2009-10 year.</summary>
    private static async Task SimulateYearAsync()
    {
        var dll = Path.Combine(AzuriteServer.RepositoryRoot(), "tools", "Rochford.Lsp.Simulation", "bin", "Release", "net10.0", "Rochford.Lsp.Simulation.dll");
        const string what = "./simulate.sh, the whole 2009-10 year (run only, build excluded)";
        if (!File.Exists(dll))
        {
            Figures.Line(what, "not measured: the simulation is not built (./bench.sh builds it)", "< 30 s");
            return;
        }
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        // As ./simulate.sh sets it: the in-memory engine pauses 500 ms whenever it runs one task per core (measured: 52.6 s
        // for the year without it, 10.6 s with it).
        start.Environment["DOTNET_PROCESSOR_COUNT"] = Environment.GetEnvironmentVariable("DOTNET_PROCESSOR_COUNT") ?? "16";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var took = clock.Elapsed;
        await stdout;
        if (process.ExitCode != 0)
        {
            Figures.Line(what, $"failed with exit code {process.ExitCode} after {Figures.Seconds(took)}: {(await stderr).Trim().Split('\n').LastOrDefault()}", "< 30 s", false);
            return;
        }
        Figures.Line(what, Figures.Seconds(took), "< 30 s", took < TimeSpan.FromSeconds(30));
    }
}
