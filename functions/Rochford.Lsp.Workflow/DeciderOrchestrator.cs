// The eternal orchestration loop around a pure decider (ARCHITECTURE.md, "The durable workflow"): wait for an input
// or the durable timer of the next wake-up, decide, carry out the effects as activities and SendEvents, then
// ContinueAsNew with the new state so that each history holds one transition. Deterministic: no clock but the
// orchestration's own, no random ids, no I/O outside activities.

using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Rochford.Lsp.Durable;

namespace Rochford.Lsp.Workflow;

/// <summary>Hosts a decider (<see cref="IOrchestration{TState}"/>) as a Durable Task orchestration, one instance per id.</summary>
/// <remarks>
/// Invariants, each tested in Rochford.Lsp.Workflow.Tests:
/// <list type="bullet">
/// <item>An input id handled before (the last <see cref="WorkflowCarry.HandledLimit"/>) changes nothing, whatever the phase.</item>
/// <item>A refused input changes no state; it is recorded for people, and, when another instance raised it, the refusal is
///   raised back on that instance as <see cref="RaisedEventRefusal.EventName"/> with an id derived from the refused input's.</item>
/// <item>Effects have ids derived from (instance, transition, index), so a retried activity or a replay repeats them, never invents new ones.</item>
/// <item>An input that arrives while a transition's activities run is never lost: a wait is always open, so it is handled in the
///   same execution; ContinueAsNew follows once no input is waiting, keeping each history to the inputs of one busy moment.</item>
/// <item>The custom status (<see cref="WorkflowStatus"/>) is set from the first checkpoint on and after every handled input (or
///   inputs that waited together), so an instance that has handled an input shows it, with the inputs it raised, as soon as
///   that work is committed.</item>
/// <item>Inputs waiting together (up to <see cref="MaxInputsTogether"/>) are decided one after another, each its own transition,
///   their read models recorded concurrently, then their effects carried out in order: a burst on one instance (every project's
///   award on the partnership) does not queue behind one read-model round trip per input.</item>
/// <item>A wake-up on the real clock is never handled before its time, even when the durable timer fires early; a wake-up that
///   changed nothing and is asked for again is not re-armed (that would spin), it is logged as an error.</item>
/// </list>
/// </remarks>
public abstract class DeciderOrchestrator<TState> : TaskOrchestrator<WorkflowCarry, string?> where TState : class
{
    /// <summary>The decider this orchestration hosts.</summary>
    protected abstract IOrchestration<TState> Decider { get; }

    /// <summary>The partition of the read model's summary row (<see cref="WorkflowTables"/>).</summary>
    protected virtual string SummaryPartition => WorkflowTables.ProjectsPartition;

    /// <summary>Fields of the project summary row drawn from the state (phase, quarters' RAG, money...).</summary>
    protected virtual IReadOnlyDictionary<string, string> Summarize(TState state) => new Dictionary<string, string>();

    /// <inheritdoc />
    public override async Task<string?> RunAsync(TaskOrchestrationContext context, WorkflowCarry carry)
    {
        ArgumentNullException.ThrowIfNull(carry);
        // One wait for the next input is always open, registered before any activity is awaited, and an execution ends
        // (ContinueAsNew) only once that wait is still open after a settling timer. Why: the worker hands an input that
        // arrives after ContinueAsNew to whatever wait is open, and forwards a buffered one to the next execution, which
        // the in-memory engine drops (measured: Rochford.Lsp.Workflow.Tests, InputsArrivingWhileActivitiesRun_AreAllHandled
        // and ReallocatedFunds_RefusedByACompletedProject_TravelBackToTheSenderByEvent lose inputs without this).
        var waiter = context.WaitForExternalEvent<WorkflowInput>(WorkflowInput.EventName);
        if (carry.StateJson is null)
        {
            var (started, refusal) = await StartAsync(context, carry);
            if (started is null)
                return refusal;
            carry = started;
        }
        else
        {
            context.SetCustomStatus(WorkflowStatus.Of(carry));
            var first = await NextInputAsync(context, carry, waiter);
            if (first.FromWaiter)
                waiter = context.WaitForExternalEvent<WorkflowInput>(WorkflowInput.EventName);
            carry = await DecideAndApplyAllAsync(context, carry, [first.Input]);
        }
        // Shown from the first checkpoint on (the clock driver waits for instances that show none yet) and after every input,
        // so "handled" is visible once the input's activities ran and its events were sent, without waiting for ContinueAsNew.
        context.SetCustomStatus(WorkflowStatus.Of(carry));
        // Bounded: it ends once no input is waiting (ContinueAsNew then follows), so each history holds one busy moment.
        for (var settled = false; !settled;)
        {
            while (waiter.IsCompletedSuccessfully)
            {
                // Opening the next wait takes any input the worker buffered meanwhile, so this drains them all: a busy moment's
                // inputs (every project's award arriving at the partnership, say) are decided together (see DecideAndApplyAllAsync).
                var inputs = new List<WorkflowInput>();
                while (waiter.IsCompletedSuccessfully && inputs.Count < MaxInputsTogether)
                {
                    inputs.Add(waiter.Result);
                    waiter = context.WaitForExternalEvent<WorkflowInput>(WorkflowInput.EventName);
                }
                carry = await DecideAndApplyAllAsync(context, carry, inputs);
                context.SetCustomStatus(WorkflowStatus.Of(carry));
            }
            // Let inputs already delivered with the last activity's result reach the open wait before continuing as new.
            using var settle = new CancellationTokenSource();
            settled = await Task.WhenAny(waiter, context.CreateTimer(context.CurrentUtcDateTime, settle.Token)) != waiter;
            if (!settled) settle.Cancel();
        }
        context.ContinueAsNew(carry, preserveUnprocessedEvents: true);
        return null;
    }

    private async Task<(WorkflowCarry? Started, string? Refusal)> StartAsync(TaskOrchestrationContext context, WorkflowCarry carry)
    {
        var log = context.CreateReplaySafeLogger(LoggerName);
        var now = carry.Clock == WorkflowClock.Simulated ? carry.Now : new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        Decision<TState> decision;
        try
        {
            decision = Decider.Start(context.InstanceId, new OrchestrationInput.Started("start", carry.StartPayloadJson ?? "{}"), now);
        }
        catch (InputRefusedException ex)
        {
            log.LogWarning("Start of {Instance} refused: {Reason}", context.InstanceId, ex.Message);
            await context.CallActivityAsync(WorkflowActivities.RecordRefusal,
                new RefusalRecord(context.InstanceId, "start", "Start", ex.Message, now), WorkflowRetries.ReadModel);
            return (null, ex.Message);
        }
        return (await ApplyAsync(context, carry with { Now = now }, decision, "start", now), null);
    }

    /// <summary>
    /// How much later than its time an early-fired timer is set again. The Azure Storage provider delays a timer message by a
    /// queue visibility timeout counted in whole seconds (the fraction is cut off), so a timer can fire up to a second early;
    /// set again for its own time it would come back at once, over and over, until that time.
    /// </summary>
    internal static readonly TimeSpan EarlyTimerMargin = TimeSpan.FromSeconds(1);

    /// <summary>Waits for an input on <paramref name="waiter"/>, or for the durable timer of the next wake-up, whichever comes first.</summary>
    private static async Task<(WorkflowInput Input, bool FromWaiter)> NextInputAsync(TaskOrchestrationContext context, WorkflowCarry carry,
        Task<WorkflowInput> waiter)
    {
        // On a simulated clock there are no timers: the clock driver raises each wake-up, in time order.
        // A finished instance waits for inputs only (a refusal of money it sent can still come back).
        if (carry.Clock == WorkflowClock.Simulated || carry.IsCompleted || carry.NextWakeUp is not { } due)
            return (await waiter, true);

        var wakeUp = new WorkflowInput($"timer:{carry.Transition}:{due.UtcTicks}", WorkflowInput.WakeUpName, "{}", due);
        if (carry.HasHandled(wakeUp.InputId))
        {
            // This very wake-up ran at this transition and changed nothing, yet the decider asks for it again: a timer would
            // fire at once and spin. Wait for inputs; the next transition sets a new wake-up.
            context.CreateReplaySafeLogger(LoggerName).LogError("{Instance}: the wake-up at {Due:u} changed nothing and is asked for again; waiting for an input instead",
                context.InstanceId, due);
            return (await waiter, true);
        }

        using var cancelTimer = new CancellationTokenSource();
        // A wake-up already in the past fires at once.
        // Fired early (see EarlyTimerMargin), the wake-up is not due yet, so it is not handled yet: the timer is set again.
        for (var fireAt = due.UtcDateTime; context.CurrentUtcDateTime < due.UtcDateTime; fireAt = due.UtcDateTime + EarlyTimerMargin)
        {
            var timer = context.CreateTimer(fireAt, cancelTimer.Token);
            if (await Task.WhenAny(waiter, timer) == waiter)
            {
                cancelTimer.Cancel();
                return (await waiter, true);
            }
        }
        // The wait stays open (a cancelled wait would swallow the next input): whatever completes it is handled next.
        return (wakeUp, false);
    }

    /// <summary>How many inputs that are waiting together are decided together, at most.</summary>
    internal const int MaxInputsTogether = 50;

    /// <summary>
    /// Decides <paramref name="inputs"/> (one, or several that waited together) one after another, each on the state the one
    /// before left (so each is its own transition, with its own number, history and effects), records their read models
    /// (concurrently; a summary row only moves forward), then carries out their effects in order. Already handled comes first:
    /// a repeat is answered by what it did the first time, never refused into something else.
    /// </summary>
    private async Task<WorkflowCarry> DecideAndApplyAllAsync(TaskOrchestrationContext context, WorkflowCarry carry, IReadOnlyList<WorkflowInput> inputs)
    {
        var log = context.CreateReplaySafeLogger(LoggerName);
        var records = new List<Task>();
        var decided = new List<(Decision<TState> Decision, long Transition, DateTimeOffset Now)>();
        foreach (var received in inputs)
        {
            if (carry.HasHandled(received.InputId))
            {
                log.LogInformation("{Instance}: input {InputId} was handled before; ignored", context.InstanceId, received.InputId);
                continue;
            }
            var now = TimeOf(context, carry, received);
            Decision<TState> decision;
            try
            {
                decision = Decider.Decide(Load(carry), ToDeciderInput(received), now);
            }
            catch (Exception ex) when (ex is InputRefusedException or JsonException or FormatException or ArgumentException)
            {
                var reason = ex is InputRefusedException ? ex.Message : $"{context.InstanceId}: {received.Name} could not be read: {ex.Message}";
                log.LogWarning("{Instance}: {Name} ({InputId}) refused: {Reason}", context.InstanceId, received.Name, received.InputId, reason);
                records.Add(context.CallActivityAsync(WorkflowActivities.RecordRefusal,
                    new RefusalRecord(context.InstanceId, received.InputId, received.Name, reason, now), WorkflowRetries.ReadModel));
                carry = Refused(context, carry with { Now = now }, received, reason, now);
                continue;
            }
            var transition = decision.IsNoOp ? carry.Transition : carry.Transition + 1;
            if (!decision.IsNoOp)
            {
                records.Add(context.CallActivityAsync(WorkflowActivities.RecordTransition, Record(context, decision, transition, received.InputId, now),
                    WorkflowRetries.ReadModel));
                decided.Add((decision, transition, now));
            }
            carry = Committed(carry, decision, received.InputId, transition, now);
        }
        await Task.WhenAll(records);
        foreach (var (decision, transition, now) in decided)
        {
            var sent = await EffectsAsync(context, carry, decision, transition, now);
            carry = carry with { Sent = WorkflowCarry.Keep([.. carry.Sent, .. sent], WorkflowCarry.SentLimit) };
        }
        return carry;
    }

    /// <summary>The carry after refusing <paramref name="received"/>: handled, and the refusal raised back on its sender.</summary>
    private static WorkflowCarry Refused(TaskOrchestrationContext context, WorkflowCarry carry, WorkflowInput received, string reason, DateTimeOffset now)
    {
        var sent = new List<SentInput>();
        // Tell the instance that raised it, so it can undo what it assumed (money sent comes back). A refusal of a refusal
        // is not sent back: that would ping-pong.
        if (received.From is { } sender && received.Name != RaisedEventRefusal.EventName)
        {
            var refusal = new RaisedEventRefusal(received.InputId, context.InstanceId, received.Name, reason, received.PayloadJson);
            var back = new WorkflowInput(RaisedEventRefusal.InputIdFor(received.InputId), RaisedEventRefusal.EventName,
                JsonSerializer.Serialize(refusal, OrchestrationJson.Default), SimulatedTime(carry, now), context.InstanceId);
            context.SendEvent(sender, WorkflowInput.EventName, back);
            sent.Add(new SentInput(sender, back.InputId));
        }
        return carry.WithHandled(received.InputId) with { Sent = WorkflowCarry.Keep([.. carry.Sent, .. sent], WorkflowCarry.SentLimit) };
    }

    private async Task<WorkflowCarry> ApplyAsync(TaskOrchestrationContext context, WorkflowCarry carry, Decision<TState> decision, string inputId,
        DateTimeOffset now)
    {
        var transition = decision.IsNoOp ? carry.Transition : carry.Transition + 1;
        if (decision.IsNoOp)
            return Committed(carry, decision, inputId, transition, now);
        await context.CallActivityAsync(WorkflowActivities.RecordTransition, Record(context, decision, transition, inputId, now), WorkflowRetries.ReadModel);
        var sent = await EffectsAsync(context, carry, decision, transition, now);
        var next = Committed(carry, decision, inputId, transition, now);
        return next with { Sent = WorkflowCarry.Keep([.. next.Sent, .. sent], WorkflowCarry.SentLimit) };
    }

    /// <summary>The read model of a transition.</summary>
    private TransitionRecord Record(TaskOrchestrationContext context, Decision<TState> decision, long transition, string inputId, DateTimeOffset now) => new(
        context.InstanceId, transition, inputId, now, decision.Status, decision.NextWakeUp, decision.IsCompleted,
        decision.Events, Summarize(decision.State), JsonSerializer.Serialize(decision.State, Decider.StateSerializerOptions),
        Decider.StateVersion, SummaryPartition);

    /// <summary>The carry after <paramref name="decision"/>: its state, wake-up and status, the input handled.</summary>
    private WorkflowCarry Committed(WorkflowCarry carry, Decision<TState> decision, string inputId, long transition, DateTimeOffset now) =>
        carry.WithHandled(inputId) with
        {
            StateVersion = Decider.StateVersion,
            StateJson = JsonSerializer.Serialize(decision.State, Decider.StateSerializerOptions),
            StartPayloadJson = null,
            Transition = transition,
            NextWakeUp = decision.NextWakeUp,
            Status = decision.Status,
            IsCompleted = decision.IsCompleted,
            Now = now,
        };

    /// <summary>Carries out a recorded transition's effects: its events raised (returned, for the clock driver), then its emails sent.</summary>
    private static async Task<IReadOnlyList<SentInput>> EffectsAsync(TaskOrchestrationContext context, WorkflowCarry carry, Decision<TState> decision,
        long transition, DateTimeOffset now)
    {
        var instance = context.InstanceId;
        var sent = new List<SentInput>();
        var emails = new List<EmailEffect>();
        for (var index = 0; index < decision.Effects.Count; index++)
        {
            var id = EffectId(instance, transition, index);
            switch (decision.Effects[index])
            {
                case Effect.SendEmail email:
                    emails.Add(new EmailEffect(id, instance, transition, index, email.Template, email.To, email.Cc, email.ModelJson));
                    break;
                case Effect.RaiseEvent raise:
                    var raised = new WorkflowInput(id, raise.Name, raise.PayloadJson, SimulatedTime(carry, now), instance);
                    context.SendEvent(raise.TargetInstanceId, WorkflowInput.EventName, raised);
                    sent.Add(new SentInput(raise.TargetInstanceId, id));
                    break;
            }
        }
        if (emails.Count > 0)
        {
            try
            {
                await context.CallActivityAsync<EmailBatchResult>(WorkflowActivities.SendEmails, new EmailBatch(instance, transition, emails), WorkflowRetries.Email);
            }
            catch (TaskFailedException ex)
            {
                // The transition stands; its emails stay in the email log as not sent, with the reason, for officers to see.
                context.CreateReplaySafeLogger(LoggerName).LogError("{Instance}: the emails of transition {Transition} could not be sent after retrying: {Reason}",
                    instance, transition, ex.FailureDetails.ErrorMessage);
            }
        }
        return sent;
    }

    /// <summary>The category of the replay-safe loggers (context.CreateReplaySafeLogger: silent while replaying).</summary>
    private static readonly string LoggerName = typeof(DeciderOrchestrator<TState>).Name;

    /// <summary>The id of a transition's effect: "ROC4/7/0" (instance, transition number, index).</summary>
    public static string EffectId(string instanceId, long transition, int index) => $"{instanceId}/{transition}/{index}";

    private TState Load(WorkflowCarry carry) => InstanceStateReader<TState>.StateOf(carry, Decider);

    private static OrchestrationInput ToDeciderInput(WorkflowInput input) => input.Name == WorkflowInput.WakeUpName
        ? new OrchestrationInput.WokeUp(input.InputId, input.At ?? DateTimeOffset.MinValue)
        : new OrchestrationInput.EventRaised(input.InputId, input.Name, input.PayloadJson);

    /// <summary>The time of a transition (<see cref="InputTime.Of"/>): the time of receipt on the real clock, bounded; the input's on a simulated one.</summary>
    private static DateTimeOffset TimeOf(TaskOrchestrationContext context, WorkflowCarry carry, WorkflowInput input) =>
        InputTime.Of(carry.Clock, carry.Now, context.CurrentUtcDateTime, input);

    private static DateTimeOffset? SimulatedTime(WorkflowCarry carry, DateTimeOffset now) => carry.Clock == WorkflowClock.Simulated ? now : null;
}
