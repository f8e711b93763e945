// A clock that moves only when told to: for local runs on a simulated date and for whole-year
// simulations. The driver advances it from one due time to the next, ticking at each, so timers
// fire in order and at the time they asked for.

namespace Rochford.Lsp.Durable;

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

/// <summary>Moves a <see cref="SimulatedClock"/> forward through every due time, ticking the runtime at each.</summary>
public static class ClockDriver
{
    /// <summary>
    /// Advances <paramref name="clock"/> to <paramref name="target"/>, stopping at each earlier due time to tick.
    /// <paramref name="progress"/> hears of each tick that did something.
    /// </summary>
    public static async Task<int> AdvanceAsync<TState>(DurableRuntime<TState> runtime, SimulatedClock clock, DateTimeOffset target,
        IProgress<(DateTimeOffset At, TickResult Result)>? progress = null, CancellationToken cancellationToken = default) where TState : class
    {
        var ticks = 0;
        DateTimeOffset? previous = null;
        var repeats = 0;
        while (true)
        {
            var next = await runtime.NextDueAsync(cancellationToken).ConfigureAwait(false);
            if (next is not { } due || due > target) break;
            repeats = due == previous ? repeats + 1 : 0;
            previous = due;
            if (repeats >= 3)
                throw new InvalidOperationException($"Something stays due at {due:u} however often the runtime ticks: an orchestration keeps asking to wake at a time already past.");
            if (due > clock.GetUtcNow()) clock.AdvanceTo(due);
            var result = await runtime.TickAsync(cancellationToken).ConfigureAwait(false);
            ticks++;
            if (result.DueRows > 0) progress?.Report((clock.GetUtcNow(), result));
            if (result.Failures > 0 && result.WakeUpsDelivered == 0 && result.EffectsDispatched == 0)
                throw new InvalidOperationException($"The tick at {clock.GetUtcNow():u} failed for {result.Failures} instance(s) and made no progress; see the log.");
        }
        if (target > clock.GetUtcNow()) clock.AdvanceTo(target);
        return ticks;
    }
}
