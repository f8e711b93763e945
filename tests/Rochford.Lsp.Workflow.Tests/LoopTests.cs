// The orchestration loop itself, with a tiny decider: real durable timers (including one already in the past), inputs
// racing a timer and arriving while activities run, and emails retried without being sent twice.
// Run: dotnet test tests/Rochford.Lsp.Workflow.Tests

using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Workflow.Tests.ReportingCycleOrchestratorTests;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class LoopTests
{
    [Fact]
    public async Task RealClock_TimerInTwoSecondsThenOneAlreadyPast_BothFire()
    {
        await using var host = await WorkflowHost.StartAsync();
        await TimerInTwoSecondsThenOneAlreadyPastAsync(host, seconds: 30);
    }

    /// <summary>The TimerProbe wakes 2 s after it starts (never before), then at once for a wake-up set an hour in the past.</summary>
    internal static async Task TimerInTwoSecondsThenOneAlreadyPastAsync(IWorkflowTestHost host, int seconds)
    {
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(TimerProbeOrchestrator),
            WorkflowCarry.ForStart("{}", WorkflowClock.Real, DateTimeOffset.UtcNow), new StartOrchestrationOptions("probe"));

        await WorkflowHost.EventuallyAsync(async () => (await host.HistoryAsync("probe")).Count(r => r.GetString("Type") == "WokeUp") == 2,
            "two wake-ups: one 2 s after the start, then one set an hour in the past", seconds);
        var history = await host.HistoryAsync("probe");
        var wakes = history.Where(r => r.GetString("Type") == "WokeUp").OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var started = history.Single(r => r.GetString("Type") == "Started").GetDateTimeOffset("At")!.Value;
        Assert.True(wakes[0].GetDateTimeOffset("At") >= started.AddSeconds(2),
            $"The first wake-up waited for its timer: started {started:HH:mm:ss.fff}, woke {wakes[0].GetDateTimeOffset("At"):HH:mm:ss.fff}.");
        Assert.Equal(["1", "2"], wakes.Select(w => w.GetString("DataJson")).ToList());
        // After the wake-up set in the past, nothing more is asked for (no timer spinning on an old wake-up).
        await WorkflowHost.EventuallyAsync(async () => await host.Client.GetStatusAsync("probe") is { Transition: 3, NextWakeUp: null },
            "the probe to show its third transition and no next wake-up", seconds);
    }

    [Fact]
    public async Task RealClock_InputBeforeTheTimer_IsHandledAtOnceAndTheTimerStillFires()
    {
        await using var host = await WorkflowHost.StartAsync();
        await InputBeforeTheTimerAsync(host, seconds: 30);
    }

    /// <summary>An input that comes before the timer is handled at once, and the timer still fires afterwards.</summary>
    internal static async Task InputBeforeTheTimerAsync(IWorkflowTestHost host, int seconds)
    {
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(TimerProbeOrchestrator),
            WorkflowCarry.ForStart("{}", WorkflowClock.Real, DateTimeOffset.UtcNow), new StartOrchestrationOptions("probe"));
        await host.WaitForStatusAsync("probe");

        await host.Client.RaiseAsync("probe", new WorkflowInput("poke-1", "Poke", "{}"));

        await WorkflowHost.EventuallyAsync(async () => (await host.HistoryAsync("probe")).Any(r => r.GetString("Type") == "Poked"), "the poke", seconds);
        await WorkflowHost.EventuallyAsync(async () => (await host.HistoryAsync("probe")).Count(r => r.GetString("Type") == "WokeUp") == 2, "both wake-ups", seconds);
    }

    [Fact]
    public async Task RealClock_WakeUpThatChangesNothingAndIsAskedForAgain_DoesNotSpin()
    {
        await using var host = await WorkflowHost.StartAsync();
        await WakeUpThatChangesNothingDoesNotSpinAsync(host, seconds: 30);
    }

    /// <summary>
    /// A decider that, woken, does nothing and asks for the same wake-up again would have its timer fire at once for ever.
    /// The loop handles that wake-up once, then waits for inputs only (and logs an error), and still answers them.
    /// </summary>
    internal static async Task WakeUpThatChangesNothingDoesNotSpinAsync(IWorkflowTestHost host, int seconds)
    {
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(StuckProbeOrchestrator),
            WorkflowCarry.ForStart("{}", WorkflowClock.Real, DateTimeOffset.UtcNow), new StartOrchestrationOptions("stuck"));
        await WorkflowHost.EventuallyAsync(async () => (await host.Client.GetStatusAsync("stuck"))?.Handled.Any(id => id.StartsWith("timer:", StringComparison.Ordinal)) == true,
            "the wake-up to be handled once", seconds);

        // Spinning, the instance would be updated every few milliseconds; quiet, it is not updated for seconds.
        await WorkflowHost.EventuallyAsync(async () =>
        {
            var before = await host.Durable.GetInstanceAsync("stuck");
            await Task.Delay(TimeSpan.FromSeconds(2));
            return (await host.Durable.GetInstanceAsync("stuck"))!.LastUpdatedAt == before!.LastUpdatedAt;
        }, "the instance to stop being updated", seconds);

        await host.Client.RaiseAsync("stuck", new WorkflowInput("poke-1", "Poke", "{}"));
        await host.Clock.WaitUntilHandledAsync([new SentInput("stuck", "poke-1")]);
        Assert.Single(await host.HistoryAsync("stuck"), r => r.GetString("Type") == "Poked");
    }

    [Fact]
    public async Task InputsArrivingWhileActivitiesRun_AreAllHandled()
    {
        await using var host = await WorkflowHost.StartAsync();
        await StartAsync(host, "ROC4");
        var inputs = Enumerable.Range(1, 30).Select(i => new WorkflowInput($"lead-{i}", "ChangeLeadContact",
            JsonSerializer.Serialize(new { Officer = new { Name = "LSP Officer A (example)", Email = "lsp.officer.a@example.org" }, Lead = new { Name = $"Lead {i}", Email = $"lead{i}@example.org" } }),
            At(2010, 1, 5))).ToList();

        foreach (var input in inputs)
            await host.Client.RaiseAsync("ROC4", input);
        await host.Clock.WaitUntilHandledAsync(inputs.Select(i => new SentInput("ROC4", i.InputId)));

        Assert.Equal(30, (await host.HistoryAsync("ROC4")).Count(r => r.GetString("Type") == "LeadContactChanged"));
    }

    [Fact]
    public async Task EmailProviderBusy_IsRetriedAfterItsWait_AndSentOnce()
    {
        var emails = new RecordingEmailSender { BusyCalls = 2, BusyFor = TimeSpan.FromSeconds(1) };
        await using var host = await WorkflowHost.StartAsync(emails);
        await StartAsync(host, "ROC4");

        await host.Clock.AdvanceToAsync(At(2010, 3, 17));
        await WorkflowHost.EventuallyAsync(() => Task.FromResult(emails.Of(EmailTemplates.QuarterlyRequest).Count == 1), "the request to go after two refusals");

        var row = await EmailLogRowAsync(host, "ROC4", EmailTemplates.QuarterlyRequest);
        Assert.Equal(("Sent", 3, 0), (row.GetString("State"), row.GetInt32("Attempts"), row.GetInt32("Resends")));
    }

    [Fact]
    public async Task EmailActivityDyingAfterTheSend_IsRetried_TheResendCounted_AndNothingLost()
    {
        await using var host = await WorkflowHost.StartAsync();
        await EmailActivityDyingAfterTheSendAsync(host);
    }

    /// <summary>The email activity dies after the provider took the request: the retry resends (counted), the mailbox keeps one.</summary>
    internal static async Task EmailActivityDyingAfterTheSendAsync(IWorkflowTestHost host)
    {
        var emails = host.Emails;
        emails.CrashAfterSendCalls = 1;
        await StartAsync(host, "ROC4");

        await host.Clock.AdvanceToAsync(At(2010, 3, 17));
        await WorkflowHost.EventuallyAsync(async () => (await EmailLogRowAsync(host, "ROC4", EmailTemplates.QuarterlyRequest)).GetString("State") == "Sent",
            "the request to be recorded as sent");

        var row = await EmailLogRowAsync(host, "ROC4", EmailTemplates.QuarterlyRequest);
        Assert.Equal(1, row.GetInt32("Resends"));
        Assert.Equal(2, emails.Calls.Count(c => c.Template == EmailTemplates.QuarterlyRequest));
        Assert.Single(emails.Of(EmailTemplates.QuarterlyRequest));
    }

    [Fact]
    public async Task EmailRefusedForGood_IsParkedWithItsReason_AndTheCycleGoesOn()
    {
        var emails = new RecordingEmailSender();
        emails.Refuse.Add(EmailTemplates.QuarterlyRequest);
        await using var host = await WorkflowHost.StartAsync(emails);
        await StartAsync(host, "ROC4");

        await host.Clock.AdvanceToAsync(At(2010, 3, 17));
        await RaiseAsync(host, "ROC4", "report-1", "SubmitQuarterlyReport",
            new { Quarter = "2009-10 Q4", Status = "Green", StatusComments = "On track.", ProgressInLastPeriod = "Done.", FutureWork = "More." }, At(2010, 3, 20));

        var row = await EmailLogRowAsync(host, "ROC4", EmailTemplates.QuarterlyRequest);
        Assert.Equal(("Parked", "The provider refused it (400: invalid address)."), (row.GetString("State"), row.GetString("Reason")));
        Assert.Single(emails.Calls, c => c.Template == EmailTemplates.QuarterlyRequest);
        Assert.NotEmpty(emails.Of(EmailTemplates.SubmissionReceipt));
    }

    private static async Task<TableEntity> EmailLogRowAsync(IWorkflowTestHost host, string instance, string template) =>
        Assert.Single(await host.RowsAsync(host.Tables.EmailLogAsync(default), instance), r => r.GetString("Template") == template);
}

/// <summary>A decider that asks to wake 2 s after it starts, then an hour in the past, then never; it records pokes.</summary>
public sealed class TimerProbe : IOrchestration<TimerProbe.State>
{
    public sealed record State(int Wakes, DateTimeOffset? DueAt);

    public string Name => "TimerProbe";

    public int StateVersion => 1;

    public Decision<State> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now) =>
        new(new State(0, now.AddSeconds(2)), [new HistoryEvent("Started", "Started.", "0")], [], now.AddSeconds(2), "Started");

    public Decision<State> Decide(State state, OrchestrationInput input, DateTimeOffset now)
    {
        switch (input)
        {
            case OrchestrationInput.WokeUp when state.DueAt is { } due && due <= now:
                var next = state.Wakes == 0 ? now.AddHours(-1) : (DateTimeOffset?)null;
                return new(new State(state.Wakes + 1, next), [new HistoryEvent("WokeUp", "Woke up.", $"{state.Wakes + 1}")], [], next, "Awake");
            case OrchestrationInput.EventRaised { Name: "Poke" }:
                return new(state, [new HistoryEvent("Poked", "Poked.", "")], [], state.DueAt, "Poked");
            default:
                return new(state, [], [], state.DueAt, "Idle");
        }
    }

    public State Migrate(int storedVersion, string json) => JsonSerializer.Deserialize<State>(json)!;
}

public sealed class TimerProbeOrchestrator : DeciderOrchestrator<TimerProbe.State>
{
    private static readonly TimerProbe Probe = new();

    protected override IOrchestration<TimerProbe.State> Decider => Probe;
}

/// <summary>A decider that asks to wake 1 s after it starts and, woken, does nothing and asks for the same time again.</summary>
public sealed class StuckProbe : IOrchestration<StuckProbe.State>
{
    public sealed record State(DateTimeOffset DueAt);

    public string Name => "StuckProbe";

    public int StateVersion => 1;

    public Decision<State> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now) =>
        new(new State(now.AddSeconds(1)), [new HistoryEvent("Started", "Started.", "")], [], now.AddSeconds(1), "Started");

    public Decision<State> Decide(State state, OrchestrationInput input, DateTimeOffset now) => input switch
    {
        OrchestrationInput.EventRaised { Name: "Poke" } => new(state, [new HistoryEvent("Poked", "Poked.", "")], [], state.DueAt, "Poked"),
        _ => new(state, [], [], state.DueAt, "Stuck"),
    };

    public State Migrate(int storedVersion, string json) => JsonSerializer.Deserialize<State>(json)!;
}

public sealed class StuckProbeOrchestrator : DeciderOrchestrator<StuckProbe.State>
{
    private static readonly StuckProbe Probe = new();

    protected override IOrchestration<StuckProbe.State> Decider => Probe;
}
