// A raised event its target refuses (or whose target does not exist) is fed back to the sender as a
// RaisedEventRefused input, once, so the sender can undo what it assumed; the outbox row is parked, not dropped.
// Run: dotnet test tests/Rochford.Lsp.Durable.Tests --filter RefusalFeedbackTests

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Durable.Tests;

public sealed class RefusalFeedbackTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Add(long v) => JsonSerializer.Serialize(new Amount(v));

    private static string Transfer(long v, string to) => JsonSerializer.Serialize(new Amount(v, to));

    [Fact]
    public async Task RaisedEvent_RefusedByTarget_IsFedBackToTheSenderByTheTick_AndParked()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC4", """{"maxWakes":0}""", ct);
        await runtime.StartAsync("ROC8", """{"maxWakes":0}""", ct);
        await runtime.RaiseEventAsync("ROC4", "Add", "seed", Add(900), ct);
        await runtime.RaiseEventAsync("ROC4", "Add", "seed2", Add(900), ct);

        await runtime.RaiseEventAsync("ROC4", "Transfer", "t1", Transfer(1500, "ROC8"), ct);

        // Right after the commit the sender's lock is held, so it has not been told yet: the row waits for the tick.
        var waiting = Assert.Single(await runtime.GetOutboxAsync("ROC4", ct), r => r.Effect is Effect.RaiseEvent);
        Assert.Equal(OutboxState.Pending, waiting.State);
        Assert.Equal(300, (await runtime.GetInstanceAsync("ROC4", ct))!.State.Count);

        await ClockDriver.AdvanceAsync(runtime, h.Clock, h.Clock.GetUtcNow().AddMinutes(1), cancellationToken: ct);

        var sender = await runtime.GetInstanceAsync("ROC4", ct);
        Assert.Equal(1800, sender!.State.Count);
        var told = (await runtime.GetHistoryAsync("ROC4", ct)).Last();
        Assert.Equal("TransferRefused", told.Type);
        Assert.Equal("ROC8 refused 1500 (The counter accepts at most 1000 at once.); count back to 1800.", told.Explanation);
        Assert.Equal(RaisedEventRefusal.InputIdFor(waiting.OutboxId), told.InputId);
        var refusal = JsonSerializer.Deserialize<RaisedEventRefusal>(told.DataJson)!;
        Assert.Equal((waiting.OutboxId, "ROC8", "Add"), (refusal.OutboxId, refusal.TargetInstanceId, refusal.Name));
        Assert.Equal(1500, JsonSerializer.Deserialize<Amount>(refusal.PayloadJson, OrchestrationJson.Default)!.Value);

        var parked = Assert.Single(await runtime.GetOutboxAsync("ROC4", ct), r => r.Effect is Effect.RaiseEvent);
        Assert.Equal(OutboxState.Parked, parked.State);
        Assert.Equal("ROC8 refused Add: The counter accepts at most 1000 at once. (told ROC4)", parked.LastError);
        Assert.Equal(0, (await runtime.GetInstanceAsync("ROC8", ct))!.State.Count);
        Assert.Null(await runtime.NextDueAsync(ct));
    }

    [Fact]
    public async Task RaisedEvent_ToAMissingInstance_IsFedBackToTheSender()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC4", """{"maxWakes":0}""", ct);
        await runtime.RaiseEventAsync("ROC4", "Add", "seed", Add(50), ct);

        await runtime.RaiseEventAsync("ROC4", "Transfer", "t1", Transfer(20, "ROC99"), ct);
        await ClockDriver.AdvanceAsync(runtime, h.Clock, h.Clock.GetUtcNow().AddMinutes(1), cancellationToken: ct);

        Assert.Equal(50, (await runtime.GetInstanceAsync("ROC4", ct))!.State.Count);
        Assert.Equal("ROC99 refused 20 (There is no workflow instance 'ROC99'.); count back to 50.", (await runtime.GetHistoryAsync("ROC4", ct)).Last().Explanation);
    }

    [Fact]
    public async Task RecordedRefusal_IsNotRetriedOnTheTarget_EvenIfTheTargetWouldNowAccept()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC4", """{"maxWakes":0}""", ct);
        await runtime.RaiseEventAsync("ROC4", "Add", "seed", Add(50), ct);
        await runtime.RaiseEventAsync("ROC4", "Transfer", "t1", Transfer(20, "ROC9"), ct);
        var row = Assert.Single(await runtime.GetOutboxAsync("ROC4", ct), r => r.Effect is Effect.RaiseEvent);
        Assert.Equal((OutboxState.Pending, "ROC9 refused Add: There is no workflow instance 'ROC9'."), (row.State, row.LastError));

        // ROC9 appears before the tick: the refusal stands (the sender is told), so the money is never counted twice.
        await runtime.StartAsync("ROC9", """{"maxWakes":0}""", ct);
        await ClockDriver.AdvanceAsync(runtime, h.Clock, h.Clock.GetUtcNow().AddMinutes(1), cancellationToken: ct);

        Assert.Equal(50, (await runtime.GetInstanceAsync("ROC4", ct))!.State.Count);
        Assert.Equal(0, (await runtime.GetInstanceAsync("ROC9", ct))!.State.Count);
        Assert.Equal(OutboxState.Parked, Assert.Single(await runtime.GetOutboxAsync("ROC4", ct), r => r.Effect is Effect.RaiseEvent).State);
    }

    [Fact]
    public async Task RefusalNotice_DeliveredAgain_IsADuplicate_AndTheTargetIsNotAskedTwice()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC4", """{"maxWakes":0}""", ct);
        await runtime.StartAsync("ROC8", """{"maxWakes":0}""", ct);
        await runtime.RaiseEventAsync("ROC4", "Transfer", "t1", Transfer(5000, "ROC8"), ct);
        await ClockDriver.AdvanceAsync(runtime, h.Clock, h.Clock.GetUtcNow().AddMinutes(1), cancellationToken: ct);
        var row = Assert.Single(await runtime.GetOutboxAsync("ROC4", ct), r => r.Effect is Effect.RaiseEvent);
        var historyBefore = await runtime.GetHistoryAsync("ROC4", ct);

        // As after a crash between telling the sender and parking the row: the notice arrives again.
        var again = await runtime.RaiseEventAsync("ROC4", RaisedEventRefusal.EventName, RaisedEventRefusal.InputIdFor(row.OutboxId),
            JsonSerializer.Serialize(new RaisedEventRefusal(row.OutboxId, "ROC8", "Add", "refused", Add(5000))), ct);
        await runtime.TickAsync(ct);

        Assert.Equal(InputOutcome.Duplicate, again.Outcome);
        Assert.Equal(historyBefore.Count, (await runtime.GetHistoryAsync("ROC4", ct)).Count);
        Assert.Equal(0, (await runtime.GetInstanceAsync("ROC4", ct))!.State.Count);
        Assert.Single(await runtime.GetHistoryAsync("ROC8", ct)); // only its start: the refused Add left nothing
    }
}
