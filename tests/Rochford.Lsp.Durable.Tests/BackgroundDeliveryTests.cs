// EffectDelivery.Background: the caller gets its answer once the transition commits, the delivery loop sends the
// effects a moment later, the tick and the loop never send one row twice in a host, and a failed send is not lost.
// Run: dotnet test tests/Rochford.Lsp.Durable.Tests --filter BackgroundDelivery

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Durable.Tests;

public sealed class BackgroundDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Add(long v) => JsonSerializer.Serialize(new Amount(v));

    /// <summary>Polls until <paramref name="done"/> holds (the loop works on its own time), failing after 20 s.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> done, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await done()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting for {what}.");
    }

    private static async Task<int> OutboxDueRowsAsync(RuntimeHarness h, CancellationToken ct)
    {
        var count = 0;
        await foreach (var e in h.RawTable(h.IndexTable).QueryAsync("Kind eq 'Outbox'", cancellationToken: ct)) count++;
        return count;
    }

    [Fact]
    public async Task Background_TheCallReturnsBeforeTheEmailIsSent_ThenTheLoopSendsIt()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC1", """{"maxWakes":0}""", ct);
        using var provider = new ManualResetEventSlim(false);
        h.Dispatcher.Override = _ => { provider.Wait(ct); return null; };   // a slow email provider
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loop = runtime.RunDeliveryLoopAsync(2, stop.Token);

        var result = await runtime.RaiseEventAsync("ROC1", "Add", "report-1", Add(5), ct, EffectDelivery.Background);

        // Answered while the provider is still busy: committed, the email pending, its due row there for the tick.
        Assert.Equal(InputOutcome.Committed, result.Outcome);
        Assert.Empty(h.Dispatcher.Delivered);
        Assert.Equal(OutboxState.Pending, Assert.Single(await runtime.GetOutboxAsync("ROC1", ct)).State);
        Assert.Equal(1, await OutboxDueRowsAsync(h, ct));

        provider.Set();
        await EventuallyAsync(async () => (await runtime.GetOutboxAsync("ROC1", ct)).Single().State == OutboxState.Done, "the loop to send the receipt");
        Assert.Equal("ROC1/2/0", Assert.Single(h.Dispatcher.Delivered).OutboxId);
        await EventuallyAsync(async () => await OutboxDueRowsAsync(h, ct) == 0, "the outbox due row to be removed");

        await stop.CancelAsync();
        await loop;   // stops quietly
    }

    [Fact]
    public async Task Background_WithNoLoopInThisHost_IsSentBeforeTheCallReturns()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC2", """{"maxWakes":0}""", ct);

        await runtime.RaiseEventAsync("ROC2", "Add", "report-1", Add(5), ct, EffectDelivery.Background);

        Assert.Equal("ROC2/2/0", Assert.Single(h.Dispatcher.Delivered).OutboxId);
        Assert.Equal(OutboxState.Done, Assert.Single(await runtime.GetOutboxAsync("ROC2", ct)).State);
        Assert.Equal(0, await OutboxDueRowsAsync(h, ct));
    }

    [Fact]
    public async Task Background_LoopAndTickRacingOverTheSameRows_SendEachEmailOnce()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        var ids = Enumerable.Range(1, 30).Select(i => $"RACE{i:D2}").ToArray();
        foreach (var id in ids) await runtime.StartAsync(id, """{"maxWakes":0}""", ct);
        // A provider slow enough that the tick finds the outbox due rows while the loop is still sending.
        h.Dispatcher.Override = _ => { Thread.Sleep(20); return null; };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loop = runtime.RunDeliveryLoopAsync(4, stop.Token);
        var raising = Task.WhenAll(ids.Select(id => runtime.RaiseEventAsync(id, "Add", "report-1", Add(1), ct, EffectDelivery.Background)));
        var ticks = 0;
        while (!raising.IsCompleted || h.Dispatcher.Delivered.Count < ids.Length)
        {
            await runtime.TickAsync(ct);
            ticks++;
            Assert.True(ticks < 2000, "The emails were never all sent.");
        }
        await raising;
        await stop.CancelAsync();
        await loop;
        await runtime.TickAsync(ct);

        var sent = h.Dispatcher.Delivered.Select(m => m.OutboxId).ToList();
        Assert.Equal(ids.Select(id => $"{id}/2/0").Order(), sent.Order());
        Assert.Equal(0, await OutboxDueRowsAsync(h, ct));
    }

    [Fact]
    public async Task Background_ASendThatFailsInTheLoop_IsRetriedByTheTick_NotLost()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC4", """{"maxWakes":0}""", ct);
        var failures = 0;
        h.Dispatcher.Override = _ => Interlocked.Increment(ref failures) == 1 ? throw new HttpRequestException("SendGrid unreachable") : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loop = runtime.RunDeliveryLoopAsync(1, stop.Token);

        await runtime.RaiseEventAsync("ROC4", "Add", "report-1", Add(5), ct, EffectDelivery.Background);
        await EventuallyAsync(async () => (await runtime.GetOutboxAsync("ROC4", ct)).Single().LastError is not null, "the loop's failed attempt");
        var pending = Assert.Single(await runtime.GetOutboxAsync("ROC4", ct));
        Assert.Equal((OutboxState.Pending, "SendGrid unreachable"), (pending.State, pending.LastError));
        Assert.Empty(h.Dispatcher.Delivered);

        h.Clock.AdvanceTo(h.Clock.GetUtcNow().AddHours(1));
        await runtime.TickAsync(ct);

        Assert.Equal("ROC4/2/0", Assert.Single(h.Dispatcher.Delivered).OutboxId);
        Assert.Equal(OutboxState.Done, Assert.Single(await runtime.GetOutboxAsync("ROC4", ct)).State);
        await stop.CancelAsync();
        await loop;
    }
}
