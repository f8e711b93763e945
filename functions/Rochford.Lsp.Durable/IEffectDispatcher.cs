namespace Rochford.Lsp.Durable;

/// <summary>An effect leaving through the outbox, with its stable id (the same on every retry).</summary>
/// <param name="OutboxId">Stable id: "{instance}/{sequence}/{index}". Pass it on (e.g. SendGrid custom_args) so duplicates can be matched.</param>
/// <param name="InstanceId">The instance whose transition asked for the effect.</param>
/// <param name="Effect">What to do.</param>
/// <param name="Attempt">1 on the first delivery attempt.</param>
public sealed record OutboxMessage(string OutboxId, string InstanceId, Effect Effect, int Attempt);

/// <summary>How a delivery attempt ended.</summary>
public abstract record DispatchOutcome
{
    /// <summary>Delivered: the row is marked done.</summary>
    public sealed record Delivered : DispatchOutcome;

    /// <summary>Cannot ever be delivered (bad address, template error): kept, marked parked, shown to officers.</summary>
    public sealed record Parked(string Reason) : DispatchOutcome;

    /// <summary>Failed for now (network, throttling): tried again after <paramref name="After"/>.</summary>
    public sealed record RetryLater(string Reason, TimeSpan After) : DispatchOutcome;

    /// <summary>The one Delivered value.</summary>
    public static readonly DispatchOutcome Done = new Delivered();
}

/// <summary>Delivers effects other than <see cref="Effect.RaiseEvent"/> (which the runtime delivers itself), e.g. emails.</summary>
/// <remarks>Delivery is at-least-once: after a crash the same <see cref="OutboxMessage.OutboxId"/> may be dispatched again.</remarks>
public interface IEffectDispatcher
{
    /// <summary>Attempts one delivery. Exceptions count as <see cref="DispatchOutcome.RetryLater"/>.</summary>
    Task<DispatchOutcome> DispatchAsync(OutboxMessage message, CancellationToken cancellationToken);
}
