// Each project as its last recorded transition left it, read from the read model's summary rows (SummaryState): what
// pages show and check a submission against. It is written before the transition's emails are sent, so a slow email
// provider never makes a page show a project as it was before the lead's submission.

using Azure.Data.Tables;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Partnership;

namespace Rochford.Lsp.Workflow;

/// <summary>A project's recorded state and the transition that recorded it.</summary>
public sealed record RecordedState<TState>(string InstanceId, long Transition, TState State) where TState : class;

/// <summary>Reads decider states from the summary rows.</summary>
public sealed class ProjectStates<TState>(WorkflowTables tables, IOrchestration<TState> decider) where TState : class
{
    /// <summary>The recorded state of <paramref name="instanceId"/>, or null before its first transition is recorded.</summary>
    public async Task<RecordedState<TState>?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var projects = await tables.ProjectsAsync(cancellationToken);
        var row = await projects.GetEntityIfExistsAsync<TableEntity>(WorkflowTables.ProjectsPartition, instanceId, cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Every recorded project, in instance-id order (ROC1, ROC3, ..., ROC10).</summary>
    public async Task<IReadOnlyList<RecordedState<TState>>> ListAsync(CancellationToken cancellationToken = default)
    {
        var projects = await tables.ProjectsAsync(cancellationToken);
        var result = new List<RecordedState<TState>>();
        await foreach (var row in projects.QueryAsync<TableEntity>(e => e.PartitionKey == WorkflowTables.ProjectsPartition, cancellationToken: cancellationToken))
        {
            if (Read(row) is { } state)
                result.Add(state);
        }
        return [.. result.OrderBy(s => s.InstanceId.Length).ThenBy(s => s.InstanceId, StringComparer.Ordinal)];
    }

    internal static RecordedState<TState>? Read(TableEntity row, IOrchestration<TState> decider) => SummaryState.Read(row) is { } stored
        ? new RecordedState<TState>(row.RowKey, row.GetInt64("LastTransition") ?? 0, InstanceStateReader<TState>.StateOf(stored.Json, stored.Version, decider))
        : null;

    private RecordedState<TState>? Read(TableEntity row) => Read(row, decider);
}

/// <summary>Reads the partnership's recorded state (its ledgers, people and defaults) from its summary row.</summary>
public sealed class PartnershipRecord(WorkflowTables tables)
{
    private static readonly PartnershipCycle Decider = new();

    /// <summary>The partnership as its last transition left it, or null before its instance has started.</summary>
    public async Task<RecordedState<PartnershipState>?> GetAsync(CancellationToken cancellationToken = default)
    {
        var projects = await tables.ProjectsAsync(cancellationToken);
        var row = await projects.GetEntityIfExistsAsync<TableEntity>(WorkflowTables.PartnershipPartition, PartnershipCycle.InstanceId, cancellationToken: cancellationToken);
        return row.HasValue ? ProjectStates<PartnershipState>.Read(row.Value!, Decider) : null;
    }
}
