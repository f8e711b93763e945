// The development sign-in's sessions, kept on the server (issue 21): each sign-in is a row, named by a random id that the
// (protected) cookie carries, and signing out deletes the row, so a copy of the cookie kept from before signs nobody in
// afterwards. In Azure, App Service Authentication keeps its own sessions and this table is not used.

using Azure;
using Azure.Data.Tables;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>The development sign-in's sessions, one row each in <c>{prefix}staffsessions</c>.</summary>
public sealed class StaffSessions(TableClient table)
{
    private const string Partition = "session";
    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    /// <summary>A new session id (128 random bits, base64url).</summary>
    public static string NewId() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>True for a well-formed session id (so a forged one never reaches a storage key).</summary>
    public static bool IsId(string? id) => id is { Length: 22 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Records that <paramref name="email"/> signed in as session <paramref name="id"/>, until <paramref name="expires"/>.</summary>
    public async Task StartAsync(string id, string email, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        await _created.Value;
        await table.AddEntityAsync(new TableEntity(Partition, id) { ["Email"] = email, ["Expires"] = expires }, cancellationToken);
    }

    /// <summary>True while session <paramref name="id"/> of <paramref name="email"/> has not been ended.</summary>
    public async Task<bool> IsLiveAsync(string id, string email, CancellationToken cancellationToken)
    {
        if (!IsId(id)) return false;
        await _created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, ["Email"], cancellationToken);
        return row.HasValue && string.Equals(row.Value!.GetString("Email"), email, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Ends session <paramref name="id"/> (already ended: nothing to do).</summary>
    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id)) return;
        await _created.Value;
        try
        {
            await table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Ended already (a second sign-out).
        }
    }
}
