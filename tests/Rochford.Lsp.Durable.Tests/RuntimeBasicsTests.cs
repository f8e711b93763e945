// The durable runtime against a real Azurite: transitions, idempotency, refusals, outbox, queries, versioning.
// Run: dotnet test tests/Rochford.Lsp.Durable.Tests

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Durable.Tests;

public sealed class RuntimeBasicsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Add(long v) => JsonSerializer.Serialize(new Amount(v));

    [Fact]
    public async Task RaiseEvent_CommitsStateHistoryAndOutbox_ThenDeliversTheEmail()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();

        await runtime.StartAsync("ROC4", """{"intervalMinutes":60,"maxWakes":2}""", ct);
        var result = await runtime.RaiseEventAsync("ROC4", "Add", "submission-1", Add(5), ct);

        Assert.Equal((InputOutcome.Committed, 2L, "Count 5"), (result.Outcome, result.Sequence, result.Status));
        var history = await runtime.GetHistoryAsync("ROC4", ct);
        Assert.Equal(["CounterStarted", "Added"], history.Select(e => e.Type));
        Assert.Equal("Added 5; count now 5.", history[1].Explanation);
        Assert.Equal("submission-1", history[1].InputId);
        var outbox = Assert.Single(await runtime.GetOutboxAsync("ROC4", ct));
        Assert.Equal(("ROC4/2/0", OutboxState.Done), (outbox.OutboxId, outbox.State));
        var mail = Assert.Single(h.Dispatcher.Delivered);
        Assert.Equal("ROC4/2/0", mail.OutboxId);
        Assert.Equal("Receipt", ((Effect.SendEmail)mail.Effect).Template);
    }

    [Fact]
    public async Task RaiseEvent_SameIdTwice_IsOneTransition()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC1", "{}", ct);

        var first = await runtime.RaiseEventAsync("ROC1", "Add", "same", Add(5), ct);
        var second = await runtime.RaiseEventAsync("ROC1", "Add", "same", Add(5), ct);
        var fromOtherHost = await h.NewRuntime().RaiseEventAsync("ROC1", "Add", "same", Add(5), ct);

        Assert.Equal(InputOutcome.Committed, first.Outcome);
        Assert.Equal(InputOutcome.Duplicate, second.Outcome);
        Assert.Equal(InputOutcome.Duplicate, fromOtherHost.Outcome);
        Assert.Equal(5, (await runtime.GetInstanceAsync("ROC1", ct))!.State.Count);
        Assert.Single(h.Dispatcher.Delivered);
    }

    [Fact]
    public async Task RaiseEvent_Refused_CommitsNothingAndSaysWhy()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC2", "{}", ct);

        var ex = await Assert.ThrowsAsync<InputRefusedException>(() => runtime.RaiseEventAsync("ROC2", "Refuse", "r1", "{}", ct));

        Assert.Equal("The counter refuses this.", ex.Message);
        Assert.Equal(1, (await runtime.GetInstanceAsync("ROC2", ct))!.Sequence);
        Assert.Single(await runtime.GetHistoryAsync("ROC2", ct));
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_ThrowsNotFound()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);

        var ex = await Assert.ThrowsAsync<InstanceNotFoundException>(() => h.NewRuntime().RaiseEventAsync("ROC99", "Add", "x", Add(1), AzuriteFixture.Timeout()));

        Assert.Equal("There is no workflow instance 'ROC99'.", ex.Message);
    }

    [Fact]
    public async Task Start_Twice_IsADuplicateNotAReset()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC3", "{}", ct);
        await runtime.RaiseEventAsync("ROC3", "Add", "a", Add(7), ct);

        var again = await h.NewRuntime().StartAsync("ROC3", "{}", ct);

        Assert.Equal(InputOutcome.Duplicate, again.Outcome);
        Assert.Equal(7, (await runtime.GetInstanceAsync("ROC3", ct))!.State.Count);
    }

    [Fact]
    public async Task ListInstances_ShowsStatusAndNextWakeUpWithoutHistory()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC5", """{"intervalMinutes":30,"maxWakes":1}""", ct);
        await runtime.StartAsync("ROC6", """{"maxWakes":0}""", ct);
        await runtime.RaiseEventAsync("ROC6", "Add", "a", Add(3), ct);

        var list = (await runtime.ListInstancesAsync(ct)).OrderBy(i => i.InstanceId).ToList();

        Assert.Equal(["ROC5", "ROC6"], list.Select(i => i.InstanceId));
        Assert.Equal(RuntimeHarness.Start.AddMinutes(30), list[0].NextWakeUp);
        Assert.Null(list[1].NextWakeUp);
        Assert.Equal("Count 3", list[1].Status);
    }

    [Fact]
    public async Task RaiseEventEffect_MovesAmountToAnotherInstanceOnce_EvenWhenRedelivered()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC4", "{}", ct);
        await runtime.StartAsync("ROC7", "{}", ct);
        await runtime.RaiseEventAsync("ROC4", "Add", "seed", Add(100), ct);

        await runtime.RaiseEventAsync("ROC4", "Transfer", "t1", JsonSerializer.Serialize(new Amount(40, "ROC7")), ct);
        // A redelivery of the same outbox row (as after a crash) raises with the same input id.
        var redelivered = await runtime.RaiseEventAsync("ROC7", "Add", "outbox:ROC4/3/0", Add(40), ct);

        Assert.Equal(InputOutcome.Duplicate, redelivered.Outcome);
        Assert.Equal(60, (await runtime.GetInstanceAsync("ROC4", ct))!.State.Count);
        Assert.Equal(40, (await runtime.GetInstanceAsync("ROC7", ct))!.State.Count);
        Assert.Equal("outbox:ROC4/3/0", (await runtime.GetHistoryAsync("ROC7", ct)).Last().InputId);
    }

    [Fact]
    public async Task FailingDelivery_IsRetriedByTheTick_AndPermanentFailureIsParkedNotDropped()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC8", """{"maxWakes":0}""", ct);
        await runtime.StartAsync("ROC9", """{"maxWakes":0}""", ct);
        h.Dispatcher.Override = m => m.InstanceId == "ROC8"
            ? new DispatchOutcome.RetryLater("SendGrid said 503", TimeSpan.FromMinutes(1))
            : new DispatchOutcome.Parked("SendGrid said 400: invalid address");

        await runtime.RaiseEventAsync("ROC8", "Add", "a", Add(1), ct);
        await runtime.RaiseEventAsync("ROC9", "Add", "a", Add(1), ct);
        h.Dispatcher.Override = null;
        await ClockDriver.AdvanceAsync(runtime, h.Clock, h.Clock.GetUtcNow().AddHours(2), cancellationToken: ct);

        var retried = Assert.Single(await runtime.GetOutboxAsync("ROC8", ct));
        var parked = Assert.Single(await runtime.GetOutboxAsync("ROC9", ct));
        Assert.Equal((OutboxState.Done, 2), (retried.State, retried.Attempts));
        Assert.Equal(OutboxState.Parked, parked.State);
        Assert.Equal("SendGrid said 400: invalid address", parked.LastError);
        Assert.Equal(["ROC8/2/0"], h.Dispatcher.Delivered.Select(m => m.OutboxId));
        Assert.Null(await runtime.NextDueAsync(ct));
    }

    [Fact]
    public async Task OlderStateVersion_IsMigratedExplicitlyOnLoad()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var ct = AzuriteFixture.Timeout();
        await h.NewRuntime(new CounterOrchestration(version: 1)).StartAsync("ROC10", """{"maxWakes":0}""", ct);
        var v2 = new CounterOrchestration(version: 2);

        var runtime = h.NewRuntime(v2);
        await runtime.RaiseEventAsync("ROC10", "Add", "a", Add(1), ct);

        var migration = Assert.Single(v2.Migrations);
        Assert.Equal(1, migration.From);
        Assert.Contains("\"count\":0", migration.Json);
        Assert.Equal(1001, (await runtime.GetInstanceAsync("ROC10", ct))!.State.Count);
        var stored = (await h.RawTable(h.WorkflowTable).GetEntityAsync("ROC10", "state", cancellationToken: ct)).Value;
        Assert.Equal(2, stored.GetInt32("Version"));
    }

    [Fact]
    public async Task NewerStoredVersion_IsRefusedWithAClearMessage()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var ct = AzuriteFixture.Timeout();
        await h.NewRuntime(new CounterOrchestration(version: 3)).StartAsync("ROC11", "{}", ct);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => h.NewRuntime(new CounterOrchestration(version: 1)).GetInstanceAsync("ROC11", ct));

        Assert.Contains("has version 3, newer than this code's 1", ex.Message);
    }

    [Fact]
    public async Task LargeState_IsSplitAcrossPropertiesAndReadBack()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var runtime = h.NewRuntime();
        var ct = AzuriteFixture.Timeout();
        await runtime.StartAsync("ROC12", """{"intervalMinutes":1,"maxWakes":5000}""", ct);
        var state = (await runtime.GetInstanceAsync("ROC12", ct))!.State;
        var big = state with { WokeAt = Enumerable.Range(0, 3000).Select(i => RuntimeHarness.Start.AddMinutes(i)).ToList() };

        var json = JsonSerializer.Serialize(big, OrchestrationJson.Default);
        Assert.True(json.Length > 64_000, "the test needs a state larger than one property");
        var entity = Storage.WorkflowRows.ToEntity(new Storage.WorkflowRows.StateRowData("ROC12", "Counter", 1, json, 2, "s", null, false, default, default, default));
        await h.RawTable(h.WorkflowTable).UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);

        var read = (await h.NewRuntime().GetInstanceAsync("ROC12", ct))!.State;
        Assert.Equal(3000, read.WokeAt.Count);
    }
}
