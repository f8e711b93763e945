// A project's history as the read model records it (one row per event, written by RecordTransitionActivity): what the
// development endpoints, the digest and, later, the officers' pages show.

using Azure.Data.Tables;

namespace Rochford.Lsp.Workflow;

/// <summary>One history event as recorded, with its place (transition and index) and time.</summary>
public sealed record HistoryRecord(string InstanceId, long Sequence, int Index, DateTimeOffset At, string InputId, string Type, string Explanation, string DataJson);

/// <summary>Reads the history table.</summary>
public sealed class ProjectHistory(WorkflowTables tables)
{
    /// <summary>Every event of <paramref name="instanceId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryRecord>> ListAsync(string instanceId, CancellationToken cancellationToken)
    {
        var table = await tables.HistoryAsync(cancellationToken);
        var result = new List<HistoryRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            var index = int.TryParse(row.RowKey.AsSpan(row.RowKey.IndexOf('-') + 1), out var i) ? i : 0;
            result.Add(new HistoryRecord(instanceId, row.GetInt64("Transition") ?? 0, index, row.GetDateTimeOffset("At") ?? default,
                row.GetString("InputId") ?? "", row.GetString("Type") ?? "", row.GetString("Explanation") ?? "", row.GetString("DataJson") ?? "{}"));
        }
        // Row keys sort by transition then index.
        return result;
    }

    /// <summary>True when a transition of <paramref name="instanceId"/> was made by the input <paramref name="inputId"/> (its history has a row for it).</summary>
    public async Task<bool> HasInputAsync(string instanceId, string inputId, CancellationToken cancellationToken)
    {
        var table = await tables.HistoryAsync(cancellationToken);
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and InputId eq {inputId}"),
                           maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            return true;
        return false;
    }
}

/// <summary>Reads the refusals table: inputs a project refused, with the reason people are shown.</summary>
public sealed class ProjectRefusals(WorkflowTables tables)
{
    /// <summary>True when <paramref name="instanceId"/> refused <paramref name="inputId"/>.</summary>
    public async Task<bool> WasRefusedAsync(string instanceId, string inputId, CancellationToken cancellationToken)
    {
        var table = await tables.RefusalsAsync(cancellationToken);
        return (await table.GetEntityIfExistsAsync<TableEntity>(instanceId, WorkflowTables.KeyOf(inputId), ["PartitionKey"], cancellationToken)).HasValue;
    }

    /// <summary>Why <paramref name="instanceId"/> refused <paramref name="inputId"/>, or null when it did not (or not yet).</summary>
    public async Task<string?> ReasonAsync(string instanceId, string inputId, CancellationToken cancellationToken)
    {
        var table = await tables.RefusalsAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, WorkflowTables.KeyOf(inputId), ["Reason"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("Reason") ?? "" : null;
    }

    /// <summary>The inputs <paramref name="instanceId"/> refused, newest first (at most <paramref name="take"/>).</summary>
    public async Task<IReadOnlyList<RefusalRecord>> ListAsync(string instanceId, int take, CancellationToken cancellationToken)
    {
        var table = await tables.RefusalsAsync(cancellationToken);
        var result = new List<RefusalRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken))
        {
            result.Add(new RefusalRecord(instanceId, row.GetString("InputId") ?? row.RowKey, row.GetString("Name") ?? "", row.GetString("Reason") ?? "",
                row.GetDateTimeOffset("At") ?? row.Timestamp ?? default));
        }
        return [.. result.OrderByDescending(r => r.At).Take(take)];
    }
}
