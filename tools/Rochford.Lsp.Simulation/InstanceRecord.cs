// What the workflow recorded about one project by the end of a simulation: its history and refusal rows from the read
// model (Azure.Data.Tables), and its final decider state from the engine. The state is read because the summary (RAG
// with lateness, money received, the streams' position) needs more than the read model's summary row holds.

using System.Text.Json;
using Azure.Data.Tables;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Simulation;

/// <summary>A history row: one event of one transition.</summary>
/// <param name="Index">The event's position within its transition.</param>
/// <param name="InputId">The input that caused the transition.</param>
internal sealed record HistoryRow(string InstanceId, long Transition, int Index, DateTimeOffset At, string InputId, string Type, string Explanation);

/// <summary>A refusal row: an input the instance refused, and why.</summary>
internal sealed record RefusalRow(string InstanceId, string InputId, string Name, string Reason, DateTimeOffset At);

/// <summary>One project's instance at the end of a simulation.</summary>
/// <param name="Status">The decider's one-line status, e.g. "Red: recovery deadline 31 May 2010".</param>
internal sealed record InstanceRecord(string InstanceId, ProjectState State, string Status, IReadOnlyList<HistoryRow> History, IReadOnlyList<RefusalRow> Refusals)
{
    private static readonly IOrchestration<ProjectState> Cycle = new ReportingCycle();

    /// <summary>Reads <paramref name="instanceId"/>'s rows and final state.</summary>
    public static async Task<InstanceRecord> ReadAsync(SimulationHost host, string instanceId, CancellationToken cancellationToken)
    {
        var history = new List<HistoryRow>();
        var rows = await RowsAsync(await host.Tables.HistoryAsync(cancellationToken).ConfigureAwait(false), instanceId, cancellationToken).ConfigureAwait(false);
        // Row keys sort in order of transition, then event within it.
        foreach (var transition in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).GroupBy(r => r.GetInt64("Transition")!.Value))
        {
            history.AddRange(transition.Select((row, index) => new HistoryRow(instanceId, transition.Key, index, row.GetDateTimeOffset("At")!.Value,
                row.GetString("InputId")!, row.GetString("Type")!, row.GetString("Explanation")!)));
        }
        var refusals = await RefusalsAsync(host, instanceId, cancellationToken).ConfigureAwait(false);

        var metadata = await host.Client.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The instance {instanceId} disappeared during the simulation.");
        // The orchestration's input is what its last ContinueAsNew carried: the decider's state after the last transition.
        var carry = metadata.ReadInputAs<WorkflowCarry>();
        if (carry?.StateJson is not { } json)
            throw new InvalidOperationException($"The instance {instanceId} has no state ({metadata.RuntimeStatus}: {metadata.SerializedOutput}).");
        var state = carry.StateVersion < Cycle.StateVersion
            ? Cycle.Migrate(carry.StateVersion, json)
            : JsonSerializer.Deserialize<ProjectState>(json, Cycle.StateSerializerOptions)!;
        return new InstanceRecord(instanceId, state, carry.Status, history, refusals);
    }

    /// <summary>The partnership's final state (its live ledgers) and the movements of money it refused.</summary>
    public static async Task<(PartnershipState State, IReadOnlyList<RefusalRow> Refusals)> ReadPartnershipAsync(SimulationHost host, CancellationToken cancellationToken)
    {
        var id = PartnershipCycle.InstanceId;
        var refusals = await RefusalsAsync(host, id, cancellationToken).ConfigureAwait(false);
        var metadata = await host.Client.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The partnership's instance disappeared during the simulation.");
        var state = new InstanceStateReader<PartnershipState>(host.Client.Durable, new PartnershipCycle()).Read(metadata)?.State
            ?? throw new InvalidOperationException($"The partnership's instance has no state ({metadata.RuntimeStatus}: {metadata.SerializedOutput}).");
        return (state, refusals);
    }

    /// <summary>The inputs <paramref name="instanceId"/> refused, from its refusal rows.</summary>
    private static async Task<IReadOnlyList<RefusalRow>> RefusalsAsync(SimulationHost host, string instanceId, CancellationToken cancellationToken) =>
        [.. (await RowsAsync(await host.Tables.RefusalsAsync(cancellationToken).ConfigureAwait(false), instanceId, cancellationToken).ConfigureAwait(false))
            .Select(row => new RefusalRow(instanceId, row.GetString("InputId")!, row.GetString("Name")!, row.GetString("Reason")!, row.GetDateTimeOffset("At")!.Value))];

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
            rows.Add(row);
        return rows;
    }
}
