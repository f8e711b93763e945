// Azurite's own speed through Azure.Data.Tables, the client the read model and the engine's storage provider use: the
// floor under every workflow figure. Run: ./bench.sh tables. Prints figures; it is not a timed test.

using Azure.Data.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Benchmarks;

/// <summary>Single-entity inserts and 2-operation entity-group transactions, 1 and 8 callers.</summary>
internal static class TableBenchmarks
{
    private const int Operations = 800;

    public static async Task RunAsync()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var table = new TableClient(azurite.ConnectionString, AzuriteServer.UniqueTableName("bench"));
        await table.CreateIfNotExistsAsync();
        for (var i = 0; i < 200; i++) await table.AddEntityAsync(new TableEntity("warm", $"w{i}") { ["V"] = i }); // JIT, connection pool

        foreach (var callers in new[] { 1, 8 })
        {
            var inserts = await Figures.MeasureAsync(Operations, callers, (worker, i) =>
                table.AddEntityAsync(new TableEntity($"insert{callers}-{worker}", $"r{i:D6}") { ["Rag"] = "Green", ["Pence"] = 125_000L }));
            Figures.Line($"single-entity insert, {callers} caller(s) ({inserts.LatenciesMs.Length / inserts.Wall.TotalSeconds:F0}/s)", Figures.Latencies(inserts.LatenciesMs));
            var batches = await Figures.MeasureAsync(Operations, callers, (worker, i) => table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"batch{callers}-{worker}", "state") { ["Seq"] = i }),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"batch{callers}-{worker}", $"h{i:D6}") { ["Type"] = "ReportSubmitted" }),
            ]));
            Figures.Line($"2-operation transaction, {callers} caller(s) ({batches.LatenciesMs.Length / batches.Wall.TotalSeconds:F0}/s)", Figures.Latencies(batches.LatenciesMs));
        }
    }
}
