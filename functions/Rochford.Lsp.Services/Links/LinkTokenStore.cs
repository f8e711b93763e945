// The table of personal links: one row per token, keyed by the token's SHA-256 (never the token itself),
// holding what the token grants. Expiry is judged with the app's TimeProvider (the simulated clock locally).

using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Services.Links;

/// <summary>Stores hashed link tokens and resolves tokens back to what they grant.</summary>
/// <remarks>
/// Partition key: the first two hex digits of the hash, to spread rows; row key: the whole hash.
/// Rows are insert-only except for marking a single-use link used, which is conditional on the row's ETag,
/// so two simultaneous uses cannot both succeed.
/// </remarks>
public sealed class LinkTokenStore(TableClient table, TimeProvider time)
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>Creates the table if needed.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Mints a token for <paramref name="link"/> sent to <paramref name="recipientEmail"/>; returns the token (shown once, never stored).</summary>
    public async Task<string> CreateAsync(EmailLink link, string recipientEmail, string messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(link.ProjectCode);
        var token = LinkToken.Create();
        var hash = LinkToken.Hash(token);
        var entity = new TableEntity(hash[..2], hash)
        {
            ["Purpose"] = link.Purpose.ToString(),
            ["Project"] = link.ProjectCode,
            ["Quarter"] = link.Quarter?.Label,
            ["Recipient"] = recipientEmail,
            ["ExpiresOn"] = IsoDate.Format(link.ExpiresOn),
            ["SingleUse"] = LinkRecord.IsSingleUse(link.Purpose),
            ["MessageId"] = messageId,
            ["CreatedAt"] = time.GetUtcNow(),
        };
        await table.AddEntityAsync(entity, cancellationToken);
        return token;
    }

    /// <summary>Looks <paramref name="token"/> up for a page of <paramref name="purpose"/>. A token for another purpose is unknown here.</summary>
    public async Task<LinkLookup> FindAsync(string? token, LinkPurpose purpose, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(token, cancellationToken);
        if (found is null) return new LinkLookup.Unknown();
        var (link, _) = found.Value;
        if (link.Purpose != purpose) return new LinkLookup.Unknown();
        if (link.UsedAt is { } usedAt) return new LinkLookup.Used(usedAt);
        if (UkCalendar.HasPassed(link.ExpiresOn, time.GetUtcNow())) return new LinkLookup.Expired(link.ExpiresOn);
        return new LinkLookup.Valid(link);
    }

    /// <summary>
    /// Uses a single-use link: succeeds once. Returns <see cref="LinkLookup.Valid"/> for the one caller that used it,
    /// <see cref="LinkLookup.Used"/> for every later (or concurrent, losing) caller.
    /// </summary>
    public async Task<LinkLookup> ConsumeAsync(string? token, LinkPurpose purpose, CancellationToken cancellationToken)
    {
        var found = await ReadAsync(token, cancellationToken);
        if (found is null || found.Value.Link.Purpose != purpose) return new LinkLookup.Unknown();
        var (link, entity) = found.Value;
        if (link.UsedAt is { } usedAt) return new LinkLookup.Used(usedAt);
        var now = time.GetUtcNow();
        if (UkCalendar.HasPassed(link.ExpiresOn, now)) return new LinkLookup.Expired(link.ExpiresOn);
        if (!link.SingleUse) return new LinkLookup.Valid(link);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(entity.PartitionKey, entity.RowKey) { ["UsedAt"] = now }, entity.ETag, TableUpdateMode.Merge, cancellationToken);
            return new LinkLookup.Valid(link with { UsedAt = now });
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Someone else used it between our read and write.
            var again = await ReadAsync(token, cancellationToken);
            return new LinkLookup.Used(again?.Link.UsedAt ?? now);
        }
    }

    /// <summary>
    /// Undoes the use at <paramref name="usedAt"/> of a single-use link whose action then failed to go through (the workflow
    /// could not be reached): the link works again, so the person can retry. A later use, or none, is left as it is.
    /// </summary>
    public async Task ReleaseAsync(string? token, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        if (await ReadAsync(token, cancellationToken) is not { Link.UsedAt: { } at, Entity: var entity } || at != usedAt) return;
        entity.Remove("UsedAt");
        try
        {
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Changed since it was read: leave it.
        }
    }

    private async Task<(LinkRecord Link, TableEntity Entity)?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LinkToken.HasTokenShape(token)) return null;
        var hash = LinkToken.Hash(token!);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(hash[..2], hash, cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var e = response.Value!;
        if (!Enum.TryParse<LinkPurpose>(e.GetString("Purpose"), out var purpose) || e.GetString("Project") is not { Length: > 0 } project
            || !IsoDate.Parse(e.GetString("ExpiresOn") ?? "").TryGetValue(default, out var expiresOn))
            // Our own data is damaged: a fault of ours (500), not of the person holding the link.
            throw new InvalidOperationException($"Link row {hash[..8]}… is malformed.");
        FinancialQuarter? quarter = FinancialQuarter.TryParse(e.GetString("Quarter"), out var q) ? q : null;
        var link = new LinkRecord(purpose, project, quarter, e.GetString("Recipient") ?? "", expiresOn,
            e.GetBoolean("SingleUse") ?? false, e.GetDateTimeOffset("UsedAt"), e.GetString("MessageId") ?? "");
        return (link, e);
    }
}
