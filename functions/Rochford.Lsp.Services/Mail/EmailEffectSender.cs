// The glue between the workflow's email activity and the email part: each email effect is composed (one message per
// addressee, one copy for those copied in), its personal links issued, and handed to the configured transport.

using Azure;
using Azure.Data.Tables;
using Rochford.Lsp.Email;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Services.Mail;

/// <summary>Sends the reporting cycle's email effects (the <see cref="IEmailEffectSender"/> of SendEmailsActivity).</summary>
/// <remarks>
/// The activity may call this again for the same effect (a retry after "busy", or after a crash). Messages already
/// accepted are remembered in <see cref="SentMessageLog"/> by their stable message id, so a retry after a partial failure
/// (the lead's message sent, the officers' copy throttled) sends only what is missing. Nothing is dropped: a message that
/// can never go is parked with its reason, which the email log keeps for officers.
/// </remarks>
public sealed class EmailEffectSender(
    Lazy<EmailComposer> composer,
    ILinkIssuer links,
    IMailTransport transport,
    SentMessageLog sent,
    IReportTexts texts,
    ILogger<EmailEffectSender> logger) : IEmailEffectSender
{
    /// <inheritdoc />
    public async Task<EmailOutcome> SendAsync(EmailEffect email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        // Receipts carry the id of what the lead sent; the text is read from the reports table now, so the email shows it.
        var filled = await ReceiptTexts.FillAsync(email, texts, cancellationToken);
        if (filled.Missing is { } missing)
            logger.LogWarning("Email {Id} ({Template}) goes without the lead's text: {Missing}", email.Id, email.Template, missing);
        EmailComposition composition;
        try
        {
            composition = await composer.Value.ComposeAsync(email.Id, email.Template, email.To, email.Cc, filled.ModelJson, links, cancellationToken);
        }
        catch (EmailTemplateException ex)
        {
            logger.LogError(ex, "Email {Id} ({Template}) cannot be rendered", email.Id, email.Template);
            return new EmailOutcome.Parked($"The {email.Template} email could not be written: {ex.Message}");
        }
        foreach (var problem in composition.Problems)
            logger.LogWarning("Email {Id} ({Template}): {Problem}", email.Id, email.Template, problem);
        if (composition.Messages.Count == 0)
            return new EmailOutcome.Parked(Describe(email.Template, composition.Problems, "nobody to send it to"));

        var result = await sent.SendMissingAsync(composition.Messages, transport, cancellationToken);
        if (result.RetryLater is { } retry)
            // The transport has already retried briefly in process; the activity's retry policy waits the provider's time.
            return new EmailOutcome.RetryLater(retry.After, retry.Reason);
        return result.Rejections.Count == 0
            ? new EmailOutcome.Sent()
            : new EmailOutcome.Parked(Describe(email.Template, [.. composition.Problems, .. result.Rejections], "the provider refused it"));
    }

    private static string Describe(string template, IEnumerable<string> problems, string fallback)
    {
        var reasons = problems.ToList();
        return $"The {template} email was not sent: {(reasons.Count == 0 ? fallback : string.Join("; ", reasons))}.";
    }
}

/// <summary>Remembers which messages a provider has accepted, so an outbox retry does not send them twice.</summary>
public sealed class SentMessageLog(TableClient table)
{
    /// <summary>What <see cref="SendMissingAsync"/> did: stopped for a provider that asked to retry later, or the refusals.</summary>
    public sealed record SendOutcome(SendResult.RetryLater? RetryLater, IReadOnlyList<string> Rejections);

    /// <summary>
    /// Sends each of <paramref name="messages"/> not accepted before, recording those accepted now. Stops at the first
    /// "retry later" (what went stays recorded, so the retry sends only the rest); a refusal names its addressees.
    /// </summary>
    public async Task<SendOutcome> SendMissingAsync(IEnumerable<OutgoingEmail> messages, IMailTransport transport, CancellationToken cancellationToken)
    {
        var rejections = new List<string>();
        foreach (var message in messages)
        {
            if (await WasSentAsync(message.MessageId, cancellationToken))
                continue;
            switch (await transport.SendAsync(message, cancellationToken))
            {
                case SendResult.Sent accepted:
                    await RecordAsync(message.MessageId, accepted.ProviderMessageId, cancellationToken);
                    break;
                case SendResult.RetryLater retry:
                    return new SendOutcome(retry, rejections);
                case SendResult.Rejected rejected:
                    rejections.Add($"{string.Join(", ", message.To.Concat(message.Cc))}: {rejected.Reason}");
                    break;
            }
        }
        return new SendOutcome(null, rejections);
    }

    /// <summary>Creates the table if needed.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>True when <paramref name="messageId"/> was accepted before.</summary>
    public async Task<bool> WasSentAsync(string messageId, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(Partition(messageId), Row(messageId), ["PartitionKey"], cancellationToken)).HasValue;

    /// <summary>Records that <paramref name="messageId"/> was accepted (insert-only; a second record is harmless).</summary>
    public async Task RecordAsync(string messageId, string? providerMessageId, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition(messageId), Row(messageId))
            {
                ["MessageId"] = messageId,
                ["ProviderMessageId"] = providerMessageId ?? "",
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded by an earlier attempt.
        }
    }

    // Outbox ids look like "ROC4/7/0/to/0": the instance is a natural partition; '/' is not allowed in keys.
    private static string Partition(string messageId) => messageId.Split('/')[0];

    private static string Row(string messageId) => messageId.Replace('/', '_');
}
