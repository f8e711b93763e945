// The contract between an orchestration and the durable runtime that hosts it.
// An orchestration is a pure decider: given its state, one input and the time, it returns
// the new state, the history events that record what happened, and the effects to carry out.
// The runtime (Rochford.Lsp.Durable) commits all three atomically; see ARCHITECTURE.md.

namespace Rochford.Lsp.Durable;

/// <summary>
/// A long-running workflow written as a pure decider over a state of type <typeparamref name="TState"/>.
/// </summary>
/// <remarks>
/// Implementations must be deterministic: no clock, no random ids, no I/O. Time arrives as
/// <c>now</c>; every id the decider needs arrives with the input (<see cref="OrchestrationInput.InputId"/>).
/// Given the same state, input and time, <see cref="Decide"/> must return the same decision.
/// The runtime persists <typeparamref name="TState"/> with System.Text.Json, so keep it a plain record.
/// </remarks>
public interface IOrchestration<TState> where TState : class
{
    /// <summary>The name stored with each instance, e.g. "ReportingCycle".</summary>
    string Name { get; }

    /// <summary>The schema version written with each state row. Bump it when <typeparamref name="TState"/> changes shape.</summary>
    int StateVersion { get; }

    /// <summary>
    /// Starts a new instance. <paramref name="input"/> carries the start payload (JSON) given by the caller.
    /// Throwing <see cref="InputRefusedException"/> refuses the start.
    /// </summary>
    Decision<TState> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now);

    /// <summary>
    /// Decides what an input means for an existing instance.
    /// A refusal (an input that is not allowed now) is reported by throwing <see cref="InputRefusedException"/>
    /// with a message a person understands; the runtime commits nothing for it.
    /// </summary>
    Decision<TState> Decide(TState state, OrchestrationInput input, DateTimeOffset now);

    /// <summary>
    /// Migrates a state row written with an older <paramref name="storedVersion"/> to the current shape.
    /// <paramref name="json"/> is the stored JSON. Called only when <paramref name="storedVersion"/> &lt; <see cref="StateVersion"/>.
    /// </summary>
    TState Migrate(int storedVersion, string json);

    /// <summary>
    /// How the runtime serializes <typeparamref name="TState"/> (and how <see cref="Migrate"/> receives it).
    /// Override to add converters, e.g. for NodaTime types.
    /// </summary>
    System.Text.Json.JsonSerializerOptions StateSerializerOptions => OrchestrationJson.Default;
}

/// <summary>The default JSON settings for orchestration state: web defaults, enums as strings.</summary>
public static class OrchestrationJson
{
    /// <summary>Web defaults (camelCase) with enums written as their names.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Default = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        // Stored, never embedded in HTML (pages encode what they show): keep "é" one character, not six ("\u00E9"),
        // so a report in any language fits the same storage limits as one in English.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>An input delivered to an orchestration instance.</summary>
/// <param name="InputId">
/// The caller-supplied idempotency id. The runtime delivers each id to an instance at most once:
/// a repeated raising with the same id is acknowledged and ignored.
/// </param>
public abstract record OrchestrationInput(string InputId)
{
    /// <summary>The instance is being created. <paramref name="PayloadJson"/> is the caller's start payload.</summary>
    public sealed record Started(string InputId, string PayloadJson) : OrchestrationInput(InputId);

    /// <summary>An external event (a submission, an officer's decision, money arriving from another instance...).</summary>
    /// <param name="Name">The event name, e.g. "SubmitQuarterlyReport".</param>
    /// <param name="PayloadJson">The event's payload as JSON; the orchestration validates it.</param>
    public sealed record EventRaised(string InputId, string Name, string PayloadJson) : OrchestrationInput(InputId);

    /// <summary>
    /// A durable timer fired. <paramref name="DueAt"/> is the wake-up the decision asked for.
    /// Wake-ups may arrive late, early or twice; a decider must treat one that finds nothing due as a no-op.
    /// </summary>
    public sealed record WokeUp(string InputId, DateTimeOffset DueAt) : OrchestrationInput(InputId);
}

/// <summary>
/// The result of one decision: the whole new state, what happened, what to do, and when to wake next.
/// </summary>
/// <param name="State">The new state (replaces the old one).</param>
/// <param name="Events">History events, in order. May be empty (e.g. a wake-up with nothing due).</param>
/// <param name="Effects">Effects to carry out after the transition commits (through the outbox).</param>
/// <param name="NextWakeUp">When the instance next wants a <see cref="OrchestrationInput.WokeUp"/>; null for none.</param>
/// <param name="Status">A short status for listings, e.g. "Awaiting Q4 report", "Red until 31 May 2010".</param>
/// <param name="IsCompleted">True when the instance has finished for good (completed or withdrawn).</param>
public sealed record Decision<TState>(
    TState State,
    IReadOnlyList<HistoryEvent> Events,
    IReadOnlyList<Effect> Effects,
    DateTimeOffset? NextWakeUp,
    string Status,
    bool IsCompleted = false) where TState : class
{
    /// <summary>True when the decision changes nothing worth a transition: no events, no effects.</summary>
    public bool IsNoOp => Events.Count == 0 && Effects.Count == 0;
}

/// <summary>
/// A past-tense fact recorded in an instance's history: the audit trail.
/// </summary>
/// <param name="Type">The event's name, past tense, e.g. "ReportSubmitted".</param>
/// <param name="Explanation">One plain-English sentence for people, e.g. "Red report for Jan–Mar 2010: deadline 31 May 2010 set by an officer".</param>
/// <param name="DataJson">The event's data as JSON (for pages and audits).</param>
public sealed record HistoryEvent(string Type, string Explanation, string DataJson);

/// <summary>Something to do outside the instance once its transition has committed.</summary>
public abstract record Effect
{
    /// <summary>
    /// Send an email. The email part renders <paramref name="Template"/> with <paramref name="ModelJson"/>.
    /// </summary>
    /// <param name="Template">The message kind, e.g. "QuarterlyRequest", "RedNotice".</param>
    /// <param name="To">Recipients' addresses (may be empty if the decider knows of no address; the sender records that).</param>
    /// <param name="Cc">Copied addresses.</param>
    /// <param name="ModelJson">The template's data as JSON.</param>
    public sealed record SendEmail(string Template, IReadOnlyList<string> To, IReadOnlyList<string> Cc, string ModelJson) : Effect;

    /// <summary>
    /// Raise an event on another instance (e.g. money moving between projects).
    /// The runtime gives it a stable input id derived from the outbox row, so a redelivery is ignored.
    /// </summary>
    public sealed record RaiseEvent(string TargetInstanceId, string Name, string PayloadJson) : Effect;
}

/// <summary>
/// Thrown by a decider to refuse an input that is not allowed in the instance's current state.
/// The message is shown to people: say what was refused and why.
/// </summary>
public sealed class InputRefusedException(string message) : Exception(message);

/// <summary>
/// The payload of the input <see cref="EventName"/> that the runtime raises on an instance when an event it raised
/// (<see cref="Effect.RaiseEvent"/>) was refused by its target, or the target does not exist, so that the sender can undo
/// what it assumed (e.g. take back money it sent). Its input id is derived from the outbox row, so it arrives once.
/// </summary>
/// <param name="OutboxId">The outbox row of the refused event, e.g. "ROC4/12/0".</param>
/// <param name="TargetInstanceId">The instance that refused it.</param>
/// <param name="Name">The refused event's name, e.g. "ReceiveReallocatedFunds".</param>
/// <param name="Reason">Why it was refused: the target's refusal message.</param>
/// <param name="PayloadJson">The refused event's payload, as it was raised.</param>
public sealed record RaisedEventRefusal(string OutboxId, string TargetInstanceId, string Name, string Reason, string PayloadJson)
{
    /// <summary>The event name the refusal arrives under.</summary>
    public const string EventName = "RaisedEventRefused";

    /// <summary>The input id of the refusal of outbox row <paramref name="outboxId"/>: stable, so a redelivery is a duplicate.</summary>
    public static string InputIdFor(string outboxId) => "refused:" + outboxId;
}
