using System.Diagnostics;
using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Benchmarks;

/// <summary>Single-entity inserts and 2-operation transactions per second against Azurite.</summary>
internal static class TableBenchmarks
{
    public static async Task RunAsync()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var table = await azurite.CreateTableAsync("bench");

        // Warm up the connection pool and JIT.
        for (var i = 0; i < 200; i++) await table.AddEntityAsync(new TableEntity("warm", $"w{i}") { ["V"] = i });

        foreach (var concurrency in new[] { 1, 8 })
        {
            var inserts = await MeasureAsync(2000, concurrency, (worker, i) =>
                table.AddEntityAsync(new TableEntity($"insert{concurrency}-{worker}", $"r{i:D6}") { ["Rag"] = "Green", ["Pence"] = 125_000L }));
            Report($"single-entity insert, {concurrency} caller(s)", inserts);

            var batches = await MeasureAsync(2000, concurrency, (worker, i) => table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"batch{concurrency}-{worker}", "state") { ["Seq"] = i }),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"batch{concurrency}-{worker}", $"h{i:D6}") { ["Type"] = "ReportSubmitted" }),
            ]));
            Report($"2-operation transaction, {concurrency} caller(s)", batches);
        }
    }

    /// <summary>Runs <paramref name="total"/> operations split over <paramref name="concurrency"/> workers; returns per-op latencies and wall time.</summary>
    internal static async Task<(TimeSpan Wall, double[] LatenciesMs)> MeasureAsync(int total, int concurrency, Func<int, int, Task> operation)
    {
        var latencies = new double[total];
        var per = total / concurrency;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < per; i++)
            {
                var sw = Stopwatch.StartNew();
                await operation(worker, i);
                latencies[worker * per + i] = sw.Elapsed.TotalMilliseconds;
            }
        })));
        wall.Stop();
        return (wall.Elapsed, latencies[..(per * concurrency)]);
    }

    internal static void Report(string what, (TimeSpan Wall, double[] LatenciesMs) result)
    {
        var sorted = result.LatenciesMs.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"{what,-40} {sorted.Length / result.Wall.TotalSeconds,8:F0}/s   p50 {P(0.5),6:F2} ms   p99 {P(0.99),6:F2} ms   ({sorted.Length} ops in {result.Wall.TotalSeconds:F2} s)");
    }
}
