// ARCHITECTURE.md rule 7 on the in-memory engine: a storage outage longer than any retry policy with a cap, an exception
// the decider was never meant to throw, and a state the code cannot read each delay an instance; none leaves it Failed or
// drops an input. Run: dotnet test tests/Rochford.Lsp.Workflow.Tests --filter NoFailureEndsAnInstanceTests

using System.Diagnostics;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Workflow.Tests.ReportingCycleOrchestratorTests;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class NoFailureEndsAnInstanceTests
{
    private static readonly object OfficerA = new { RochfordSeed.Contacts.Officers[0].Name, RochfordSeed.Contacts.Officers[0].Email };

    /// <summary>
    /// Issue 20: table storage unavailable for 35 s while a project and the partnership take inputs. A retry policy of six
    /// attempts (1 + 2 + 4 + 8 + 16 s) gave up after 31 s and the orchestrations ended Failed, dropping every later input.
    /// </summary>
    [Fact]
    public async Task TableStorageDown35Seconds_WhileAProjectAndThePartnershipTakeInputs_DelaysThem_NoneFailsAndNoInputIsDropped()
    {
        var outage = new StorageOutage();
        await using var host = await WorkflowHost.StartAsync(outage: outage);
        var start = new PartnershipStart(RochfordSeed.Contacts, CycleSettings.Default, [new StreamTotal(FundingStream.PerformanceRewardGrant, Money.Pounds(16_000))]);
        Assert.True(await host.Client.StartAsync(PartnershipCycle.InstanceId, start.ToJson(), WorkflowClock.Simulated, At(2010, 1, 4), default,
            PartnershipOrchestrator.Name));
        await host.WaitForStatusAsync(PartnershipCycle.InstanceId);
        await StartAsync(host, "ROC4");
        await host.Clock.WaitUntilHandledAsync([]);   // ROC4's award, raised on the partnership

        outage.For(TimeSpan.FromSeconds(35));
        var started = Stopwatch.StartNew();
        WorkflowInput[] duringTheOutage =
        [
            new("lead-1", "ChangeLeadContact", Json(new { Officer = OfficerA, Lead = new { Name = "New Lead", Email = "new.lead@example.org" } }), At(2010, 1, 5)),
            // Refused (nothing to approve): its refusal is the first row of the refusals table, made while storage is down.
            new("approve-1", "ApproveWithdrawal", Json(new { Officer = OfficerA, ExecutiveDecisionDate = "2010-01-05", MinuteReference = "LSP 5 Jan 2010" }),
                At(2010, 1, 5)),
        ];
        foreach (var input in duringTheOutage)
            await host.Client.RaiseAsync("ROC4", input);
        var award = new WorkflowInput("award-X1", RecordFunding.Name,
            new RecordFunding(FundingStream.PerformanceRewardGrant, FundingMove.Award, "X1-award", "X1", Money.Pounds(1_000)).ToJson(), At(2010, 1, 5));
        await host.Client.RaiseAsync(PartnershipCycle.InstanceId, award);

        // Nothing is handled while storage is down; everything is, once it is back.
        var patient = new SimulatedClockDriver(host.Client) { StepTimeout = TimeSpan.FromSeconds(120) };
        await patient.WaitUntilHandledAsync([.. duringTheOutage.Select(i => new SentInput("ROC4", i.InputId)), new SentInput(PartnershipCycle.InstanceId, award.InputId)]);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(35) && outage.Refused > 0, $"the outage should have delayed the inputs ({outage.Refused} requests refused, {started.Elapsed.TotalSeconds:0} s)");

        foreach (var instance in new[] { "ROC4", PartnershipCycle.InstanceId })
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(instance))!.RuntimeStatus);
        Assert.Single(await host.HistoryAsync("ROC4"), r => r.GetString("Type") == "LeadContactChanged");
        Assert.Single(await host.RowsAsync(host.Tables.RefusalsAsync(default), "ROC4"), r => r.GetString("InputId") == "approve-1");
        Assert.Contains(await host.HistoryAsync(PartnershipCycle.InstanceId), r => r.GetString("InputId") == "award-X1");
        // And the inputs after it are handled as ever.
        await RaiseAsync(host, "ROC4", "lead-2", "ChangeLeadContact", new { Officer = OfficerA, Lead = new { Name = "Newer Lead", Email = "newer.lead@example.org" } },
            At(2010, 1, 6));
        Assert.Equal(2, (await host.HistoryAsync("ROC4")).Count(r => r.GetString("Type") == "LeadContactChanged"));
    }

    /// <summary>
    /// Issue 20: the decider threw an exception outside the orchestrator's list (refusal, JSON, format, argument), and the
    /// instance ended Failed. Now it is refused like any input the decider cannot take: recorded, handled, the instance goes on.
    /// </summary>
    [Fact]
    public async Task UnexpectedExceptionFromTheDecider_IsRefusedAndRecorded_AndTheInstanceHandlesTheNextInput()
    {
        await using var host = await WorkflowHost.StartAsync();
        await StartProbeAsync(host, "probe");

        await host.Client.RaiseAsync("probe", new WorkflowInput("explode-1", "Explode", "{}"));
        await host.Clock.WaitUntilHandledAsync([new SentInput("probe", "explode-1")]);
        await host.Client.RaiseAsync("probe", new WorkflowInput("poke-1", "Poke", "{}"));
        await host.Clock.WaitUntilHandledAsync([new SentInput("probe", "poke-1")]);

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync("probe"))!.RuntimeStatus);
        var refusal = Assert.Single(await host.RowsAsync(host.Tables.RefusalsAsync(default), "probe"));
        Assert.Equal(("explode-1", "probe: Explode could not be handled because of an error in the app (InvalidOperationException: The probe's decider failed. (planted by the test)). Nothing changed."),
            (refusal.GetString("InputId"), refusal.GetString("Reason")));
        Assert.Single(await host.HistoryAsync("probe"), r => r.GetString("Type") == "Poked");
    }

    [Fact]
    public async Task UnexpectedExceptionFromTheDecider_IsShownAsTheInstancesLastError()
    {
        await using var host = await WorkflowHost.StartAsync();
        await StartProbeAsync(host, "probe");

        await host.Client.RaiseAsync("probe", new WorkflowInput("explode-1", "Explode", "{}"));
        await host.Clock.WaitUntilHandledAsync([new SentInput("probe", "explode-1")]);

        var error = (await host.Client.GetStatusAsync("probe"))!.LastError!;
        Assert.Equal("Explode (explode-1)", error.What);
        Assert.Contains("InvalidOperationException: The probe's decider failed.", error.Reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// The read model failing three times in a row shows the instance stuck (what, why, since when) while it waits to try
    /// again; once the transition is recorded it shows nothing of it.
    /// </summary>
    [Fact]
    public async Task ReadModelFailingAgainAndAgain_ShowsTheInstanceStuckWithWhatWhyAndSince_ThenNotOnceItMoves()
    {
        var outage = new StorageOutage();
        await using var host = await WorkflowHost.StartAsync(outage: outage);
        await StartAsync(host, "ROC4");
        var before = DateTimeOffset.UtcNow;

        outage.For(TimeSpan.FromSeconds(12));
        await host.Client.RaiseAsync("ROC4", new WorkflowInput("lead-1", "ChangeLeadContact",
            Json(new { Officer = OfficerA, Lead = new { Name = "New Lead", Email = "new.lead@example.org" } }), At(2010, 1, 5)));

        WorkflowProblem? stuck = null;
        await WorkflowHost.EventuallyAsync(async () => (stuck = (await host.Client.GetStatusAsync("ROC4"))?.Stuck) is not null, "ROC4 to show it is stuck");
        Assert.Equal("recording transition 2 (ChangeLeadContact)", stuck!.What);
        Assert.StartsWith("RequestFailedException: Service Unavailable", stuck.Reason, StringComparison.Ordinal);
        Assert.True(stuck.Attempts >= WorkflowRetries.StuckAfterAttempts, $"{stuck.Attempts} attempts");
        Assert.InRange(stuck.Since, before.AddSeconds(-1), outage.Until);

        await new SimulatedClockDriver(host.Client) { StepTimeout = TimeSpan.FromSeconds(90) }.WaitUntilHandledAsync([new SentInput("ROC4", "lead-1")]);
        var status = (await host.Client.GetStatusAsync("ROC4"))!;
        Assert.Null(status.Stuck);
        Assert.Null(status.Busy);
    }

    /// <summary>
    /// A failure outside the decider (here a state written by newer code than this, after a rollback) cannot be refused:
    /// it is no fault of the input. The instance keeps every input it took, shows why it is stuck and tries again later.
    /// </summary>
    [Fact]
    public async Task StateWrittenByNewerCode_KeepsEveryInputPending_AndShowsTheInstanceStuck_NeverFailed()
    {
        await using var host = await WorkflowHost.StartAsync();
        var carry = new WorkflowCarry(ErrorProbe.Version + 1, "{\"pokes\":0}", null, 1, null, "Started", false, WorkflowClock.Simulated, At(2010, 1, 4), [], [])
        {
            Loop = WorkflowLoops.Latest,
        };
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(ErrorProbeOrchestrator), carry, new StartOrchestrationOptions("newer"));
        await host.WaitForStatusAsync("newer");

        await host.Client.RaiseAsync("newer", new WorkflowInput("poke-1", "Poke", "{}"));
        WorkflowProblem? stuck = null;
        await WorkflowHost.EventuallyAsync(async () => (stuck = (await host.Client.GetStatusAsync("newer"))?.Stuck) is not null, "the instance to show it is stuck");
        await host.Client.RaiseAsync("newer", new WorkflowInput("poke-2", "Poke", "{}"));

        Assert.Equal("handling Poke (poke-1)", stuck!.What);
        Assert.Equal("NotSupportedException: The stored state is version 2, newer than this code's 1: deploy the newer code.", stuck.Reason);
        await WorkflowHost.EventuallyAsync(async () =>
            (await host.Durable.GetInstanceAsync("newer", getInputsAndOutputs: true))!.ReadInputAs<WorkflowCarry>()!.Pending.Select(i => i.InputId)
                .SequenceEqual(["poke-1", "poke-2"]), "both pokes to wait in the carry");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync("newer"))!.RuntimeStatus);
        Assert.Empty(await host.HistoryAsync("newer"));
    }

    internal static async Task StartProbeAsync(IWorkflowTestHost host, string instanceId)
    {
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(ErrorProbeOrchestrator),
            WorkflowCarry.ForStart("{}", WorkflowClock.Simulated, At(2010, 1, 4)), new StartOrchestrationOptions(instanceId));
        await host.WaitForStatusAsync(instanceId);
    }

    private static string Json(object payload) => JsonSerializer.Serialize(payload);
}

/// <summary>A decider with a planted bug: "Explode" throws an exception no decider is meant to throw; "Poke" is recorded.</summary>
public sealed class ErrorProbe : IOrchestration<ErrorProbe.State>
{
    public const int Version = 1;

    public sealed record State(int Pokes);

    public string Name => "ErrorProbe";

    public int StateVersion => Version;

    public Decision<State> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now) =>
        new(new State(0), [new HistoryEvent("Started", "Started.", "{}")], [], null, "Started");

    public Decision<State> Decide(State state, OrchestrationInput input, DateTimeOffset now) => input switch
    {
        OrchestrationInput.EventRaised { Name: "Explode" } => throw new InvalidOperationException("The probe's decider failed. (planted by the test)"),
        OrchestrationInput.EventRaised { Name: "Poke" } => new(state with { Pokes = state.Pokes + 1 }, [new HistoryEvent("Poked", "Poked.", "{}")], [], null, "Poked"),
        _ => new(state, [], [], null, "Idle"),
    };

    public State Migrate(int storedVersion, string json) => JsonSerializer.Deserialize<State>(json, OrchestrationJson.Default)!;
}

public sealed class ErrorProbeOrchestrator : DeciderOrchestrator<ErrorProbe.State>
{
    private static readonly ErrorProbe Probe = new();

    protected override IOrchestration<ErrorProbe.State> Decider => Probe;
}
