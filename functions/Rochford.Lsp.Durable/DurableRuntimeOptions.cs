namespace Rochford.Lsp.Durable;

/// <summary>Settings of the durable runtime.</summary>
public sealed class DurableRuntimeOptions
{
    /// <summary>How many times a transition is re-decided after an ETag conflict before giving up.</summary>
    public int MaxConflictRetries { get; set; } = 25;

    /// <summary>How many instances a tick processes at once.</summary>
    public int TickParallelism { get; set; } = 8;

    /// <summary>Longest pause between retries of a failed delivery.</summary>
    public TimeSpan MaxDispatchBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A delivery that keeps failing is parked after this many attempts.</summary>
    public int MaxDispatchAttempts { get; set; } = 20;

    /// <summary>Keep each instance's latest state in memory (its ETag guards every write, so a stale copy only costs a retry).</summary>
    public bool CacheState { get; set; } = true;
}

/// <summary>When the effects of a transition (emails, raised events) are dispatched.</summary>
public enum EffectDelivery
{
    /// <summary>After the commit and before the call returns: the caller waits for the email provider.</summary>
    BeforeReturning,

    /// <summary>
    /// By <see cref="DurableRuntime{TState}.RunDeliveryLoopAsync"/> just after the call returns, with retries by the tick if that
    /// fails. Just as safe: the outbox rows and their due row are committed before the call returns. When no loop runs in this
    /// host, the same as <see cref="BeforeReturning"/>.
    /// </summary>
    Background,
}
