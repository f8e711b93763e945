// The client side of the workflow: start an instance, raise an input on it, read the status every instance shows.
// Pages, the seed loader and the clock driver go through this, so event names and ids are made in one place.

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Rochford.Lsp.Workflow;

/// <summary>Starts reporting cycles and raises inputs on them through a <see cref="DurableTaskClient"/>.</summary>
public sealed class WorkflowClient(DurableTaskClient client)
{
    /// <summary>The Durable Task client underneath.</summary>
    public DurableTaskClient Durable => client;

    /// <summary>
    /// Starts the reporting cycle of instance <paramref name="instanceId"/> unless one exists; true when it started one.
    /// </summary>
    public async Task<bool> StartAsync(string instanceId, string startPayloadJson, WorkflowClock clock, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
            return false;
        await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(ReportingCycleOrchestrator.Name),
            WorkflowCarry.ForStart(startPayloadJson, clock, at), new StartOrchestrationOptions(instanceId), cancellationToken);
        return true;
    }

    /// <summary>Raises <paramref name="input"/> on <paramref name="instanceId"/>; the same input id twice is handled once.</summary>
    public Task RaiseAsync(string instanceId, WorkflowInput input, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, WorkflowInput.EventName, input, cancellationToken);

    /// <summary>The status an instance shows, or null when it does not exist or has not started its loop yet.</summary>
    public async Task<WorkflowStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is { SerializedCustomStatus: not null } ? metadata.ReadCustomStatusAs<WorkflowStatus>() : null;
    }

    /// <summary>Every instance's status (instances that have not shown one yet are left out).</summary>
    /// <remarks>
    /// The query is asked for custom statuses, but the sidecar over the Azure Storage provider leaves them out of query
    /// results, so an instance listed without one is read on its own.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, WorkflowStatus>> GetStatusesAsync(CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, WorkflowStatus>(StringComparer.Ordinal);
        await foreach (var metadata in client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true, PageSize = 1000 })
                           .WithCancellation(cancellationToken))
        {
            var status = metadata.SerializedCustomStatus is not null
                ? metadata.ReadCustomStatusAs<WorkflowStatus>()
                : await GetStatusAsync(metadata.InstanceId, cancellationToken);
            if (status is not null)
                result[metadata.InstanceId] = status;
        }
        return result;
    }
}
