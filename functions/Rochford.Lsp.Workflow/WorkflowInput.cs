// The one external event every orchestration instance listens for, and the envelope it carries. One event name
// keeps the orchestrator's loop to a single wait; the envelope names the command and carries its idempotency id.

namespace Rochford.Lsp.Workflow;

/// <summary>An input raised on an instance: a command from a page, another instance or the clock driver.</summary>
/// <param name="InputId">Idempotency id: the same id twice is handled once (a repeat changes nothing).</param>
/// <param name="Name">The command, e.g. "SubmitQuarterlyReport"; <see cref="WakeUpName"/> for the simulated clock's wake-ups.</param>
/// <param name="PayloadJson">The command's payload as JSON; the decider validates it.</param>
/// <param name="At">
/// The simulated time of the input. Used only by instances started on a simulated clock (see <see cref="InputTime"/>).
/// </param>
/// <param name="From">The instance that raised it (money moving between projects), so a refusal can travel back.</param>
/// <param name="ReceivedAt">
/// When the server accepted it (the page or handler that raised it, from the app's clock): on the real clock the decider
/// judges deadlines on this time, bounded by the orchestration's own (<see cref="InputTime"/>), so an input accepted before
/// midnight and handled after it is still on time (ARCHITECTURE.md rule 9). Null for inputs no page raised (wake-ups,
/// inputs instances raise on each other), which happen at the orchestration's time.
/// </param>
public sealed record WorkflowInput(string InputId, string Name, string PayloadJson, DateTimeOffset? At = null, string? From = null,
    DateTimeOffset? ReceivedAt = null)
{
    /// <summary>The external event name every input is raised under.</summary>
    public const string EventName = "Input";

    /// <summary>The command name of a wake-up raised by the simulated clock driver.</summary>
    public const string WakeUpName = "WakeUp";

    /// <summary>
    /// A simulated-clock wake-up at <paramref name="at"/> for an instance at <paramref name="transition"/>. The id makes a
    /// repeat of this raise a no-op, while a decider that asks to be woken again at the same time (work split over several
    /// wake-ups) gets a new one after its next transition.
    /// </summary>
    public static WorkflowInput WakeUp(DateTimeOffset at, long transition) => new($"wake:{at.UtcTicks}:{transition}", WakeUpName, "{}", at);
}

/// <summary>How an instance tells time; fixed when it starts.</summary>
public enum WorkflowClock
{
    /// <summary>Durable timers and the orchestration's own time.</summary>
    Real,

    /// <summary>No timers: the clock driver raises each due wake-up with the simulated time, in order.</summary>
    Simulated,
}
