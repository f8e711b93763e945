// The local mailbox: where email effects go when no SendGrid key is configured (never in Azure).
// Each message is stored once per outbox id, so a redelivery after a crash does not show twice.
// Templates are rendered by the email part; until then the mailbox shows the template name and model.

using System.Security.Cryptography;
using System.Text;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Tables;

namespace Rochford.Lsp.Web.Mail;

/// <summary>A stored message.</summary>
public sealed record MailboxMessage(string OutboxId, string Template, IReadOnlyList<string> To, IReadOnlyList<string> Cc, string ModelJson, DateTimeOffset SentAt);

/// <summary>Stores email effects in a table and lists them for /dev/mailbox.</summary>
public sealed class LocalMailbox(TableClient table, TimeProvider time) : IEffectDispatcher
{
    private const string Partition = "mail";

    /// <summary>Creates the table if needed.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<DispatchOutcome> DispatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Effect is not Effect.SendEmail email)
            return new DispatchOutcome.Parked($"The mailbox cannot deliver a {message.Effect.GetType().Name}.");
        var entity = new TableEntity(Partition, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.OutboxId)))[..32])
        {
            ["OutboxId"] = message.OutboxId,
            ["Template"] = email.Template,
            ["To"] = string.Join(";", email.To),
            ["Cc"] = string.Join(";", email.Cc),
            ["Model"] = email.ModelJson,
            ["SentAt"] = time.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (TableConflictException)
        {
            // Already delivered (a redelivery after a crash): the same outbox id is the same message.
        }
        return DispatchOutcome.Done;
    }

    /// <summary>Every stored message, newest first.</summary>
    public async Task<IReadOnlyList<MailboxMessage>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<MailboxMessage>();
        await foreach (var e in table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
            list.Add(new MailboxMessage(e.GetString("OutboxId") ?? "", e.GetString("Template") ?? "",
                Split(e.GetString("To")), Split(e.GetString("Cc")), e.GetString("Model") ?? "{}", e.GetDateTimeOffset("SentAt") ?? default));
        return [.. list.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.OutboxId, StringComparer.Ordinal)];
    }

    private static string[] Split(string? s) => string.IsNullOrEmpty(s) ? [] : s.Split(';');
}
