// Delivery events kept per outbox row, so the officers' pages can say "the request to ROC4's lead bounced".
// Insert-only: each SendGrid event is recorded once (SendGrid retries webhook posts), never updated.

using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Rochford.Lsp.Email.Events;

/// <summary>Records and lists delivery events by outbox id.</summary>
/// <remarks>Addresses are stored masked (<see cref="EmailAddress.Mask"/>): the message id already says which recipient it was.</remarks>
public sealed class DeliveryEventStore
{
    private readonly CreatedOnFirstUse table;

    /// <summary>Stores events in <paramref name="table"/>, created on first use.</summary>
    public DeliveryEventStore(TableClient table) => this.table = new CreatedOnFirstUse(table);

    /// <summary>Records <paramref name="events"/>; an event already recorded (same sg_event_id) is skipped.</summary>
    public async Task RecordAsync(IEnumerable<DeliveryEvent> events, CancellationToken cancellationToken)
    {
        var table = await this.table.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var e in events)
        {
            var entity = new TableEntity(TableKeys.Encode(e.OutboxId), RowKey(e))
            {
                ["Event"] = e.Event,
                ["OutboxId"] = e.OutboxId,
                ["MessageId"] = e.MessageId,
                ["OccurredAt"] = e.OccurredAt,
                ["RecipientHint"] = e.RecipientHint,
                ["Reason"] = e.Reason is { Length: > 4000 } lengthy ? lengthy[..4000] : e.Reason,
                ["EventId"] = e.EventId,
            };
            try
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException conflict) when (conflict.Status == 409)
            {
                // SendGrid redelivered a post we already recorded.
            }
        }
    }

    /// <summary>Every event recorded for <paramref name="outboxId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DeliveryEvent>> ListAsync(string outboxId, CancellationToken cancellationToken)
    {
        var table = await this.table.GetAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<DeliveryEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(outboxId)}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(new DeliveryEvent(
                e.GetString("Event") ?? "", e.GetString("OutboxId") ?? outboxId, e.GetString("MessageId"),
                e.GetDateTimeOffset("OccurredAt") ?? DateTimeOffset.MinValue, e.GetString("RecipientHint"), e.GetString("Reason"), e.GetString("EventId")));
        }
        return [.. events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Event, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The events of <paramref name="outboxIds"/> only, by outbox id (each oldest first; an id with none is left out): for one
    /// project's emails, a query of each id's partition rather than a read of every event.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DeliveryEvent>>> ListForAsync(IReadOnlyCollection<string> outboxIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outboxIds);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<DeliveryEvent>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(outboxIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                var events = await ListAsync(id, token).ConfigureAwait(false);
                if (events.Count > 0) found[id] = events;
            }).ConfigureAwait(false);
        return found;
    }

    /// <summary>Every event recorded, by outbox id (each oldest first): for the email log's export, one query rather than one per email.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DeliveryEvent>>> ListAllAsync(CancellationToken cancellationToken)
    {
        var table = await this.table.GetAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<DeliveryEvent>();
        await foreach (var e in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(new DeliveryEvent(
                e.GetString("Event") ?? "", e.GetString("OutboxId") ?? "", e.GetString("MessageId"),
                e.GetDateTimeOffset("OccurredAt") ?? DateTimeOffset.MinValue, e.GetString("RecipientHint"), e.GetString("Reason"), e.GetString("EventId")));
        }
        return events.GroupBy(e => e.OutboxId, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => (IReadOnlyList<DeliveryEvent>)[.. g.OrderBy(e => e.OccurredAt).ThenBy(e => e.Event, StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    // Sorts by time within the partition; the event id (or, without one, a hash of the event) makes it unique.
    private static string RowKey(DeliveryEvent e)
    {
        var identity = e.EventId ?? $"{e.Event}|{e.MessageId}|{e.OccurredAt.ToUnixTimeSeconds()}|{e.Reason}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
        return $"{e.OccurredAt.UtcTicks:D19}-{hash}";
    }

    /// <summary>Creates the table if needed (otherwise done on first use), so start-up fails early when storage is unreachable.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) => await table.GetAsync(cancellationToken).ConfigureAwait(false);
}
