// Read-model queries the tests assert on, shared by the in-memory and the Azurite-engine hosts.

using Azure.Data.Tables;

namespace Rochford.Lsp.Workflow.Tests;

internal static class ReadModelQueries
{
    public static async Task<IReadOnlyList<TableEntity>> RowsAsync(this Task<TableClient> table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in (await table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
            rows.Add(row);
        return rows;
    }

    public static Task<IReadOnlyList<TableEntity>> HistoryAsync(this WorkflowTables tables, string instanceId) =>
        tables.HistoryAsync(default).RowsAsync(instanceId);

    public static async Task<TableEntity?> SummaryAsync(this WorkflowTables tables, string instanceId)
    {
        var row = await (await tables.ProjectsAsync(default)).GetEntityIfExistsAsync<TableEntity>(WorkflowTables.ProjectsPartition, instanceId);
        return row.HasValue ? row.Value : null;
    }
}
