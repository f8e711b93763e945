// A deploy that changes the orchestration loop, meeting a project in the middle of a transition (ARCHITECTURE.md rule 4):
// the local engine on Azurite runs today's code until the transition's email activity is in flight, then the app is
// restarted with code whose loop records a new activity in every transition and sends emails before raising events. With a
// loop version the instance finishes its transition on the loop that recorded it and takes its next input on the new one;
// the same change made in place fails it. Run: dotnet test tests/Rochford.Lsp.Workflow.Tests --filter DeployTests

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Workflow.Tests.ReportingCycleOrchestratorTests;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class DeployTests(AzuriteEngineFixture fixture) : IClassFixture<AzuriteEngineFixture>
{
    [Fact]
    public async Task ChangedLoopDeployed_WhileAProjectsTransitionIsInFlight_FinishesItOnItsOwnLoop_ThenRunsTheNewLoop()
    {
        await using var host = await StartInTheMiddleOfATransitionAsync();

        await host.RestartAsync(NewCode<ReportingCycleWithLoopTwo>);
        host.Emails.Release();

        // The transition recorded by today's code finishes on loop 1: the request goes once, nothing fails.
        await host.WaitForStatusAsync("ROC4");
        await WorkflowHost.EventuallyAsync(() => Task.FromResult(host.Emails.Of(EmailTemplates.QuarterlyRequest).Count == 1), "ROC4's quarterly request", 90);
        // Its next input runs on the new loop, with the new activity.
        await RaiseAsync(host, "ROC4", "lead-1", "ChangeLeadContact",
            new { Officer = new { RochfordSeed.Contacts.Officers[0].Name, RochfordSeed.Contacts.Officers[0].Email }, Lead = new { Name = "New Lead", Email = "new.lead@example.org" } },
            At(2010, 3, 19));

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync("ROC4"))!.RuntimeStatus);
        Assert.Equal(2, (await host.Client.GetStatusAsync("ROC4"))!.Loop);
        Assert.Contains("ROC4/2", NoteTransitionActivity.Noted);
        Assert.DoesNotContain("ROC4/1", NoteTransitionActivity.Noted);
        Assert.Equal(["MonitoringStarted", "ReportRequested", "LeadContactChanged"],
            (await host.Tables.HistoryAsync("ROC4")).OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.GetString("Type")).ToList());
        Assert.Single(host.Emails.Of(EmailTemplates.QuarterlyRequest));
    }

    /// <summary>Why loops have versions: the same new code, replacing the loop instead of adding a version, fails the instance.</summary>
    [Fact]
    public async Task SameChangeMadeInPlace_WithoutALoopVersion_FailsTheInstanceWhoseTransitionWasInFlight()
    {
        await using var host = await StartInTheMiddleOfATransitionAsync();

        await host.RestartAsync(NewCode<ReportingCycleEditedInPlace>);
        host.Emails.Release();

        OrchestrationMetadata? metadata = null;
        await WorkflowHost.EventuallyAsync(async () => (metadata = await host.Durable.GetInstanceAsync("ROC4", getInputsAndOutputs: true))!.RuntimeStatus
            == OrchestrationRuntimeStatus.Failed, "ROC4 to fail", 90);
        var failure = metadata!.FailureDetails?.ErrorMessage ?? metadata.SerializedOutput ?? "";
        Assert.Contains("Non-Deterministic", failure, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Today's code starts ROC4 on the day after its first report was due to be requested: the start records itself, raises the
    /// award on the partnership, then sends the request, and is held there, its email activity in flight.
    /// </summary>
    private async Task<AzuriteEngineHost> StartInTheMiddleOfATransitionAsync()
    {
        var host = await AzuriteEngineHost.StartAsync(fixture.Azurite.ConnectionString);
        host.Emails.Hold();
        Assert.True(await host.Client.StartAsync("ROC4", RochfordSeed.StartPayloadFor("ROC4", new LocalDate(2010, 1, 4)).ToJson(), WorkflowClock.Simulated,
            At(2010, 3, 18)));
        await host.Emails.Held.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Null(await host.Client.GetStatusAsync("ROC4"));
        return host;
    }

    /// <summary>The workflow's tasks with <typeparamref name="TOrchestrator"/> as the reporting cycle's code, and the new activity.</summary>
    private static void NewCode<TOrchestrator>(DurableTaskRegistry registry) where TOrchestrator : ITaskOrchestrator, new()
    {
        registry.AddOrchestrator(ReportingCycleOrchestrator.Name, () => new TOrchestrator());
        registry.AddOrchestrator<PartnershipOrchestrator>();
        registry.AddActivity<RecordTransitionActivity>();
        registry.AddActivity<RecordRefusalActivity>();
        registry.AddActivity<SendEmailsActivity>();
        registry.AddActivity<NoteTransitionActivity>();
    }
}

/// <summary>
/// The reporting cycle as a later deploy might change it, done as ARCHITECTURE.md rule 4 says: loop 1 is kept as it is and
/// loop 2 added. Loop 2 notes each transition with a new activity just after recording it, and sends the transition's emails
/// before raising its events (loop 1 raises them first). To stay short it handles one input per execution, none refused.
/// </summary>
public class ReportingCycleWithLoopTwo : ReportingCycleOrchestrator
{
    protected override int LatestLoop => 2;

    protected override Task<string?> RunLoopAsync(int loop, TaskOrchestrationContext context, WorkflowCarry carry) =>
        loop == 2 ? LoopTwoAsync(context, carry) : base.RunLoopAsync(loop, context, carry);

    protected async Task<string?> LoopTwoAsync(TaskOrchestrationContext context, WorkflowCarry carry)
    {
        Decision<ProjectState> decision;
        string inputId;
        var now = carry.Now;
        if (carry.StateJson is null)
        {
            inputId = "start";
            decision = Decider.Start(context.InstanceId, new OrchestrationInput.Started(inputId, carry.StartPayloadJson ?? "{}"), now);
        }
        else
        {
            context.SetCustomStatus(WorkflowStatus.Of(carry));
            var input = await context.WaitForExternalEvent<WorkflowInput>(WorkflowInput.EventName);
            inputId = input.InputId;
            now = input.At is { } at && at > now ? at : now;
            var state = InstanceStateReader<ProjectState>.StateOf(carry, Decider);
            decision = Decider.Decide(state, input.Name == WorkflowInput.WakeUpName
                ? new OrchestrationInput.WokeUp(input.InputId, input.At ?? now)
                : new OrchestrationInput.EventRaised(input.InputId, input.Name, input.PayloadJson), now);
        }
        var transition = carry.Transition + 1;
        var stateJson = JsonSerializer.Serialize(decision.State, Decider.StateSerializerOptions);
        await context.CallActivityAsync(WorkflowActivities.RecordTransition, new TransitionRecord(context.InstanceId, transition, inputId, now, decision.Status,
            decision.NextWakeUp, decision.IsCompleted, decision.Events, Summarize(decision.State), stateJson, Decider.StateVersion));
        await context.CallActivityAsync(nameof(NoteTransitionActivity), $"{context.InstanceId}/{transition}");
        var effects = decision.Effects.Select((effect, index) => (Effect: effect, Id: EffectId(context.InstanceId, transition, index))).ToList();
        var emails = effects.Where(e => e.Effect is Effect.SendEmail).Select(e => (Email: (Effect.SendEmail)e.Effect, e.Id)).ToList();
        if (emails.Count > 0)
        {
            await context.CallActivityAsync<EmailBatchResult>(WorkflowActivities.SendEmails, new EmailBatch(context.InstanceId, transition,
                [.. emails.Select(e => new EmailEffect(e.Id, context.InstanceId, transition, int.Parse(e.Id.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture),
                    e.Email.Template, e.Email.To, e.Email.Cc, e.Email.ModelJson))]));
        }
        foreach (var (effect, id) in effects)
        {
            if (effect is Effect.RaiseEvent raise)
                context.SendEvent(raise.TargetInstanceId, WorkflowInput.EventName, new WorkflowInput(id, raise.Name, raise.PayloadJson, now, context.InstanceId));
        }
        var next = carry.WithHandled(inputId) with
        {
            StateVersion = Decider.StateVersion, StateJson = stateJson, StartPayloadJson = null, Transition = transition, NextWakeUp = decision.NextWakeUp,
            Status = decision.Status, IsCompleted = decision.IsCompleted, Now = now, Loop = LatestLoop,
        };
        context.SetCustomStatus(WorkflowStatus.Of(next));
        context.ContinueAsNew(next, preserveUnprocessedEvents: true);
        return null;
    }
}

/// <summary>The same change made by editing the loop in place: every execution runs the new loop, whatever recorded its history.</summary>
public sealed class ReportingCycleEditedInPlace : ReportingCycleWithLoopTwo
{
    protected override Task<string?> RunLoopAsync(int loop, TaskOrchestrationContext context, WorkflowCarry carry) => LoopTwoAsync(context, carry);
}

/// <summary>The activity the new loop adds: it notes each transition it is told of.</summary>
public sealed class NoteTransitionActivity : TaskActivity<string, bool>
{
    /// <summary>Every transition noted, in this test process.</summary>
    public static ConcurrentBag<string> Noted { get; } = [];

    public override Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        Noted.Add(input);
        return Task.FromResult(true);
    }
}
