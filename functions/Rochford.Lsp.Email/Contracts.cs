// The seams between the email part and the rest of the app. The Web app implements ILinkIssuer (it owns
// the link tokens) and glues the runtime's outbox to the composer and a transport.

using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Email;

/// <summary>A link as it appears in a rendered email.</summary>
/// <param name="Purpose">What a personal link is for; null for plain links (such as the partnership's pages).</param>
public sealed record RenderedLink(string Text, Uri Url, LinkPurpose? Purpose);

/// <summary>One message's rendered content.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text, IReadOnlyList<RenderedLink> Links);

/// <summary>How a recipient receives a message.</summary>
public enum RecipientRole
{
    /// <summary>The person the message is for: personal links are minted for them.</summary>
    To,

    /// <summary>Copied for information: personal links are left out of their copy.</summary>
    Cc,
}

/// <summary>An addressed, rendered message ready for a transport.</summary>
/// <param name="MessageId">Stable for a given outbox id and recipient, so a retried send is recognisably the same message.</param>
/// <param name="OutboxId">The runtime's outbox id that asked for the message (also sent to SendGrid in custom_args).</param>
public sealed record OutgoingEmail(
    string MessageId,
    string OutboxId,
    string Template,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    RenderedEmail Content);

/// <summary>Mints personal links: the Web app stores a hash of a random token bound to the link's purpose, person and expiry.</summary>
public interface ILinkIssuer
{
    /// <summary>An absolute URL for <paramref name="link"/>, personal to <paramref name="recipientEmail"/>.</summary>
    ValueTask<Uri> IssueAsync(EmailLink link, string recipientEmail, string messageId, CancellationToken cancellationToken);
}

/// <summary>Where rendered messages go: SendGrid, or the local mailbox.</summary>
public interface IMailTransport
{
    /// <summary>Sends one message. Never throws for a refusal by the provider: that is a <see cref="SendResult.Rejected"/>.</summary>
    Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>A transport that can tell, before any send, that it cannot send yet (shown by /api/health).</summary>
public interface IMailTransportStatus
{
    /// <summary>Why no email can go now, in a sentence; null when the transport can send.</summary>
    string? Problem { get; }
}

/// <summary>What happened to a send.</summary>
public abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>Accepted by the provider.</summary>
    public sealed record Sent(string? ProviderMessageId) : SendResult;

    /// <summary>A temporary failure (429, 5xx, network): try again, after <paramref name="After"/> if the provider said.</summary>
    public sealed record RetryLater(TimeSpan? After, string Reason) : SendResult;

    /// <summary>A permanent refusal (4xx other than 429, an invalid address): park it and show officers.</summary>
    public sealed record Rejected(string Reason) : SendResult;
}
