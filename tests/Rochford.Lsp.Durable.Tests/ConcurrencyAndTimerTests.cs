// Concurrency and durable-timer guarantees of the runtime, against a real Azurite.
// Two runtime objects over the same tables stand for two hosts: separate caches and locks.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Durable.Tests;

public sealed class ConcurrencyAndTimerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Add(long v) => JsonSerializer.Serialize(new Amount(v));

    [Fact]
    public async Task FiftyParallelRaisingsOfOneEventId_OnTwoHosts_AreOneTransition()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var hosts = new[] { h.NewRuntime(), h.NewRuntime() };
        var ct = AzuriteFixture.Timeout();
        await hosts[0].StartAsync("ROC1", """{"maxWakes":0}""", ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => hosts[i % 2].RaiseEventAsync("ROC1", "Add", "double-click", Add(5), ct))));

        Assert.Single(results, r => r.Outcome == InputOutcome.Committed);
        Assert.Equal(49, results.Count(r => r.Outcome == InputOutcome.Duplicate));
        var snapshot = await h.NewRuntime().GetInstanceAsync("ROC1", ct);
        Assert.Equal((5L, 2L), (snapshot!.State.Count, snapshot.Sequence));
        Assert.Single(h.Dispatcher.Delivered);
    }

    [Fact]
    public async Task FiftyDifferentEvents_OnTwoHosts_AreFiftyTransitionsNoneLost()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var hosts = new[] { h.NewRuntime(), h.NewRuntime() };
        var ct = AzuriteFixture.Timeout();
        await hosts[0].StartAsync("ROC2", """{"maxWakes":0}""", ct);

        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Task.Run(() => hosts[i % 2].RaiseEventAsync("ROC2", "Add", $"event-{i}", Add(i), ct))));

        Assert.All(results, r => Assert.Equal(InputOutcome.Committed, r.Outcome));
        var snapshot = await h.NewRuntime().GetInstanceAsync("ROC2", ct);
        Assert.Equal(Enumerable.Range(1, 50).Sum(), snapshot!.State.Count);
        Assert.Equal(51, snapshot.Sequence);
        var history = await hosts[0].GetHistoryAsync("ROC2", ct);
        Assert.Equal(Enumerable.Range(1, 51).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"event-{i}").Order(), history.Skip(1).Select(e => e.InputId).Order());
        Assert.Equal(50, h.Dispatcher.Delivered.Select(m => m.OutboxId).Distinct().Count());
    }

    [Fact]
    public async Task TwoTickLoopsOver200DueInstances_HandleEachWakeUpOnce()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var setup = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, c) => await setup.StartAsync($"P{i:D3}", """{"intervalMinutes":10,"maxWakes":1}""", c));
        h.Clock.AdvanceTo(RuntimeHarness.Start.AddMinutes(11));

        var hostA = h.NewRuntime();
        var hostB = h.NewRuntime();
        var ticks = await Task.WhenAll(
            Task.Run(async () => { var r = new List<TickResult>(); for (var i = 0; i < 3; i++) r.Add(await hostA.TickAsync(ct)); return r; }),
            Task.Run(async () => { var r = new List<TickResult>(); for (var i = 0; i < 3; i++) r.Add(await hostB.TickAsync(ct)); return r; }));

        Assert.Equal(200, ticks.SelectMany(t => t).Sum(t => t.WakeUpsDelivered));
        Assert.All(ticks.SelectMany(t => t), t => Assert.Equal(0, t.Failures));
        var wokeTwice = new List<string>();
        foreach (var i in Enumerable.Range(0, 200))
        {
            var woke = (await setup.GetHistoryAsync($"P{i:D3}", ct)).Count(e => e.Type == "Woke");
            if (woke != 1) wokeTwice.Add($"P{i:D3}:{woke}");
        }
        Assert.Empty(wokeTwice);
        Assert.Equal(200, h.Dispatcher.Delivered.Count(m => ((Effect.SendEmail)m.Effect).Template == "Reminder"));
    }

    [Fact]
    public async Task ThousandInstancesWithAssortedWakeUps_ClockInRandomSteps_EachFiresOnceInOrder()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token;
        var random = new Random(20100531);
        var plans = Enumerable.Range(0, 1000).Select(i => (Id: $"I{i:D4}", Interval: random.Next(1, 600), Wakes: random.Next(0, 4))).ToList();
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (p, c) => await runtime.StartAsync(p.Id, JsonSerializer.Serialize(new CounterStart(p.Interval, p.Wakes)), c));

        // Advance in random steps (1 minute to 5 hours) for three days, ticking once per step: wake-ups are late, never lost.
        var end = RuntimeHarness.Start.AddDays(3);
        while (h.Clock.GetUtcNow() < end)
        {
            h.Clock.AdvanceTo(h.Clock.GetUtcNow().AddMinutes(random.Next(1, 300)));
            await runtime.TickAsync(ct);
        }

        var wrong = new List<string>();
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (p, c) =>
        {
            var state = (await runtime.GetInstanceAsync(p.Id, c))!.State;
            var expected = Enumerable.Range(1, p.Wakes).Select(k => RuntimeHarness.Start.AddMinutes(p.Interval * k)).ToList();
            if (!state.WokeAt.SequenceEqual(expected)) lock (wrong) wrong.Add($"{p.Id}: woke {state.WokeAt.Count}, expected {expected.Count}");
        });
        Assert.Empty(wrong);
        Assert.Equal(plans.Sum(p => p.Wakes), h.Dispatcher.Delivered.Count(m => ((Effect.SendEmail)m.Effect).Template == "Reminder"));
        Assert.Null(await runtime.NextDueAsync(ct));
    }

    [Fact]
    public async Task EarlyOrRepeatedTicks_DoNothing()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC3", """{"intervalMinutes":60,"maxWakes":2}""", ct);

        var early = await runtime.TickAsync(ct);
        h.Clock.AdvanceTo(RuntimeHarness.Start.AddMinutes(61));
        var onTime = await runtime.TickAsync(ct);
        var repeat = await runtime.TickAsync(ct);

        Assert.Equal(0, early.DueRows);
        Assert.Equal(1, onTime.WakeUpsDelivered);
        Assert.Equal(0, repeat.WakeUpsDelivered);
        Assert.Equal(RuntimeHarness.Start.AddMinutes(120), (await runtime.GetInstanceAsync("ROC3", ct))!.NextWakeUp);
    }
}
