// Table storage that goes away while a test says so: a pipeline policy on the read model's TableServiceClient that answers
// every request with the 503 an unavailable storage service gives, for as long as the outage lasts, then lets requests
// through to Azurite again. The engine's own storage is not touched (the in-memory engine has none).

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Rochford.Lsp.Workflow.Tests;

internal sealed class StorageOutage : HttpPipelinePolicy
{
    private long _untilTicks;
    private int _refused;

    /// <summary>How many requests the outage refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>When the outage ends (or ended).</summary>
    public DateTimeOffset Until => new(Interlocked.Read(ref _untilTicks), TimeSpan.Zero);

    /// <summary>Storage is unavailable from now for <paramref name="duration"/>.</summary>
    public void For(TimeSpan duration) => Interlocked.Exchange(ref _untilTicks, (DateTimeOffset.UtcNow + duration).UtcTicks);

    private bool IsDown => DateTimeOffset.UtcNow.UtcTicks < Interlocked.Read(ref _untilTicks);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfDown();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfDown();
        return ProcessNextAsync(message, pipeline);
    }

    private void ThrowIfDown()
    {
        if (!IsDown) return;
        Interlocked.Increment(ref _refused);
        throw new RequestFailedException(503, "Service Unavailable: the storage account is not reachable (an outage the test made).");
    }
}
