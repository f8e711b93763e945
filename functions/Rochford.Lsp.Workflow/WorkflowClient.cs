// The client side of the workflow: start an instance, raise an input on it, read the status every instance shows.
// Pages, the seed loader and the clock driver go through this, so event names and ids are made in one place.

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace Rochford.Lsp.Workflow;

/// <summary>Starts reporting cycles and raises inputs on them through a <see cref="DurableTaskClient"/>.</summary>
/// <param name="client">The Durable Task client.</param>
/// <param name="dataConverter">
/// The converter the worker writes custom statuses with (default: Durable Task's JSON converter). Listings read statuses
/// with it, because the query that lists them is made without inputs (see <see cref="ListAsync"/>).
/// </param>
public sealed class WorkflowClient(DurableTaskClient client, DataConverter? dataConverter = null)
{
    private readonly DataConverter _converter = dataConverter ?? JsonDataConverter.Default;

    /// <summary>The Durable Task client underneath.</summary>
    public DurableTaskClient Durable => client;

    /// <summary>
    /// Starts the reporting cycle of instance <paramref name="instanceId"/> (or, with <paramref name="orchestrator"/>
    /// <see cref="PartnershipOrchestrator.Name"/>, the partnership) unless one exists; true when it started one.
    /// </summary>
    public async Task<bool> StartAsync(string instanceId, string startPayloadJson, WorkflowClock clock, DateTimeOffset at,
        CancellationToken cancellationToken = default, string orchestrator = ReportingCycleOrchestrator.Name)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
            return false;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(orchestrator),
                WorkflowCarry.ForStart(startPayloadJson, clock, at), new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Two starts at the same moment (two officers, a double click): the other one scheduled it; the provider refuses
            // an id already pending. Which exception it throws depends on the provider, so the instance's existence decides.
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, CancellationToken.None) is not null) return false;
            throw;
        }
        return true;
    }

    /// <summary>
    /// Waits until each of <paramref name="instanceIds"/> shows a status (has recorded its start and waits in its loop).
    /// </summary>
    /// <exception cref="InvalidOperationException">An instance finished instead (its start failed); the message says why.</exception>
    /// <exception cref="TimeoutException">One did not start within <paramref name="limit"/>.</exception>
    public async Task WaitUntilStartedAsync(IEnumerable<string> instanceIds, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var until = DateTimeOffset.UtcNow + limit;
        foreach (var id in instanceIds)
        {
            // A start that is stuck (storage down while it records) shows its problem before its first transition.
            while (true)
            {
                var status = await GetStatusAsync(id, cancellationToken);
                if (status is not null and not { Transition: 0, Stuck: not null })
                    break;
                if (await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is { IsCompleted: true } metadata)
                    throw new InvalidOperationException($"{id} did not start ({metadata.RuntimeStatus}): {metadata.FailureDetails?.ErrorMessage ?? metadata.SerializedOutput}");
                if (DateTimeOffset.UtcNow > until)
                    throw new TimeoutException(status?.Stuck is { } stuck
                        ? $"{id} did not record its start within {limit.TotalSeconds:0} s: it is stuck {stuck.What} since {stuck.Since:u} ({stuck.Reason})."
                        : $"{id} did not record its start within {limit.TotalSeconds:0} s. Is the workflow worker running?");
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Raises <paramref name="input"/> on <paramref name="instanceId"/>; the same input id twice is handled once.</summary>
    public Task RaiseAsync(string instanceId, WorkflowInput input, CancellationToken cancellationToken = default) =>
        client.RaiseEventAsync(instanceId, WorkflowInput.EventName, input, cancellationToken);

    /// <summary>The status an instance shows, or null when it does not exist or has not started its loop yet.</summary>
    public async Task<WorkflowStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : ReadStatus(metadata.SerializedCustomStatus);
    }

    /// <summary>Every instance's status (instances that have not shown one yet are left out).</summary>
    public async Task<IReadOnlyDictionary<string, WorkflowStatus>> GetStatusesAsync(CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, WorkflowStatus>(StringComparer.Ordinal);
        foreach (var instance in await ListAsync(cancellationToken))
        {
            if (instance.Status is { } status)
                result[instance.InstanceId] = status;
        }
        return result;
    }

    /// <summary>Every instance in the task hub, with its runtime status and the workflow status it shows (null before it shows one).</summary>
    /// <remarks>
    /// One query, one page of up to 1000 instances per round trip. It asks for no inputs: each instance's input is its whole
    /// carried state, which the Azure Storage provider would read (from blobs when large) for every instance on every poll of
    /// the clock driver. Custom statuses come with the query anyway, so they are read here with the worker's converter.
    /// </remarks>
    public async Task<IReadOnlyList<WorkflowInstance>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<WorkflowInstance>();
        await foreach (var metadata in client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = false, PageSize = 1000 })
                           .WithCancellation(cancellationToken))
        {
            result.Add(new WorkflowInstance(metadata.InstanceId, metadata.RuntimeStatus, ReadStatus(metadata.SerializedCustomStatus)));
        }
        return result;
    }

    // The Azure Storage provider writes the text "null" for an instance that has not set a custom status yet.
    private WorkflowStatus? ReadStatus(string? serialized) =>
        string.IsNullOrEmpty(serialized) ? null : _converter.Deserialize<WorkflowStatus>(serialized);
}

/// <summary>An instance as a listing shows it.</summary>
/// <param name="InstanceId">The instance id (the project code for a reporting cycle).</param>
/// <param name="RuntimeStatus">The engine's status: Pending until its first execution starts, Running while its loop waits.</param>
/// <param name="Status">The workflow status it shows, or null before its first transition is committed.</param>
public sealed record WorkflowInstance(string InstanceId, OrchestrationRuntimeStatus RuntimeStatus, WorkflowStatus? Status)
{
    /// <summary>True while the instance exists and runs but shows no status yet: it is starting.</summary>
    public bool IsStarting => Status is null && RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running;
}

