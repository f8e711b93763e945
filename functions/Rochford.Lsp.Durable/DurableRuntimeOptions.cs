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
