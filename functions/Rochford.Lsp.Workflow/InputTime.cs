// The time a transition happens at (ARCHITECTURE.md rules 1 and 9): pure, so the orchestrator stays deterministic and
// the rule can be tested without an engine.

namespace Rochford.Lsp.Workflow;

/// <summary>The <c>now</c> the decider is given for an input.</summary>
public static class InputTime
{
    /// <summary>How far before the orchestration's clock a time of receipt may lie: no input can be backdated by more.</summary>
    public static readonly TimeSpan MaxReceiptLag = TimeSpan.FromHours(1);

    /// <summary>
    /// The time of a transition. On a simulated clock, the time the input carries, never earlier than the last transition's
    /// (an input without a time happens "now"). On the real clock, the time the server accepted the input
    /// (<see cref="WorkflowInput.ReceivedAt"/>), bounded: never later than the orchestration's clock, never earlier than the
    /// last transition (time does not go back) nor than <see cref="MaxReceiptLag"/> before the orchestration's clock (nobody
    /// can backdate an input); an input without one (a wake-up, an input another instance raised) happens at the
    /// orchestration's time.
    /// </summary>
    /// <param name="clock">How the instance tells time.</param>
    /// <param name="previous">The last transition's time (<see cref="WorkflowCarry.Now"/>).</param>
    /// <param name="orchestrationUtc">The orchestration's <c>CurrentUtcDateTime</c> (replay-safe).</param>
    /// <param name="input">The input being decided.</param>
    public static DateTimeOffset Of(WorkflowClock clock, DateTimeOffset previous, DateTime orchestrationUtc, WorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (clock == WorkflowClock.Simulated)
            return input.At is { } at && at > previous ? at.ToUniversalTime() : previous;
        var current = new DateTimeOffset(DateTime.SpecifyKind(orchestrationUtc, DateTimeKind.Utc), TimeSpan.Zero);
        if (input.ReceivedAt is not { } received)
            return current;
        var time = received < current ? received.ToUniversalTime() : current;
        var earliest = previous > current - MaxReceiptLag ? previous.ToUniversalTime() : current - MaxReceiptLag;
        return time < earliest ? earliest : time;
    }
}
