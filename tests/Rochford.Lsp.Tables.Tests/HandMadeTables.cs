// The shared Azurite fixture now hands out Azure.Data.Tables clients; these tests exercise the hand-made client
// (to be deleted with it), so they make their tables here.

using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Tables.Tests;

internal static class HandMadeTables
{
    /// <summary>A hand-made client for a new, created table with a unique name starting with <paramref name="prefix"/>.</summary>
    public static async Task<TableClient> CreateHandMadeTableAsync(this AzuriteFixture azurite, string prefix)
    {
        var table = new TableClient(azurite.Server.ConnectionString, AzuriteServer.UniqueTableName(prefix));
        await table.CreateIfNotExistsAsync(AzuriteFixture.Timeout());
        return table;
    }
}
