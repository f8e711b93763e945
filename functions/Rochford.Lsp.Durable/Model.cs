// Public shapes of the durable runtime: what callers get back from raising events and ticking,
// and what the queries return for the dashboard and tests.

using Rochford.Lsp.Durable.Storage;

namespace Rochford.Lsp.Durable;

/// <summary>What happened to an input.</summary>
public enum InputOutcome
{
    /// <summary>A transition was committed.</summary>
    Committed,
    /// <summary>The input id had already been delivered to this instance; nothing was done again.</summary>
    Duplicate,
    /// <summary>The decider decided nothing changes (e.g. a wake-up with nothing due).</summary>
    NoChange,
}

/// <summary>The result of delivering one input.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Sequence">The instance's transition number after the input.</param>
/// <param name="Status">The instance's status after the input.</param>
public sealed record InputResult(InputOutcome Outcome, long Sequence, string Status);

/// <summary>An instance as listed: no history is read to produce it.</summary>
public sealed record InstanceSummary(string InstanceId, string Name, string Status, DateTimeOffset? NextWakeUp, bool IsCompleted, long Sequence, DateTimeOffset UpdatedAt);

/// <summary>An instance's current state.</summary>
public sealed record InstanceSnapshot<TState>(string InstanceId, TState State, string Status, DateTimeOffset? NextWakeUp, bool IsCompleted, long Sequence, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One history event as stored, with its position and time.</summary>
public sealed record HistoryRecord(string InstanceId, long Sequence, int Index, DateTimeOffset At, string InputId, string Type, string Explanation, string DataJson);

/// <summary>The delivery state of an outbox row.</summary>
public enum OutboxState
{
    /// <summary>Not yet delivered (or to be retried).</summary>
    Pending,
    /// <summary>Delivered.</summary>
    Done,
    /// <summary>Delivery failed permanently; kept for officers to see.</summary>
    Parked,
}

/// <summary>An effect waiting for, or past, delivery.</summary>
public sealed record OutboxRecord(string OutboxId, string InstanceId, long Sequence, int Index, Effect Effect, OutboxState State, int Attempts, string? LastError, DateTimeOffset CreatedAt);

/// <summary>What one tick did.</summary>
/// <param name="DueRows">Index rows found due.</param>
/// <param name="WakeUpsDelivered">Wake-ups that led to a committed transition.</param>
/// <param name="EffectsDispatched">Outbox rows delivered or parked by the sweep.</param>
/// <param name="Failures">Instances whose processing failed this tick (they are retried next tick).</param>
public sealed record TickResult(int DueRows, int WakeUpsDelivered, int EffectsDispatched, int Failures);

/// <summary>The instance does not exist.</summary>
public sealed class InstanceNotFoundException(string instanceId)
    : Exception($"There is no workflow instance '{instanceId}'.")
{
    /// <summary>The id asked for.</summary>
    public string InstanceId { get; } = instanceId;
}

/// <summary>Optimistic concurrency kept failing: too many writers at once on one instance.</summary>
public sealed class TransitionConflictException(string instanceId, int attempts)
    : Exception($"Workflow instance '{instanceId}' kept changing under us; gave up after {attempts} attempts. Try again.");

internal static class OutboxIds
{
    public static string Create(string instanceId, long sequence, int index) => $"{instanceId}/{sequence}/{index}";

    public static OutboxRecord ToRecord(WorkflowRows.OutboxRow row) =>
        new(Create(row.InstanceId, row.Sequence, row.Index), row.InstanceId, row.Sequence, row.Index, row.Effect, row.State, row.Attempts, row.LastError, row.CreatedAt);
}
