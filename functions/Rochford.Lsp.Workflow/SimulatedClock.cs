// The time the app's pages and link issuer see when the app runs on a simulated clock (local runs and whole-year
// simulations). The orchestrations never read it: each input carries its simulated time (WorkflowInput.At).

namespace Rochford.Lsp.Workflow;

/// <summary>A <see cref="TimeProvider"/> whose time is set by the caller and never goes backwards.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>Moves the clock to <paramref name="time"/>; refuses to go backwards.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is earlier than the clock.</exception>
    public void AdvanceTo(DateTimeOffset time)
    {
        lock (_gate)
        {
            if (time < _now)
                throw new ArgumentOutOfRangeException(nameof(time), $"The simulated clock is at {_now:u} and cannot go back to {time:u}.");
            _now = time.ToUniversalTime();
        }
    }
}
