// What one execution of an orchestration hands to the next through ContinueAsNew: the decider's state (as the
// decider serializes it, with its schema version) and the loop's own bookkeeping. Nothing else survives.

namespace Rochford.Lsp.Workflow;

/// <summary>The orchestration's input: everything the loop knows between transitions.</summary>
/// <param name="StateVersion">The schema version <see cref="StateJson"/> was written with; older ones are migrated on load.</param>
/// <param name="StateJson">The decider's state, or null before the first transition (the start).</param>
/// <param name="StartPayloadJson">The start payload, used once by the first execution.</param>
/// <param name="Transition">How many transitions have been committed (0 before the start).</param>
/// <param name="NextWakeUp">When the decider next wants waking; null for never.</param>
/// <param name="Status">The decider's one-line status, for listings.</param>
/// <param name="IsCompleted">True once the decider says the instance has finished (it still answers refusals sent back to it).</param>
/// <param name="Clock">Real or simulated, fixed at the start.</param>
/// <param name="Now">The time of the last transition (on a simulated clock, time never goes back past it).</param>
/// <param name="Handled">The most recent handled input ids, newest last, at most <see cref="HandledLimit"/>.</param>
/// <param name="Sent">The most recent inputs raised on other instances, newest last (for the clock driver's wait).</param>
public sealed record WorkflowCarry(
    int StateVersion,
    string? StateJson,
    string? StartPayloadJson,
    long Transition,
    DateTimeOffset? NextWakeUp,
    string Status,
    bool IsCompleted,
    WorkflowClock Clock,
    DateTimeOffset Now,
    IReadOnlyList<string> Handled,
    IReadOnlyList<SentInput> Sent)
{
    /// <summary>How many handled input ids are kept. A repeat older than this is caught by the decider's own checks.</summary>
    public const int HandledLimit = 500;

    /// <summary>
    /// The version of the loop this execution runs (see <see cref="WorkflowLoops"/>); 0 in carries written before loops had
    /// versions, which ran loop 1. A start names the newest loop; each ContinueAsNew moves to the newest loop.
    /// </summary>
    public int Loop { get; init; }

    /// <summary>The loop this execution runs: <see cref="Loop"/>, or 1 for a carry written before loops had versions.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int LoopVersion => Loop == 0 ? 1 : Loop;

    /// <summary>
    /// Inputs an earlier execution took but could not commit (it failed and was retried, see
    /// <see cref="DeciderOrchestrator{TState}"/>): the next execution handles them first, so none is dropped.
    /// </summary>
    public IReadOnlyList<WorkflowInput> Pending { get; init; } = [];

    /// <summary>Why the instance is not moving, since when, while it retries; null when it moves.</summary>
    public WorkflowProblem? Stuck { get; init; }

    /// <summary>The latest input that failed with an unexpected error (handled as a refusal), for officers to see.</summary>
    public WorkflowProblem? LastError { get; init; }

    /// <summary>How many sent inputs are kept for the clock driver.</summary>
    public const int SentLimit = 50;

    /// <summary>The carry that starts an instance, on the newest loop.</summary>
    public static WorkflowCarry ForStart(string startPayloadJson, WorkflowClock clock, DateTimeOffset at) =>
        new(0, null, startPayloadJson, 0, null, "Starting", false, clock, at, [], []) { Loop = WorkflowLoops.Latest };

    /// <summary>True when <paramref name="inputId"/> was handled recently.</summary>
    public bool HasHandled(string inputId) => Handled.Contains(inputId, StringComparer.Ordinal);

    /// <summary>This carry with <paramref name="inputId"/> recorded as handled.</summary>
    public WorkflowCarry WithHandled(string inputId) => this with { Handled = Keep([.. Handled, inputId], HandledLimit) };

    internal static IReadOnlyList<T> Keep<T>(IReadOnlyList<T> items, int limit) =>
        items.Count <= limit ? items : [.. items.Skip(items.Count - limit)];
}

/// <summary>An input an instance raised on another.</summary>
public sealed record SentInput(string Target, string InputId);

/// <summary>Something that went wrong for an instance: what it was doing, why, since when and how often it was tried.</summary>
/// <param name="Since">When it started (a stuck episode's first failure; an error's time), on the engine's clock.</param>
/// <param name="What">What the instance was doing, in words ("recording transition 7", "SubmitQuarterlyReport report-1").</param>
/// <param name="Reason">The failure's message, shortened.</param>
/// <param name="Attempts">How many times it has been tried.</param>
public sealed record WorkflowProblem(DateTimeOffset Since, string What, string Reason, int Attempts)
{
    /// <summary>The longest reason kept: custom statuses and table cells stay small.</summary>
    public const int ReasonLimit = 500;

    /// <summary>A problem whose reason is cut to <see cref="ReasonLimit"/> characters.</summary>
    public static WorkflowProblem Of(DateTimeOffset since, string what, string? reason, int attempts)
    {
        var text = string.IsNullOrWhiteSpace(reason) ? "no reason was given" : reason.Trim();
        return new(since, what, text.Length <= ReasonLimit ? text : text[..(ReasonLimit - 1)] + "…", attempts);
    }
}

/// <summary>The custom status every instance shows: what the clock driver and listings read without touching tables.</summary>
/// <param name="Handled">The most recent handled input ids (a short tail of the carry's list).</param>
public sealed record WorkflowStatus(
    long Transition,
    string Status,
    DateTimeOffset? NextWakeUp,
    bool IsCompleted,
    WorkflowClock Clock,
    DateTimeOffset Now,
    IReadOnlyList<string> Handled,
    IReadOnlyList<SentInput> Sent)
{
    /// <summary>How many handled ids the status shows.</summary>
    public const int HandledShown = 50;

    /// <summary>The loop version the instance's current execution runs (see <see cref="WorkflowCarry.Loop"/>).</summary>
    public int Loop { get; init; }

    /// <summary>Why the instance is not moving, since when; null when it moves (see <see cref="WorkflowCarry.Stuck"/>).</summary>
    public WorkflowProblem? Stuck { get; init; }

    /// <summary>The latest input that failed with an unexpected error (see <see cref="WorkflowCarry.LastError"/>).</summary>
    public WorkflowProblem? LastError { get; init; }

    /// <summary>
    /// What the instance is doing and since when, while it waits for its activities; null when it waits for an input. Busy
    /// for long with nothing failing means its work was lost on the way (see the sweep, <c>WorkflowAttention</c>).
    /// </summary>
    public WorkflowProblem? Busy { get; init; }

    /// <summary>The status of <paramref name="carry"/>.</summary>
    public static WorkflowStatus Of(WorkflowCarry carry) => new(
        carry.Transition, carry.Status, carry.NextWakeUp, carry.IsCompleted, carry.Clock, carry.Now,
        WorkflowCarry.Keep(carry.Handled, HandledShown), carry.Sent)
    {
        Loop = carry.LoopVersion,
        Stuck = carry.Stuck,
        LastError = carry.LastError,
    };
}
