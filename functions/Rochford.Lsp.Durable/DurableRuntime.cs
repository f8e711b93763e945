// Runs orchestration instances on Table Storage with Durable Task's guarantees (see ARCHITECTURE.md,
// "The durable workflow"): one transition = one entity-group transaction; effects leave through an
// outbox after commit; timers are durable and waking early is harmless; every input is idempotent.

using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rochford.Lsp.Durable.Storage;
using Rochford.Lsp.Tables;
using static Rochford.Lsp.Durable.Storage.WorkflowRows;

namespace Rochford.Lsp.Durable;

/// <summary>Hosts the instances of one orchestration type.</summary>
/// <remarks>
/// Write order of a transition, and why a crash between any two calls is safe:
/// <list type="number">
/// <item>Write-ahead to the index: the due row of the new wake-up, and an "outbox" due row if there are effects.
///   A crash after this leaves an extra due row: the tick wakes the instance, finds nothing due, deletes it.</item>
/// <item>Commit, atomically in the instance's partition and conditional on the state row's ETag: state, input marker,
///   history, outbox rows. A conflict reloads and decides again; a repeated input id fails on its marker and is a duplicate.</item>
/// <item>Dispatch the outbox rows and mark them done; delete the outbox due row; refresh the summary.
///   A crash here leaves pending rows that the outbox due row brings back to the next tick.</item>
/// </list>
/// A raised event its target refuses is fed back to the sender as <see cref="RaisedEventRefusal.EventName"/> (input id
/// <c>refused:{outbox id}</c>) before its row is parked; the refusal is written on the row first, so after a crash the sender
/// is still told and the target is not asked again. While the sender's own transition holds its lock, the tick does this.
/// Old wake-up rows are never deleted blindly: a tick deletes a due row (with its ETag) only once the state no longer needs it.
/// With <see cref="EffectDelivery.Background"/>, step 3's dispatch is handed to <see cref="RunDeliveryLoopAsync"/> and the call
/// returns after the commit; the outbox due row written in step 1 is what makes that as safe as dispatching inline.
/// </remarks>
public sealed class DurableRuntime<TState> where TState : class
{
    /// <summary>The most operations one entity-group transaction may hold.</summary>
    private const int TableBatchLimit = 100;

    private readonly IOrchestration<TState> _orchestration;
    private readonly TableClient _workflow;
    private readonly TableClient _index;
    private readonly IEffectDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly DurableRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Loaded> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    // One sweeper of an instance's outbox at a time in this host, so the delivery loop and the tick never send a row twice here.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _outboxLocks = new(StringComparer.Ordinal);
    private readonly Channel<DueRow> _deliveries = Channel.CreateUnbounded<DueRow>(new UnboundedChannelOptions { SingleReader = false });
    private int _deliveryLoops;

    /// <summary>Creates a runtime over two tables (created by <see cref="InitializeAsync"/>).</summary>
    public DurableRuntime(IOrchestration<TState> orchestration, TableClient workflowTable, TableClient indexTable,
        IEffectDispatcher dispatcher, TimeProvider time, DurableRuntimeOptions? options = null, ILogger? logger = null)
    {
        _orchestration = orchestration;
        _workflow = workflowTable;
        _index = indexTable;
        _dispatcher = dispatcher;
        _time = time;
        _options = options ?? new DurableRuntimeOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The runtime's clock.</summary>
    public TimeProvider Time => _time;

    /// <summary>Creates the tables if needed.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_workflow.CreateIfNotExistsAsync(cancellationToken), _index.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts an instance. Starting one that exists is a <see cref="InputOutcome.Duplicate"/> (so a start can be retried).
    /// </summary>
    public Task<InputResult> StartAsync(string instanceId, string payloadJson, CancellationToken cancellationToken = default)
    {
        EntityLimits.ValidateKey(instanceId, "instance id");
        return ApplyAsync(instanceId, new OrchestrationInput.Started("start", payloadJson), cancellationToken);
    }

    /// <summary>
    /// Raises an external event. <paramref name="eventId"/> makes it idempotent: the same id twice is one transition.
    /// Throws <see cref="InputRefusedException"/> when the decider refuses it, <see cref="InstanceNotFoundException"/> when there is no such instance.
    /// </summary>
    /// <param name="delivery">
    /// Whether the transition's effects are dispatched before this returns (the default), or handed to the background
    /// delivery loop so that a person waiting on a web page does not wait for the email provider.
    /// </param>
    public Task<InputResult> RaiseEventAsync(string instanceId, string eventName, string eventId, string payloadJson, CancellationToken cancellationToken = default,
        EffectDelivery delivery = EffectDelivery.BeforeReturning)
    {
        EntityLimits.ValidateKey(instanceId, "instance id");
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        return ApplyAsync(instanceId, new OrchestrationInput.EventRaised(eventId, eventName, payloadJson), cancellationToken, delivery);
    }

    /// <summary>
    /// Dispatches the effects of transitions made with <see cref="EffectDelivery.Background"/>, as soon as each commits,
    /// until <paramref name="cancellationToken"/> is cancelled. Run one per host; while none runs, such effects are dispatched
    /// before the call returns. A delivery that fails here is retried by the tick, like any other.
    /// </summary>
    public async Task RunDeliveryLoopAsync(int parallelism, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        Interlocked.Increment(ref _deliveryLoops);
        try
        {
            await Parallel.ForEachAsync(_deliveries.Reader.ReadAllAsync(cancellationToken),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (due, ct) =>
                {
                    try
                    {
                        await DeliverOutboxAsync(due.InstanceId, [due], ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The outbox due row is still there: the next tick delivers what this could not.
                        _logger.LogWarning(ex, "Background delivery for {InstanceId} failed; the tick will retry it", due.InstanceId);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _deliveryLoops);
        }
    }

    /// <summary>
    /// Delivers due wake-ups and sweeps undelivered effects. Safe to call from several hosts at once, early, or twice.
    /// </summary>
    public async Task<TickResult> TickAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition} and RowKey ge {DuePrefix} and RowKey lt {DueUpperBound(now)}");
        var due = new List<DueRow>();
        await foreach (var e in _index.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            due.Add(ToDue(e));
        if (due.Count == 0) return new TickResult(0, 0, 0, 0);

        int woke = 0, dispatched = 0, failures = 0;
        await Parallel.ForEachAsync(due.GroupBy(d => d.InstanceId),
            new ParallelOptions { MaxDegreeOfParallelism = _options.TickParallelism, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                try
                {
                    var (w, d) = await ProcessDueAsync(group.Key, group.ToList(), now, ct).ConfigureAwait(false);
                    Interlocked.Add(ref woke, w);
                    Interlocked.Add(ref dispatched, d);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    _logger.LogWarning(ex, "Tick could not process instance {InstanceId}; it will be retried next tick", group.Key);
                }
            }).ConfigureAwait(false);
        return new TickResult(due.Count, woke, dispatched, failures);
    }

    /// <summary>The earliest time anything is due (a wake-up or a retry), or null when nothing is scheduled.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        var filter = PrefixFilter(IndexPartition, DuePrefix);
        await foreach (var page in _index.QueryAsync(filter, maxPerPage: 1, select: ["DueAt"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            if (page.Values.Count > 0) return page.Values[0].GetDateTimeOffset("DueAt");
        }
        return null;
    }

    /// <summary>Lists every instance with its status and next wake-up, from the summary index (no history is read).</summary>
    public async Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<InstanceSummary>();
        await foreach (var e in _index.QueryAsync(PrefixFilter(IndexPartition, SummaryPrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(ToSummary(e));
        return list;
    }

    /// <summary>Reads an instance's current state, or null when it does not exist.</summary>
    public async Task<InstanceSnapshot<TState>?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return loaded is null ? null : new InstanceSnapshot<TState>(instanceId, loaded.State, loaded.Row.Status, loaded.Row.NextWakeUp,
            loaded.Row.IsCompleted, loaded.Row.Sequence, loaded.Row.CreatedAt, loaded.Row.UpdatedAt);
    }

    /// <summary>Reads an instance's history, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryRecord>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var list = new List<HistoryRecord>();
        await foreach (var e in _workflow.QueryAsync(PrefixFilter(instanceId, HistoryPrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(ToHistory(e));
        return list;
    }

    /// <summary>Reads an instance's outbox (pending, delivered and parked effects), oldest first.</summary>
    public async Task<IReadOnlyList<OutboxRecord>> GetOutboxAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var list = new List<OutboxRecord>();
        await foreach (var e in _workflow.QueryAsync(PrefixFilter(instanceId, OutboxPrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(OutboxIds.ToRecord(ToOutbox(e)));
        return list;
    }

    // ------------------------------------------------------------------ transitions

    private sealed record Loaded(StateRowData Row, TState State);

    private async Task<InputResult> ApplyAsync(string instanceId, OrchestrationInput input, CancellationToken cancellationToken,
        EffectDelivery delivery = EffectDelivery.BeforeReturning)
    {
        var gate = _locks.GetOrAdd(instanceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var loaded = _options.CacheState && _cache.TryGetValue(instanceId, out var cached)
                    ? cached
                    : await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await TryTransitionAsync(instanceId, loaded, input, delivery, cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && ex.Status is 412 or 409)
                {
                    // The state row changed (or was created) since we read it: read it again and decide again.
                    _cache.TryRemove(instanceId, out _);
                    if (attempt >= _options.MaxConflictRetries) throw new TransitionConflictException(instanceId, attempt);
                    await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<InputResult> TryTransitionAsync(string instanceId, Loaded? loaded, OrchestrationInput input, EffectDelivery delivery, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Decision<TState> decision;
        switch (input)
        {
            case OrchestrationInput.Started started:
                if (loaded is not null) return new InputResult(InputOutcome.Duplicate, loaded.Row.Sequence, loaded.Row.Status);
                decision = _orchestration.Start(instanceId, started, now);
                break;
            case OrchestrationInput.WokeUp when loaded is null:
                return new InputResult(InputOutcome.NoChange, 0, "");
            case OrchestrationInput.WokeUp when loaded.Row.NextWakeUp is not { } wake || wake > now:
                // Woken early, or another host already handled this wake-up: nothing is due.
                return new InputResult(InputOutcome.NoChange, loaded.Row.Sequence, loaded.Row.Status);
            default:
                if (loaded is null) throw new InstanceNotFoundException(instanceId);
                decision = _orchestration.Decide(loaded.State, input, now);
                break;
        }

        var stateJson = JsonSerializer.Serialize(decision.State, _orchestration.StateSerializerOptions);
        if (loaded is not null && decision.IsNoOp && stateJson == loaded.Row.StateJson && decision.NextWakeUp == loaded.Row.NextWakeUp
            && decision.Status == loaded.Row.Status && decision.IsCompleted == loaded.Row.IsCompleted && loaded.Row.Version == _orchestration.StateVersion)
            return new InputResult(InputOutcome.NoChange, loaded.Row.Sequence, loaded.Row.Status);

        var seq = (loaded?.Row.Sequence ?? 0) + 1;
        var row = new StateRowData(instanceId, _orchestration.Name, _orchestration.StateVersion, stateJson, seq, decision.Status,
            decision.NextWakeUp, decision.IsCompleted, loaded?.Row.CreatedAt ?? now, now, default);

        // 1. Write-ahead: make sure a tick will look at this instance when it must.
        var ahead = new List<TableTransactionAction>();
        if (decision.NextWakeUp is { } next && next != loaded?.Row.NextWakeUp)
            ahead.Add(new(TableTransactionActionType.UpsertReplace, ToDueEntity(instanceId, DueKind.Wake, next)));
        TableEntity? outboxDue = null;
        if (decision.Effects.Count > 0)
        {
            outboxDue = ToDueEntity(instanceId, DueKind.Outbox, now);
            ahead.Add(new(TableTransactionActionType.UpsertReplace, outboxDue));
        }
        if (ahead.Count > 0) await _index.SubmitTransactionAsync(ahead, cancellationToken).ConfigureAwait(false);

        // 2. Commit, atomically.
        var stateEntity = ToEntity(row);
        var actions = new List<TableTransactionAction>
        {
            loaded is null
                ? new(TableTransactionActionType.Add, stateEntity)
                : new(TableTransactionActionType.UpdateReplace, stateEntity, loaded.Row.ETag),
            new(TableTransactionActionType.Add, new TableEntity(instanceId, InputKey(input.InputId)) { ["InputId"] = Truncate(input.InputId), ["Sequence"] = seq, ["At"] = now }),
        };
        for (var i = 0; i < decision.Events.Count; i++)
            actions.Add(new(TableTransactionActionType.Add, ToEntity(instanceId, seq, i, now, input.InputId, decision.Events[i])));
        for (var i = 0; i < decision.Effects.Count; i++)
            actions.Add(new(TableTransactionActionType.Add, ToEntity(instanceId, seq, i, now, decision.Effects[i])));
        if (actions.Count > TableBatchLimit)
            throw new InvalidOperationException($"A transition of '{instanceId}' produced {decision.Events.Count} events and {decision.Effects.Count} effects; at most {TableBatchLimit - 2} fit in one atomic commit.");

        try
        {
            await _workflow.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 1 && ex.Status == 409)
        {
            // The input marker exists: this input id was delivered before. Nothing more to do.
            return new InputResult(InputOutcome.Duplicate, loaded?.Row.Sequence ?? 0, loaded?.Row.Status ?? "");
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && ex.Status is 412 or 409 && input is OrchestrationInput.Started)
        {
            _cache.TryRemove(instanceId, out _);
            var existing = await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            return new InputResult(InputOutcome.Duplicate, existing?.Row.Sequence ?? 0, existing?.Row.Status ?? "");
        }

        var committed = new Loaded(row with { ETag = stateEntity.ETag }, decision.State);
        if (_options.CacheState) _cache[instanceId] = committed;

        // 3. After commit: deliver effects, then tidy the index. Failures here are repaired by the tick.
        try
        {
            if (outboxDue is not null && delivery == EffectDelivery.Background && Volatile.Read(ref _deliveryLoops) > 0)
            {
                _deliveries.Writer.TryWrite(ToDue(outboxDue));
            }
            else if (decision.Effects.Count > 0)
            {
                var rows = actions.Skip(2 + decision.Events.Count).Select(a => ToOutbox(a.Entity)).ToList();
                // This instance's lock is held here, so a refusal cannot be fed back to it now: the tick does that.
                var allDone = await DispatchRowsAsync(rows, canFeedBack: false, cancellationToken).ConfigureAwait(false);
                if (allDone && outboxDue is not null)
                    await DeleteIndexRowAsync(outboxDue.RowKey, outboxDue.ETag, cancellationToken).ConfigureAwait(false);
            }
            if (loaded is null || loaded.Row.Status != row.Status || loaded.Row.NextWakeUp != row.NextWakeUp || loaded.Row.IsCompleted != row.IsCompleted)
                await _index.UpsertEntityAsync(ToSummaryEntity(row), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException)
        {
            _logger.LogWarning(ex, "After committing transition {Sequence} of {InstanceId}, tidying up failed; the next tick repairs it", seq, instanceId);
        }
        return new InputResult(InputOutcome.Committed, seq, row.Status);
    }

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..1000];

    private async Task<Loaded?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await _workflow.GetEntityIfExistsAsync(instanceId, StateRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue) return null;
        var row = FromStateEntity(response.Value!);
        var state = row.Version == _orchestration.StateVersion
            ? JsonSerializer.Deserialize<TState>(row.StateJson, _orchestration.StateSerializerOptions)
              ?? throw new InvalidDataException($"The state of '{instanceId}' is empty.")
            : row.Version < _orchestration.StateVersion
                ? _orchestration.Migrate(row.Version, row.StateJson)
                : throw new InvalidDataException($"The state of '{instanceId}' has version {row.Version}, newer than this code's {_orchestration.StateVersion}: deploy the newer code.");
        var loaded = new Loaded(row, state);
        if (_options.CacheState) _cache[instanceId] = loaded;
        return loaded;
    }

    // ------------------------------------------------------------------ tick and outbox

    private async Task<(int Woke, int Dispatched)> ProcessDueAsync(string instanceId, List<DueRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outboxRows = rows.Where(r => r.Kind == DueKind.Outbox).ToList();
        var dispatched = outboxRows.Count > 0 ? await DeliverOutboxAsync(instanceId, outboxRows, cancellationToken).ConfigureAwait(false) : 0;

        // Always read fresh storage here: another host may have moved the instance on.
        _cache.TryRemove(instanceId, out _);
        var woke = 0;
        var loaded = await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (loaded?.Row.NextWakeUp is { } wake && wake <= now)
        {
            var result = await ApplyAsync(instanceId, new OrchestrationInput.WokeUp($"wake_{wake.UtcTicks}_{loaded.Row.Sequence}", wake), cancellationToken).ConfigureAwait(false);
            if (result.Outcome == InputOutcome.Committed) woke = 1;
            _cache.TryGetValue(instanceId, out loaded);
            loaded ??= await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var r in rows.Where(r => r.Kind == DueKind.Wake))
        {
            // Keep the row the state still points at (a decider that re-asks for the same time); delete the rest.
            if (loaded?.Row.NextWakeUp != r.DueAt)
                await DeleteIndexRowAsync(r.RowKey, r.ETag, cancellationToken).ConfigureAwait(false);
        }
        if (loaded is not null)
            await _index.UpsertEntityAsync(ToSummaryEntity(loaded.Row), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return (woke, dispatched);
    }

    /// <summary>
    /// Sweeps an instance's outbox for the given outbox due rows (the tick's, or the delivery loop's), schedules a retry for
    /// what asks for one, then deletes those due rows. Returns how many outbox rows were dispatched.
    /// </summary>
    private async Task<int> DeliverOutboxAsync(string instanceId, IReadOnlyList<DueRow> outboxDueRows, CancellationToken cancellationToken)
    {
        var gate = _outboxLocks.GetOrAdd(instanceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (count, retryAt) = await SweepOutboxAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (retryAt is { } later)
                await _index.UpsertEntityAsync(ToDueEntity(instanceId, DueKind.Outbox, later), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            foreach (var r in outboxDueRows) await DeleteIndexRowAsync(r.RowKey, r.ETag, cancellationToken).ConfigureAwait(false);
            return count;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Dispatches every pending outbox row of an instance; returns how many were settled and when to retry the rest.</summary>
    private async Task<(int Settled, DateTimeOffset? RetryAt)> SweepOutboxAsync(string instanceId, CancellationToken cancellationToken)
    {
        var filter = PrefixFilter(instanceId, OutboxPrefix) + " and " + TableClient.CreateQueryFilter($"State eq {nameof(OutboxState.Pending)}");
        var pending = new List<OutboxRow>();
        await foreach (var e in _workflow.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            pending.Add(ToOutbox(e));
        var before = pending.Count;
        var allDone = await DispatchRowsAsync(pending, canFeedBack: true, cancellationToken).ConfigureAwait(false);
        if (allDone) return (before, null);

        // Some asked to be retried: come back at the earliest retry time.
        var attempts = pending.Max(p => p.Attempts) + 1;
        var backoff = TimeSpan.FromSeconds(Math.Min(_options.MaxDispatchBackoff.TotalSeconds, 30 * Math.Pow(2, Math.Min(attempts, 16))));
        return (before, _time.GetUtcNow() + backoff);
    }

    /// <summary>
    /// Dispatches rows in order and records each outcome on its row. True when none is left pending.
    /// A raised event its target refuses is fed back to the sender (<see cref="RaisedEventRefusal"/>) before the row is parked;
    /// when <paramref name="canFeedBack"/> is false (the sender's lock is held) the row stays pending, marked refused, for the tick.
    /// </summary>
    private async Task<bool> DispatchRowsAsync(IReadOnlyList<OutboxRow> rows, bool canFeedBack, CancellationToken cancellationToken)
    {
        var allSettled = true;
        foreach (var row in rows.OrderBy(r => r.Sequence).ThenBy(r => r.Index))
        {
            var outboxId = OutboxIds.Create(row.InstanceId, row.Sequence, row.Index);
            var attempt = row.Attempts + 1;
            if (row.Effect is Effect.RaiseEvent refusedRaise && row.RefusedReason is { } refusedReason)
            {
                // Refused on an earlier attempt; only the sender's notice is missing. The target is not asked again.
                if (!canFeedBack || !await FeedBackRefusalAsync(row, outboxId, refusedRaise, refusedReason, attempt, cancellationToken).ConfigureAwait(false))
                    allSettled = false;
                continue;
            }
            DispatchOutcome outcome;
            try
            {
                if (row.Effect is Effect.RaiseEvent raise)
                {
                    var (raised, refusal) = await RaiseFromOutboxAsync(outboxId, raise, cancellationToken).ConfigureAwait(false);
                    if (refusal is not null)
                    {
                        // Remember the refusal first, so that after a crash the sender is still told and the target is not asked twice.
                        await MergeOutboxAsync(new TableEntity(row.InstanceId, OutboxKey(row.Sequence, row.Index))
                        {
                            ["Attempts"] = attempt,
                            ["RefusedReason"] = Truncate(refusal),
                            ["LastError"] = Truncate($"{raise.TargetInstanceId} refused {raise.Name}: {refusal}"),
                        }, cancellationToken).ConfigureAwait(false);
                        if (!canFeedBack || !await FeedBackRefusalAsync(row, outboxId, raise, refusal, attempt, cancellationToken).ConfigureAwait(false))
                            allSettled = false;
                        continue;
                    }
                    outcome = raised;
                }
                else
                {
                    outcome = await _dispatcher.DispatchAsync(new OutboxMessage(outboxId, row.InstanceId, row.Effect, attempt), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcome = new DispatchOutcome.RetryLater(ex.Message, TimeSpan.FromSeconds(30));
            }
            if (outcome is DispatchOutcome.RetryLater && attempt >= _options.MaxDispatchAttempts)
                outcome = new DispatchOutcome.Parked($"Gave up after {attempt} attempts: {((DispatchOutcome.RetryLater)outcome).Reason}");

            var update = new TableEntity(row.InstanceId, OutboxKey(row.Sequence, row.Index)) { ["Attempts"] = attempt };
            switch (outcome)
            {
                case DispatchOutcome.Delivered:
                    update["State"] = nameof(OutboxState.Done);
                    update["DeliveredAt"] = _time.GetUtcNow();
                    break;
                case DispatchOutcome.Parked parked:
                    update["State"] = nameof(OutboxState.Parked);
                    update["LastError"] = Truncate(parked.Reason);
                    _logger.LogWarning("Outbox {OutboxId} parked: {Reason}", outboxId, parked.Reason);
                    break;
                case DispatchOutcome.RetryLater retry:
                    update["LastError"] = Truncate(retry.Reason);
                    allSettled = false;
                    break;
            }
            await MergeOutboxAsync(update, cancellationToken).ConfigureAwait(false);
        }
        return allSettled;
    }

    private async Task MergeOutboxAsync(TableEntity update, CancellationToken cancellationToken)
    {
        try
        {
            await _workflow.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (TableNotFoundException)
        {
            // The row is gone (nothing removes outbox rows today): nothing to record.
        }
    }

    /// <summary>Raises an outbox event on its target: delivered, or the reason the target refused it (or does not exist).</summary>
    private async Task<(DispatchOutcome Outcome, string? Refusal)> RaiseFromOutboxAsync(string outboxId, Effect.RaiseEvent raise, CancellationToken cancellationToken)
    {
        try
        {
            await RaiseEventAsync(raise.TargetInstanceId, raise.Name, "outbox:" + outboxId, raise.PayloadJson, cancellationToken).ConfigureAwait(false);
            return (DispatchOutcome.Done, null);
        }
        catch (InputRefusedException ex)
        {
            return (DispatchOutcome.Done, ex.Message);
        }
        catch (InstanceNotFoundException ex)
        {
            return (DispatchOutcome.Done, ex.Message);
        }
    }

    /// <summary>
    /// Tells the sender that its raised event was refused, then parks the row (kept for officers to see).
    /// True when settled: told, or the sender itself refused the notice (logged; nothing more can be done).
    /// </summary>
    private async Task<bool> FeedBackRefusalAsync(OutboxRow row, string outboxId, Effect.RaiseEvent raise, string reason, int attempt, CancellationToken cancellationToken)
    {
        var notice = new RaisedEventRefusal(outboxId, raise.TargetInstanceId, raise.Name, reason, raise.PayloadJson);
        var parkedReason = $"{raise.TargetInstanceId} refused {raise.Name}: {reason}";
        try
        {
            await RaiseEventAsync(row.InstanceId, RaisedEventRefusal.EventName, RaisedEventRefusal.InputIdFor(outboxId),
                JsonSerializer.Serialize(notice), cancellationToken).ConfigureAwait(false);
            parkedReason += $" (told {row.InstanceId})";
        }
        catch (InputRefusedException ex)
        {
            _logger.LogWarning("Outbox {OutboxId}: {Instance} refused the notice that {Target} refused {Name}: {Reason}", outboxId, row.InstanceId, raise.TargetInstanceId, raise.Name, ex.Message);
            parkedReason += $" ({row.InstanceId} refused the notice: {ex.Message})";
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not InstanceNotFoundException)
        {
            // Storage trouble: the row stays pending and refused, and the next tick tries the notice again.
            _logger.LogWarning(ex, "Outbox {OutboxId}: could not yet tell {Instance} that its event was refused", outboxId, row.InstanceId);
            return false;
        }
        _logger.LogWarning("Outbox {OutboxId} parked: {Reason}", outboxId, parkedReason);
        await MergeOutboxAsync(new TableEntity(row.InstanceId, OutboxKey(row.Sequence, row.Index))
        {
            ["Attempts"] = attempt,
            ["State"] = nameof(OutboxState.Parked),
            ["LastError"] = Truncate(parkedReason),
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task DeleteIndexRowAsync(string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _index.DeleteEntityAsync(IndexPartition, rowKey, etag == default ? ETag.All : etag, cancellationToken).ConfigureAwait(false);
        }
        catch (TableRequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone, or rewritten since we read it (then it is still needed): leave it.
        }
    }
}
