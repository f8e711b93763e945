using System.Diagnostics;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Benchmarks;

/// <summary>Runtime transitions/s against raw 2-operation transactions in the same run, and tick time with 10,000 instances.</summary>
internal static class RuntimeBenchmarks
{
    public static async Task RunAsync()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var clock = new SimulatedClock(new DateTimeOffset(2010, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var runtime = new DurableRuntime<BenchState>(new BenchOrchestration(),
            new TableClient(azurite.ConnectionString, AzuriteServer.UniqueTableName("wf")),
            new TableClient(azurite.ConnectionString, AzuriteServer.UniqueTableName("ix")),
            new NullDispatcher(), clock);
        await runtime.InitializeAsync();
        var raw = await azurite.CreateTableAsync("raw");

        const int Instances = 8;
        for (var i = 0; i < Instances; i++) await runtime.StartAsync($"P{i}", "{}");
        for (var i = 0; i < 200; i++) await runtime.RaiseEventAsync("P0", "Note", $"warm{i}", "{}");

        foreach (var concurrency in new[] { 1, 8 })
        {
            var rawResult = await TableBenchmarks.MeasureAsync(2000, concurrency, (worker, i) => raw.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"c{concurrency}w{worker}", "state") { ["Seq"] = i }),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"c{concurrency}w{worker}", $"h{i:D6}") { ["Type"] = "Noted" }),
            ]));
            TableBenchmarks.Report($"raw 2-op transaction, {concurrency} caller(s)", rawResult);

            var quiet = await TableBenchmarks.MeasureAsync(2000, concurrency, (worker, i) =>
                runtime.RaiseEventAsync($"P{worker % Instances}", "Note", $"q{concurrency}-{worker}-{i}", "{}"));
            TableBenchmarks.Report($"runtime transition (history only), {concurrency}", quiet);

            var withEmail = await TableBenchmarks.MeasureAsync(1000, concurrency, (worker, i) =>
                runtime.RaiseEventAsync($"P{worker % Instances}", "Mail", $"m{concurrency}-{worker}-{i}", "{}"));
            TableBenchmarks.Report($"runtime transition (+email via outbox), {concurrency}", withEmail);

            double Rate((TimeSpan Wall, double[] L) r) => r.L.Length / r.Wall.TotalSeconds;
            Console.WriteLine($"  ratio runtime/raw at {concurrency} caller(s): history-only {Rate(quiet) / Rate(rawResult):F2}x, with email {Rate(withEmail) / Rate(rawResult):F2}x (goal >= 0.8x)");
        }

        // Tick time: 10,000 instances, 100 of them due.
        var start = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await runtime.StartAsync($"T{i:D5}", i % 100 == 0 ? """{"wakeInMinutes":5}""" : """{"wakeInMinutes":100000}""", ct));
        Console.WriteLine($"created 10,000 instances in {start.Elapsed.TotalSeconds:F1} s");
        clock.AdvanceTo(clock.GetUtcNow().AddMinutes(10));
        var emptyTick = Stopwatch.StartNew();
        var tick = Stopwatch.StartNew();
        var result = await runtime.TickAsync();
        tick.Stop();
        emptyTick.Restart();
        var second = await runtime.TickAsync();
        emptyTick.Stop();
        Console.WriteLine($"tick with 10,000 instances, {result.DueRows} due: {tick.Elapsed.TotalMilliseconds:F0} ms ({result.WakeUpsDelivered} wake-ups delivered; goal < 1 s)");
        Console.WriteLine($"tick with nothing due: {emptyTick.Elapsed.TotalMilliseconds:F1} ms ({second.DueRows} due)");
    }

    private sealed record BenchState(string Id, int Notes, DateTimeOffset? Wake);

    private sealed class BenchOrchestration : IOrchestration<BenchState>
    {
        public string Name => "Bench";
        public int StateVersion => 1;

        public Decision<BenchState> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now)
        {
            var minutes = System.Text.Json.JsonDocument.Parse(input.PayloadJson).RootElement.TryGetProperty("wakeInMinutes", out var m) ? m.GetInt32() : 0;
            var state = new BenchState(instanceId, 0, minutes > 0 ? now.AddMinutes(minutes) : null);
            return new(state, [new HistoryEvent("Started", "Started.", "{}")], [], state.Wake, "Started");
        }

        public Decision<BenchState> Decide(BenchState state, OrchestrationInput input, DateTimeOffset now) => input switch
        {
            OrchestrationInput.EventRaised { Name: "Note" } => new(state with { Notes = state.Notes + 1 }, [new HistoryEvent("Noted", "Noted.", "{}")], [], state.Wake, "Running"),
            OrchestrationInput.EventRaised { Name: "Mail" } => new(state with { Notes = state.Notes + 1 }, [new HistoryEvent("Mailed", "Mailed.", "{}")],
                [new Effect.SendEmail("Receipt", ["lead@example.org"], [], "{}")], state.Wake, "Running"),
            OrchestrationInput.WokeUp => new(state with { Wake = null }, [new HistoryEvent("Woke", "Woke.", "{}")], [], null, "Woke"),
            _ => throw new InputRefusedException("Unknown input."),
        };

        public BenchState Migrate(int storedVersion, string json) => throw new NotSupportedException();
    }

    private sealed class NullDispatcher : IEffectDispatcher
    {
        public Task<DispatchOutcome> DispatchAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.FromResult(DispatchOutcome.Done);
    }
}
