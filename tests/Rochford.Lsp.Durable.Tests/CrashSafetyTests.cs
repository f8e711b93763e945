// Crash safety: a scenario is run once without faults, then once for every storage call it makes with a
// simulated crash at that call (before the request is sent, or after it was applied and the reply lost).
// After each crash a new "host" takes over, ticks, and the caller retries the step with the same ids.
// The end result must be exactly the uninterrupted run's: same history, every effect delivered, no timer lost.
// Between steps the timer trigger ticks, as it does every minute in Azure.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Testing;
using Xunit.Abstractions;

namespace Rochford.Lsp.Durable.Tests;

public sealed class CrashSafetyTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private sealed record Outcome(List<string> History, string States, HashSet<string> DeliveredIds, List<string> OutboxStates, DateTimeOffset? NextDue, Dictionary<string, string> EffectById);

    private static readonly Func<DurableRuntime<CounterState>, SimulatedClock, CancellationToken, Task>[] Steps =
    [
        (r, _, ct) => r.StartAsync("ROC4", """{"intervalMinutes":60,"maxWakes":2}""", ct),
        (r, _, ct) => r.StartAsync("ROC7", """{"maxWakes":0}""", ct),
        (r, _, ct) => r.RaiseEventAsync("ROC4", "Add", "e1", JsonSerializer.Serialize(new Amount(100)), ct),
        (r, _, ct) => r.RaiseEventAsync("ROC4", "Ping", "e2", "{}", ct),
        (r, c, ct) => { AdvanceTo(c, RuntimeHarness.Start.AddMinutes(61)); return TickFullyAsync(r, ct); },
        (r, _, ct) => r.RaiseEventAsync("ROC4", "Transfer", "e3", JsonSerializer.Serialize(new Amount(40, "ROC7")), ct),
        (r, c, ct) => { AdvanceTo(c, RuntimeHarness.Start.AddMinutes(121)); return TickFullyAsync(r, ct); },
    ];

    [Fact]
    public async Task CrashAtAnyStorageCall_BeforeOrAfterSending_RecoversToTheUninterruptedResult()
    {
        var ct = new CancellationTokenSource(TimeSpan.FromMinutes(8)).Token;
        var (baseline, calls) = await RunAsync(failAt: -1, afterSend: false, ct);
        Assert.True(calls > 20, $"the scenario should make many storage calls, made {calls}");
        Assert.Equal(5, baseline.DeliveredIds.Count);

        var runs = 0;
        foreach (var afterSend in new[] { false, true })
        {
            for (var k = 1; k <= calls; k++)
            {
                var (outcome, _) = await RunAsync(k, afterSend, ct);
                var where = $"crash {(afterSend ? "after" : "before")} call {k} of {calls}";
                Assert.True(baseline.History.SequenceEqual(outcome.History), $"{where}: history differs\n{string.Join("\n", outcome.History)}\noutbox: {string.Join(",", outcome.OutboxStates)} delivered: {string.Join(",", outcome.DeliveredIds)} next due {outcome.NextDue}");
                Assert.True(baseline.States == outcome.States, $"{where}: state differs");
                Assert.True(baseline.DeliveredIds.SetEquals(outcome.DeliveredIds), $"{where}: delivered {string.Join(",", outcome.DeliveredIds)}");
                Assert.True(outcome.OutboxStates.All(s => s == "Done"), $"{where}: outbox {string.Join(",", outcome.OutboxStates)}");
                Assert.True(baseline.NextDue == outcome.NextDue, $"{where}: next due {outcome.NextDue}");
                foreach (var (id, effect) in outcome.EffectById)
                    Assert.True(baseline.EffectById[id] == effect, $"{where}: outbox id {id} carried a different effect");
                runs++;
            }
        }
        output.WriteLine($"{runs} crash runs over {calls} storage calls each recovered to the uninterrupted result.");
    }

    private async Task<(Outcome Outcome, int Calls)> RunAsync(int failAt, bool afterSend, CancellationToken ct)
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        h.Faults.FailAt(failAt, afterSend);
        var runtime = h.NewRuntime();
        var effects = new Dictionary<string, string>();
        foreach (var step in Steps)
        {
            for (var attempt = 0; ; attempt++)
            {
                Assert.True(attempt < 5, "a step kept failing after recovery");
                try
                {
                    await step(runtime, h.Clock, ct);
                    // As in production, the timer trigger ticks soon after (at the same simulated minute).
                    await TickFullyAsync(runtime, ct);
                    break;
                }
                catch (SimulatedCrashException)
                {
                    // The host died. A new one starts with an empty cache, its timer trigger ticks, and the caller retries.
                    runtime = h.NewRuntime();
                    await TickFullyAsync(runtime, ct);
                }
            }
        }
        var calls = h.Faults.Calls;
        h.Faults.Disarm();
        runtime = h.NewRuntime();
        await TickFullyAsync(runtime, ct);

        var history = new List<string>();
        var states = new List<string>();
        var outboxStates = new List<string>();
        foreach (var id in new[] { "ROC4", "ROC7" })
        {
            history.AddRange((await runtime.GetHistoryAsync(id, ct)).Select(e => $"{e.InstanceId} {e.Sequence}.{e.Index} {e.At:O} {e.InputId} {e.Type}: {e.Explanation}"));
            var snap = await runtime.GetInstanceAsync(id, ct);
            states.Add(JsonSerializer.Serialize(snap!.State) + snap.Status + snap.NextWakeUp);
            outboxStates.AddRange((await runtime.GetOutboxAsync(id, ct)).Select(o => o.State.ToString()));
        }
        foreach (var m in h.Dispatcher.Delivered) effects[m.OutboxId] = JsonSerializer.Serialize((object)m.Effect);
        foreach (var o in (await runtime.GetOutboxAsync("ROC4", ct)).Where(o => o.Effect is Effect.RaiseEvent))
            effects[o.OutboxId] = JsonSerializer.Serialize((object)o.Effect);
        var outcome = new Outcome(history, string.Join("|", states), [.. effects.Keys], outboxStates, await runtime.NextDueAsync(ct), effects);
        return (outcome, calls);
    }

    private static void AdvanceTo(SimulatedClock clock, DateTimeOffset time)
    {
        if (time > clock.GetUtcNow()) clock.AdvanceTo(time);
    }

    /// <summary>Ticks until a tick completes without failures (a tick that crashed part-way is simply run again).</summary>
    private static async Task TickFullyAsync(DurableRuntime<CounterState> runtime, CancellationToken ct)
    {
        for (var i = 0; i < 5; i++)
        {
            var result = await runtime.TickAsync(ct);
            if (result.Failures == 0) return;
        }
        throw new InvalidOperationException("ticks kept failing");
    }
}
