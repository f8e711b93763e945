// The read model's tables (ARCHITECTURE.md rule 5 and 6): pages read these, never orchestration internals.
// Each table is created on first use, once per process (tried again on the next use if storage failed).

using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Rochford.Lsp.Workflow;

/// <summary>The workflow's tables, named with the app's prefix (default "lsp").</summary>
public sealed class WorkflowTables(TableServiceClient service, string prefix = "lsp")
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    /// <summary>One row per instance (partition "projects", row = instance id): status, next wake-up, last transition, summary fields.</summary>
    public Task<TableClient> ProjectsAsync(CancellationToken cancellationToken) => GetAsync("projects", cancellationToken);

    /// <summary>History rows (partition = instance, row = transition and index): the plain-English audit trail.</summary>
    public Task<TableClient> HistoryAsync(CancellationToken cancellationToken) => GetAsync("history", cancellationToken);

    /// <summary>Refused inputs (partition = instance, row = input id), with the reason shown to people.</summary>
    public Task<TableClient> RefusalsAsync(CancellationToken cancellationToken) => GetAsync("refusals", cancellationToken);

    /// <summary>Every email effect (partition = instance, row = transition and index): claimed, sent or parked.</summary>
    public Task<TableClient> EmailLogAsync(CancellationToken cancellationToken) => GetAsync("emaillog", cancellationToken);

    /// <summary>The texts leads sent (partition = project code, row = content id): reports and interim updates (see <see cref="TableReportTexts"/>).</summary>
    public Task<TableClient> ReportsAsync(CancellationToken cancellationToken) => GetAsync("reports", cancellationToken);

    /// <summary>The partition of the projects table.</summary>
    public const string ProjectsPartition = "projects";

    /// <summary>The partition of the projects table that holds the partnership's one row (its ledgers, people and defaults).</summary>
    public const string PartnershipPartition = "partnership";

    /// <summary>The row key of a transition's item: sorts in order ("0000000007-000").</summary>
    public static string RowKey(long transition, int index) => $"{transition:D10}-{index:D3}";

    /// <summary>An input id as a row key: '/', '\', '#' and '?' are not allowed in keys.</summary>
    public static string KeyOf(string id) => id.Replace('/', '_').Replace('\\', '_').Replace('#', '_').Replace('?', '_');

    private async Task<TableClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var created = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(async () =>
        {
            var table = service.GetTableClient(prefix + n);
            await table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
            return table;
        }));
        try
        {
            return await created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (created.Value.IsFaulted)
        {
            // A creation that failed (storage down) is forgotten, so the next use tries again: kept, it would fail every
            // activity that needs the table until the process restarts, long after storage came back.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, created));
            throw;
        }
    }
}
