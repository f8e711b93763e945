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

    /// <summary>How many sent inputs are kept for the clock driver.</summary>
    public const int SentLimit = 50;

    /// <summary>The carry that starts an instance.</summary>
    public static WorkflowCarry ForStart(string startPayloadJson, WorkflowClock clock, DateTimeOffset at) =>
        new(0, null, startPayloadJson, 0, null, "Starting", false, clock, at, [], []);

    /// <summary>True when <paramref name="inputId"/> was handled recently.</summary>
    public bool HasHandled(string inputId) => Handled.Contains(inputId, StringComparer.Ordinal);

    /// <summary>This carry with <paramref name="inputId"/> recorded as handled.</summary>
    public WorkflowCarry WithHandled(string inputId) => this with { Handled = Keep([.. Handled, inputId], HandledLimit) };

    internal static IReadOnlyList<T> Keep<T>(IReadOnlyList<T> items, int limit) =>
        items.Count <= limit ? items : [.. items.Skip(items.Count - limit)];
}

/// <summary>An input an instance raised on another.</summary>
public sealed record SentInput(string Target, string InputId);

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

    /// <summary>The status of <paramref name="carry"/>.</summary>
    public static WorkflowStatus Of(WorkflowCarry carry) => new(
        carry.Transition, carry.Status, carry.NextWakeUp, carry.IsCompleted, carry.Clock, carry.Now,
        WorkflowCarry.Keep(carry.Handled, HandledShown), carry.Sent);
}
