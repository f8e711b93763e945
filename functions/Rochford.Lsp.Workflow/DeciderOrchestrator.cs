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
/// <item>No failure ends an instance (ARCHITECTURE.md rule 7): the read model's activities are retried with back-off and no cap,
///   and the instance shows itself stuck (what, why, since when) while they fail; any exception from the decider refuses the
///   input; anything else that fails keeps the inputs not yet committed in the carry and tries them again later.</item>
/// <item>Each execution runs the loop version it started on (<see cref="WorkflowLoops"/>), so a deploy never replays a history
///   against other code.</item>
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

    /// <summary>
    /// The newest loop version this code runs. Each execution runs the loop its carry names (<see cref="WorkflowCarry.Loop"/>),
    /// and every ContinueAsNew moves the instance to this one.
    /// </summary>
    protected virtual int LatestLoop => WorkflowLoops.Latest;

    /// <inheritdoc />
    public override Task<string?> RunAsync(TaskOrchestrationContext context, WorkflowCarry carry)
    {
        ArgumentNullException.ThrowIfNull(carry);
        return RunLoopAsync(carry.LoopVersion, context, carry);
    }

    /// <summary>
    /// Runs loop version <paramref name="loop"/>: the version the execution's history was recorded by, so a replay after a deploy
    /// meets exactly the code that recorded it (ARCHITECTURE.md rule 4). A new loop version is added beside the older ones
    /// (override this, and <see cref="LatestLoop"/>); an older one goes once no instance runs it (<see cref="WorkflowStatus.Loop"/>).
    /// </summary>
    protected virtual Task<string?> RunLoopAsync(int loop, TaskOrchestrationContext context, WorkflowCarry carry) => loop switch
    {
        1 => LoopOneAsync(context, carry),
        _ => LoopNotKnownAsync(context, carry),
    };

    /// <summary>Loop version 1 (see <see cref="WorkflowLoops"/>). Frozen once released: change the loop by adding a version.</summary>
    private async Task<string?> LoopOneAsync(TaskOrchestrationContext context, WorkflowCarry carry)
    {
        // One wait for the next input is always open, registered before any activity is awaited, and an execution ends
        // (ContinueAsNew) only once that wait is still open after a settling timer. Why: the worker hands an input that
        // arrives after ContinueAsNew to whatever wait is open, and forwards a buffered one to the next execution, which
        // the in-memory engine drops (measured: Rochford.Lsp.Workflow.Tests, InputsArrivingWhileActivitiesRun_AreAllHandled
        // and ReallocatedFunds_RefusedByACompletedProject_TravelBackToTheSenderByEvent lose inputs without this).
        var waiter = context.WaitForExternalEvent<WorkflowInput>(WorkflowInput.EventName);
        var board = new StatusBoard(context);
        // What a failure falls back to (see RetryLaterAsync): the carry as of the last inputs whose work all completed, and
        // every input this execution took.
        var committed = carry;
        var taken = new List<WorkflowInput>();
        try
        {
            if (carry.StateJson is null)
            {
                var (started, refusal) = await StartAsync(context, carry, board);
                if (started is null)
                    return refusal;
                carry = committed = started;
            }
            else
            {
                board.Show(carry);
                IReadOnlyList<WorkflowInput> first;
                if (carry.Pending.Count > 0)
                {
                    // Inputs an earlier execution took and could not commit come first, before anything newer.
                    first = carry.Pending;
                }
                else
                {
                    var next = await NextInputAsync(context, carry, waiter);
                    if (next.FromWaiter)
                        waiter = context.WaitForExternalEvent<WorkflowInput>(WorkflowInput.EventName);
                    first = [next.Input];
                }
                taken.AddRange(first);
                carry = committed = await DecideAndApplyAllAsync(context, carry with { Pending = [] }, first, board);
            }
            // Shown from the first checkpoint on (the clock driver waits for instances that show none yet) and after every input,
            // so "handled" is visible once the input's activities ran and its events were sent, without waiting for ContinueAsNew.
            board.Show(carry);
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
                    taken.AddRange(inputs);
                    carry = committed = await DecideAndApplyAllAsync(context, carry, inputs, board);
                    board.Show(carry);
                }
                // Let inputs already delivered with the last activity's result reach the open wait before continuing as new.
                using var settle = new CancellationTokenSource();
                settled = await Task.WhenAny(waiter, context.CreateTimer(context.CurrentUtcDateTime, settle.Token)) != waiter;
                if (!settled) settle.Cancel();
            }
        }
        catch (Exception ex)
        {
            // No failure ends an instance (ARCHITECTURE.md rule 7): whatever escaped (an activity the engine will not retry, a
            // bug outside the decider, a state this code cannot read) delays the inputs, which wait in the carry.
            return await RetryLaterAsync(context, committed, taken, waiter, ex, board);
        }
        context.ContinueAsNew(carry with { Loop = LatestLoop }, preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>
    /// After a failure: shows the instance as stuck (what, why, since when), waits 1 s, 2 s, 4 s ... at most five minutes (more
    /// each time it fails again), keeping every input that arrives meanwhile, then continues as new from
    /// <paramref name="committed"/> with every input not committed yet pending, so the next execution tries them again first.
    /// </summary>
    private async Task<string?> RetryLaterAsync(TaskOrchestrationContext context, WorkflowCarry committed, IReadOnlyList<WorkflowInput> taken,
        Task<WorkflowInput> waiter, Exception failure, StatusBoard board)
    {
        var pending = new List<WorkflowInput>();
        void Keep(WorkflowInput input)
        {
            if (!committed.HasHandled(input.InputId) && !pending.Exists(p => p.InputId == input.InputId))
                pending.Add(input);
        }
        foreach (var input in committed.Pending.Concat(taken))
            Keep(input);
        var attempts = (committed.Stuck?.Attempts ?? 0) + 1;
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var what = committed.StateJson is null
            ? "starting"
            : pending.Count == 0 ? "continuing" : $"handling {string.Join(", ", pending.Take(5).Select(i => $"{i.Name} ({i.InputId})"))}";
        var stuck = WorkflowProblem.Of(committed.Stuck?.Since ?? now, what, $"{failure.GetType().Name}: {failure.Message}", attempts);
        context.CreateReplaySafeLogger(LoggerName).LogError(failure, "{Instance} is stuck {What} (attempt {Attempts}); trying again in {Wait}",
            context.InstanceId, what, attempts, WorkflowRetries.WaitAfter(attempts));
        board.Show(committed with { Stuck = stuck });

        using var cancelWait = new CancellationTokenSource();
        var wait = context.CreateTimer(WorkflowRetries.WaitAfter(attempts), cancelWait.Token);
        while (await Task.WhenAny(waiter, wait) == waiter)
        {
            Keep(waiter.Result);
            waiter = context.WaitForExternalEvent<WorkflowInput>(WorkflowInput.EventName);
        }
        context.ContinueAsNew(committed with { Pending = pending, Stuck = stuck, Loop = LatestLoop }, preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>
    /// An execution of a loop version this code does not have (the code was rolled back past it): it is left as it is and tried
    /// again every five minutes, showing why, until code that has the version runs it. Roll forward, not back.
    /// </summary>
    private async Task<string?> LoopNotKnownAsync(TaskOrchestrationContext context, WorkflowCarry carry)
    {
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var stuck = WorkflowProblem.Of(carry.Stuck?.Since ?? now, "waiting for newer code",
            $"This instance runs loop version {carry.LoopVersion}, newer than this code's {LatestLoop}: deploy the newer code.", (carry.Stuck?.Attempts ?? 0) + 1);
        context.CreateReplaySafeLogger(LoggerName).LogError("{Instance}: {Reason}", context.InstanceId, stuck.Reason);
        context.SetCustomStatus(WorkflowStatus.Of(carry with { Stuck = stuck }));
        await context.CreateTimer(WorkflowRetries.LongestWait, CancellationToken.None);
        context.ContinueAsNew(carry with { Stuck = stuck }, preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>
    /// The custom status of one execution: the carry as it last committed, shown as stuck while an activity call keeps failing
    /// (<see cref="WorkflowRetries.Durably"/>) or after a failure (<see cref="WorkflowCarry.Stuck"/>).
    /// </summary>
    private sealed class StatusBoard(TaskOrchestrationContext context)
    {
        private WorkflowCarry? _carry;
        private WorkflowProblem? _retrying;

        private WorkflowProblem? _busy;

        /// <summary>Shows <paramref name="carry"/> (stuck only if it says so), waiting for its next input.</summary>
        public void Show(WorkflowCarry carry)
        {
            _carry = carry;
            _retrying = null;
            _busy = null;
            Publish();
        }

        /// <summary>The instance starts the activities of <paramref name="what"/>: shown (with the time) until the next <see cref="Show"/>.</summary>
        public void Busy(string what)
        {
            _busy = WorkflowProblem.Of(new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), what, "waiting for its activities", 0);
            Publish();
        }

        /// <summary>An activity call keeps failing: the instance shows <paramref name="problem"/> until the next <see cref="Show"/>.</summary>
        public void Retrying(WorkflowProblem problem)
        {
            _retrying = problem;
            Publish();
        }

        // Before the first checkpoint an instance shows no status (it is starting), unless it is stuck: then it shows that.
        private void Publish()
        {
            if (_carry is { } carry)
                context.SetCustomStatus(WorkflowStatus.Of(_retrying is { } problem ? carry with { Stuck = problem } : carry) with { Busy = _busy });
        }

        /// <summary>Shows a stuck start: the carry the instance started from, with the problem.</summary>
        public void RetryingStart(WorkflowCarry start, WorkflowProblem problem)
        {
            _carry ??= start;
            Retrying(problem);
        }
    }

    private async Task<(WorkflowCarry? Started, string? Refusal)> StartAsync(TaskOrchestrationContext context, WorkflowCarry carry, StatusBoard board)
    {
        var log = context.CreateReplaySafeLogger(LoggerName);
        var now = carry.Clock == WorkflowClock.Simulated ? carry.Now : new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        Decision<TState> decision;
        try
        {
            decision = Decider.Start(context.InstanceId, new OrchestrationInput.Started("start", carry.StartPayloadJson ?? "{}"), now);
        }
        catch (Exception ex)
        {
            // Any exception is a refusal of the start, never a failure: a start the decider cannot take is answered with why.
            var reason = ex is InputRefusedException ? ex.Message : $"{context.InstanceId} could not be started: {Unexpected(ex)}";
            if (ex is InputRefusedException) log.LogWarning("Start of {Instance} refused: {Reason}", context.InstanceId, reason);
            else log.LogError(ex, "Start of {Instance} failed with an unexpected error; refused: {Reason}", context.InstanceId, reason);
            await context.CallActivityAsync(WorkflowActivities.RecordRefusal, new RefusalRecord(context.InstanceId, "start", "Start", reason, now),
                WorkflowRetries.Durably(p => board.RetryingStart(carry, p), "recording its refused start"));
            return (null, reason);
        }
        return (await ApplyAsync(context, carry with { Now = now }, decision, "start", now, board), null);
    }

    /// <summary>An unexpected exception in words: its type and message, for the refusal people see and the logs.</summary>
    private static string Unexpected(Exception ex) => $"an error in the app ({ex.GetType().Name}: {ex.Message}). Nothing changed";

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
    /// <remarks>
    /// Any exception the decider throws refuses the input (recorded for people, the input handled, a sender told): an input the
    /// decider cannot take never fails the instance. One it did not expect is logged as an error and shown as the instance's
    /// <see cref="WorkflowCarry.LastError"/>. What fails outside the decider (a state this code cannot read, an activity the
    /// engine will not retry) escapes to the loop, which keeps the inputs and tries them again later.
    /// </remarks>
    private async Task<WorkflowCarry> DecideAndApplyAllAsync(TaskOrchestrationContext context, WorkflowCarry carry, IReadOnlyList<WorkflowInput> inputs,
        StatusBoard board)
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
            if (received.Name == WorkflowLoops.MoveInputName)
            {
                // Not the decider's: it only ends this execution, so the instance continues as new on the newest loop.
                carry = carry.WithHandled(received.InputId);
                continue;
            }
            var now = TimeOf(context, carry, received);
            // Outside the decider's try: a stored state this code cannot read is no fault of the input.
            var state = Load(carry);
            Decision<TState> decision;
            try
            {
                decision = Decider.Decide(state, ToDeciderInput(received), now);
            }
            catch (Exception ex)
            {
                var expected = ex is InputRefusedException or JsonException or FormatException or ArgumentException;
                var reason = ex is InputRefusedException ? ex.Message
                    : expected ? $"{context.InstanceId}: {received.Name} could not be read: {ex.Message}"
                    : $"{context.InstanceId}: {received.Name} could not be handled because of {Unexpected(ex)}.";
                if (expected)
                    log.LogWarning("{Instance}: {Name} ({InputId}) refused: {Reason}", context.InstanceId, received.Name, received.InputId, reason);
                else
                    log.LogError(ex, "{Instance}: {Name} ({InputId}) failed with an unexpected error; refused: {Reason}", context.InstanceId, received.Name,
                        received.InputId, reason);
                records.Add(context.CallActivityAsync(WorkflowActivities.RecordRefusal,
                    new RefusalRecord(context.InstanceId, received.InputId, received.Name, reason, now),
                    WorkflowRetries.Durably(board.Retrying, $"recording why {received.Name} ({received.InputId}) was refused")));
                carry = Refused(context, carry with { Now = now }, received, reason, now);
                if (!expected)
                    carry = carry with { LastError = WorkflowProblem.Of(new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), $"{received.Name} ({received.InputId})", reason, 1) };
                continue;
            }
            var transition = decision.IsNoOp ? carry.Transition : carry.Transition + 1;
            if (!decision.IsNoOp)
            {
                records.Add(context.CallActivityAsync(WorkflowActivities.RecordTransition, Record(context, decision, transition, received.InputId, now),
                    WorkflowRetries.Durably(board.Retrying, $"recording transition {transition} ({received.Name})")));
                decided.Add((decision, transition, now));
            }
            carry = Committed(carry, decision, received.InputId, transition, now);
        }
        if (records.Count > 0)
            board.Busy($"handling {string.Join(", ", inputs.Take(5).Select(i => $"{i.Name} ({i.InputId})"))}{(inputs.Count > 5 ? " ..." : "")}");
        await Task.WhenAll(records);
        foreach (var (decision, transition, now) in decided)
        {
            var sent = await EffectsAsync(context, carry, decision, transition, now);
            carry = carry with { Sent = WorkflowCarry.Keep([.. carry.Sent, .. sent], WorkflowCarry.SentLimit) };
        }
        // Everything this batch did has completed: whatever had the instance stuck is behind it.
        return carry with { Stuck = null };
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
        DateTimeOffset now, StatusBoard board)
    {
        var transition = decision.IsNoOp ? carry.Transition : carry.Transition + 1;
        if (decision.IsNoOp)
            return Committed(carry, decision, inputId, transition, now) with { Stuck = null };
        await context.CallActivityAsync(WorkflowActivities.RecordTransition, Record(context, decision, transition, inputId, now),
            WorkflowRetries.Durably(p => board.RetryingStart(carry, p), $"recording transition {transition} (its start)"));
        var sent = await EffectsAsync(context, carry, decision, transition, now);
        var next = Committed(carry, decision, inputId, transition, now);
        return next with { Sent = WorkflowCarry.Keep([.. next.Sent, .. sent], WorkflowCarry.SentLimit), Stuck = null };
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
