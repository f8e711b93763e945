// Stands in for SendGrid in a simulation: accepts every email the workflow's email activity hands it, once per effect id
// (as the local mailbox does), and keeps it. The timeline's emails are the ones recorded here.

using System.Collections.Concurrent;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Simulation;

/// <summary>An <see cref="IEmailEffectSender"/> that records each email instead of sending it.</summary>
public sealed class RecordingEmailSender : IEmailEffectSender
{
    private readonly ConcurrentDictionary<string, EmailEffect> _delivered = new(StringComparer.Ordinal);

    /// <summary>Each email accepted, once, by effect id ("ROC4/7/0").</summary>
    public IReadOnlyDictionary<string, EmailEffect> Delivered => _delivered;

    /// <inheritdoc />
    public Task<EmailOutcome> SendAsync(EmailEffect email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        // A retried activity may hand over an email again: it is the same message, kept once.
        _delivered.TryAdd(email.Id, email);
        return Task.FromResult<EmailOutcome>(new EmailOutcome.Sent());
    }
}
