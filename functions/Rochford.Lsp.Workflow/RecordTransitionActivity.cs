// Writes one transition's read model. Idempotent per (instance, transition): history rows are keyed by the
// transition and overwritten by a retry; the summary row moves forward only (its ETag guards the race). A summary row
// of an older schema that held the lead's texts has them saved to the reports table before it is replaced.

using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;

namespace Rochford.Lsp.Workflow;

/// <summary>Records a transition: its history rows, then the instance's summary row.</summary>
public sealed class RecordTransitionActivity(WorkflowTables tables) : TaskActivity<TransitionRecord, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, TransitionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var cancellationToken = CancellationToken.None;
        var history = await tables.HistoryAsync(cancellationToken);
        // At most 100 operations per entity-group transaction: write history in batches of 100, each all-or-nothing.
        var rows = record.Events.Select((e, index) => new TableEntity(record.InstanceId, WorkflowTables.RowKey(record.Transition, index))
        {
            ["Type"] = e.Type,
            ["Explanation"] = e.Explanation,
            ["DataJson"] = e.DataJson,
            ["At"] = record.At,
            ["Transition"] = record.Transition,
            ["InputId"] = record.InputId,
        }).ToList();
        foreach (var chunk in rows.Chunk(100))
            await history.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);

        await UpdateSummaryAsync(record, cancellationToken);
        return true;
    }

    private async Task UpdateSummaryAsync(TransitionRecord record, CancellationToken cancellationToken)
    {
        var projects = await tables.ProjectsAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await projects.GetEntityIfExistsAsync<TableEntity>(record.Partition, record.InstanceId, cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value!.GetInt64("LastTransition") is { } last && last >= record.Transition)
                return; // A retry of a transition already recorded, or a newer one got here first.
            // A project's row written by an older schema that kept the lead's texts in the state (version 1): the texts go to the
            // reports table before the newer state replaces it, or they would be nowhere.
            if (existing.HasValue && record.Partition == WorkflowTables.ProjectsPartition && SummaryState.Read(existing.Value!) is { } stored
                && stored.Version < record.StateVersion)
                await StateTextsKeeper.KeepAsync(new TableReportTexts(tables), record.InstanceId, stored.Json, stored.Version, cancellationToken);
            var row = new TableEntity(record.Partition, record.InstanceId)
            {
                ["Status"] = record.Status,
                ["NextWakeUp"] = record.NextWakeUp,
                ["IsCompleted"] = record.IsCompleted,
                ["LastTransition"] = record.Transition,
                ["LastTransitionAt"] = record.At,
            };
            foreach (var (key, value) in record.Summary)
                row[key] = value;
            if (record.StateJson is not null)
                SummaryState.Write(row, record.StateJson, record.StateVersion);
            try
            {
                if (existing.HasValue)
                    await projects.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await projects.AddEntityAsync(row, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // Someone else wrote it between our read and write: read again and decide again.
            }
        }
    }
}

/// <summary>Records a refused input (insert-only; a retry finds it there).</summary>
public sealed class RecordRefusalActivity(WorkflowTables tables) : TaskActivity<RefusalRecord, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, RefusalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var refusals = await tables.RefusalsAsync(CancellationToken.None);
        await refusals.UpsertEntityAsync(new TableEntity(record.InstanceId, WorkflowTables.KeyOf(record.InputId))
        {
            ["InputId"] = record.InputId,
            ["Name"] = record.Name,
            ["Reason"] = record.Reason,
            ["At"] = record.At,
        }, TableUpdateMode.Replace);
        return true;
    }
}
