using System.Collections.Concurrent;
using Rochford.Lsp.Durable;

namespace Rochford.Lsp.Durable.Tests;

/// <summary>Records every delivery attempt; can be told to fail for a while or for good.</summary>
public sealed class RecordingDispatcher : IEffectDispatcher
{
    public ConcurrentQueue<OutboxMessage> Delivered { get; } = new();

    public Func<OutboxMessage, DispatchOutcome?>? Override { get; set; }

    public Task<DispatchOutcome> DispatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Override?.Invoke(message) is { } outcome) return Task.FromResult(outcome);
        Delivered.Enqueue(message);
        return Task.FromResult(DispatchOutcome.Done);
    }
}
