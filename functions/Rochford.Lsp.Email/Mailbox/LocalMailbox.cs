// The local mailbox: on a laptop (no SendGrid key) every message is stored in a table instead of being sent,
// so a person can read it at /dev/mailbox and an end-to-end test can follow its links. Never used in Azure.

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Email.Mailbox;

/// <summary>A stored message as the mailbox pages and JSON show it.</summary>
public sealed record MailboxMessage(
    string MessageId,
    string OutboxId,
    string Template,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string Text,
    string Html,
    IReadOnlyList<RenderedLink> Links,
    DateTimeOffset SentAt);

/// <summary>An <see cref="IMailTransport"/> that stores messages in a table, once per message id.</summary>
/// <remarks>
/// A redelivered message (same message id) is acknowledged and not stored again, as SendGrid would not show it twice either.
/// Long bodies are split across several string properties: one may hold at most 32,768 characters.
/// </remarks>
public sealed class LocalMailbox : IMailTransport
{
    private const string Partition = "mail";
    private const int ChunkChars = 30_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CreatedOnFirstUse table;
    private readonly TimeProvider time;

    /// <summary>Stores messages in <paramref name="table"/> (created on first use); <paramref name="time"/> stamps SentAt (the app may run on a simulated clock).</summary>
    public LocalMailbox(TableClient table, TimeProvider time)
    {
        this.table = new CreatedOnFirstUse(table);
        this.time = time;
    }

    /// <inheritdoc/>
    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var table = await this.table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, TableKeys.Encode(email.MessageId))
        {
            ["MessageId"] = email.MessageId,
            ["OutboxId"] = email.OutboxId,
            ["Template"] = email.Template,
            ["To"] = JsonSerializer.Serialize(email.To, Json),
            ["Cc"] = JsonSerializer.Serialize(email.Cc, Json),
            ["Subject"] = email.Content.Subject,
            ["Links"] = JsonSerializer.Serialize(email.Content.Links.Select(l => new StoredLink(l.Text, l.Url.AbsoluteUri, l.Purpose)), Json),
            ["SentAt"] = time.GetUtcNow(),
        };
        Split(entity, "Text", email.Content.Text);
        Split(entity, "Html", email.Content.Html);
        if (TooLarge(entity) is { } reason)
            return new SendResult.Rejected($"Message {email.MessageId} is too large for the local mailbox: {reason}");
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // Already stored by an earlier delivery of the same message: at-least-once sending, shown once.
        }
        return new SendResult.Sent("local:" + email.MessageId);
    }

    /// <summary>Every stored message, newest first.</summary>
    public async Task<IReadOnlyList<MailboxMessage>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await this.table.GetAsync(cancellationToken).ConfigureAwait(false);
        var messages = new List<MailboxMessage>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            messages.Add(Read(entity));
        }
        return [.. messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.MessageId, StringComparer.Ordinal)];
    }

    /// <summary>One message, or null when there is none with that id.</summary>
    public async Task<MailboxMessage?> GetAsync(string messageId, CancellationToken cancellationToken)
    {
        var table = await this.table.GetAsync(cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(messageId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? Read(found.Value!) : null;
    }

    /// <summary>Creates the table if needed (otherwise done on first use), so start-up fails early when storage is unreachable.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) => await table.GetAsync(cancellationToken).ConfigureAwait(false);

    private static void Split(TableEntity entity, string name, string value)
    {
        var parts = 0;
        for (var start = 0; start < value.Length || parts == 0; start += ChunkChars, parts++)
        {
            entity[$"{name}{parts}"] = value.Substring(start, Math.Min(ChunkChars, value.Length - start));
        }
        entity[$"{name}Parts"] = parts;
    }

    /// <summary>
    /// Why the service would refuse <paramref name="entity"/> (a string over 32,768 characters, or more than 1 MiB in all,
    /// measured as the service does), or null when it fits. Checked here so the sender gets a plain reason, not a 400.
    /// </summary>
    private static string? TooLarge(TableEntity entity)
    {
        const int maxStringChars = 32 * 1024;
        const int maxEntityBytes = 1024 * 1024;
        long size = 4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2L;
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey") continue;
            if (value is string text && text.Length > maxStringChars)
                return $"Property '{name}' is {text.Length:N0} characters; a string may be at most {maxStringChars:N0} characters (64 KiB).";
            size += 8 + name.Length * 2L + value switch
            {
                string s => 4 + s.Length * 2L,
                int => 4,
                _ => 8,
            };
        }
        return size > maxEntityBytes ? $"The entity is {size:N0} bytes; the most allowed is {maxEntityBytes:N0} (1 MiB)." : null;
    }

    private static string Join(TableEntity entity, string name)
    {
        var parts = entity.GetInt32($"{name}Parts") ?? 0;
        return string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString($"{name}{i}") ?? ""));
    }

    private static MailboxMessage Read(TableEntity e) => new(
        e.GetString("MessageId") ?? "",
        e.GetString("OutboxId") ?? "",
        e.GetString("Template") ?? "",
        JsonSerializer.Deserialize<string[]>(e.GetString("To") ?? "[]", Json) ?? [],
        JsonSerializer.Deserialize<string[]>(e.GetString("Cc") ?? "[]", Json) ?? [],
        e.GetString("Subject") ?? "",
        Join(e, "Text"),
        Join(e, "Html"),
        [.. (JsonSerializer.Deserialize<StoredLink[]>(e.GetString("Links") ?? "[]", Json) ?? []).Select(l => new RenderedLink(l.Text, new Uri(l.Url), l.Purpose))],
        e.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue);

    private sealed record StoredLink(string Text, string Url, LinkPurpose? Purpose);
}
