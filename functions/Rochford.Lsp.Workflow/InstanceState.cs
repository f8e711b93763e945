// Reads a decider's state out of an instance as the engine stores it: the input of its current execution is the
// WorkflowCarry that the last ContinueAsNew handed on. Pages use it to show a project as its orchestration last left it.

using System.Text.Json;
using Microsoft.DurableTask.Client;
using Rochford.Lsp.Durable;

namespace Rochford.Lsp.Workflow;

/// <summary>An instance's current state and the loop's bookkeeping.</summary>
/// <param name="State">The decider's state, or null before the instance's first transition.</param>
public sealed record InstanceState<TState>(string InstanceId, OrchestrationRuntimeStatus RuntimeStatus, WorkflowCarry Carry, TState? State)
    where TState : class;

/// <summary>Reads <see cref="InstanceState{TState}"/> through a <see cref="DurableTaskClient"/>.</summary>
public sealed class InstanceStateReader<TState>(DurableTaskClient client, IOrchestration<TState> decider) where TState : class
{
    /// <summary>The instance's state, or null when there is no such instance.</summary>
    public async Task<InstanceState<TState>?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : Read(metadata);
    }

    /// <summary>Every instance's state, in instance-id order.</summary>
    public async Task<IReadOnlyList<InstanceState<TState>>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<InstanceState<TState>>();
        await foreach (var metadata in client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true, PageSize = 1000 })
                           .WithCancellation(cancellationToken))
        {
            // Only the instances of this decider's orchestration (the projects' list leaves the partnership out).
            if (!string.Equals(metadata.Name, OrchestrationName, StringComparison.Ordinal))
                continue;
            // Some engines leave inputs out of query results: read those instances on their own.
            var full = metadata.SerializedInput is null
                ? await client.GetInstanceAsync(metadata.InstanceId, getInputsAndOutputs: true, cancellationToken)
                : metadata;
            if (full is not null && Read(full) is { } state)
                result.Add(state);
        }
        return [.. result.OrderBy(s => s.InstanceId.Length).ThenBy(s => s.InstanceId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The orchestration that hosts the decider: its name and "Orchestrator" (<see cref="ReportingCycleOrchestrator"/>,
    /// <see cref="PartnershipOrchestrator"/>).
    /// </summary>
    public string OrchestrationName { get; } = decider.Name + "Orchestrator";

    /// <summary>The state in <paramref name="metadata"/>; null when the instance has no input (not one of ours).</summary>
    public InstanceState<TState>? Read(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.SerializedInput is null) return null;
        var carry = metadata.ReadInputAs<WorkflowCarry>();
        if (carry is null) return null;
        return new InstanceState<TState>(metadata.InstanceId, metadata.RuntimeStatus, carry, carry.StateJson is null ? null : StateOf(carry, decider));
    }

    /// <summary>The decider's state in <paramref name="carry"/>, migrated when it was written by an older schema version.</summary>
    /// <exception cref="NotSupportedException">The state was written by newer code.</exception>
    public static TState StateOf(WorkflowCarry carry, IOrchestration<TState> decider)
    {
        ArgumentNullException.ThrowIfNull(carry);
        return StateOf(carry.StateJson ?? throw new InvalidOperationException("The instance has no state yet."), carry.StateVersion, decider);
    }

    /// <summary>The decider's state in <paramref name="json"/>, written with schema <paramref name="version"/>, migrated when older.</summary>
    /// <exception cref="NotSupportedException">The state was written by newer code.</exception>
    public static TState StateOf(string json, int version, IOrchestration<TState> decider)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(decider);
        if (version < decider.StateVersion)
            return decider.Migrate(version, json);
        if (version > decider.StateVersion)
            throw new NotSupportedException(
                $"The stored state is version {version}, newer than this code's {decider.StateVersion}: deploy the newer code.");
        return JsonSerializer.Deserialize<TState>(json, decider.StateSerializerOptions)
               ?? throw new InvalidOperationException("The stored state is empty.");
    }
}
