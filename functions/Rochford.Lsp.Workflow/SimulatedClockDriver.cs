// Moves a simulated clock forward through every due wake-up (ARCHITECTURE.md, "The simulated clock"): instances on a
// simulated clock create no timers, so the driver raises each wake-up with its simulated time, in time order, and
// returns only when every instance has handled what it was sent, including inputs instances raised on each other.

namespace Rochford.Lsp.Workflow;

/// <summary>Advances simulated-clock instances to a target time, one due time at a time.</summary>
public sealed class SimulatedClockDriver(WorkflowClient workflow)
{
    /// <summary>
    /// How long the driver waits with nothing handled before it gives up and says which inputs are outstanding. Every input
    /// handled starts the wait again, so a step over many instances (1,000 projects asked for their reports at once) takes as
    /// long as it needs while it moves, and a stuck one is reported this long after it stopped.
    /// </summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often statuses are read while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Raises every wake-up due up to <paramref name="target"/>, earliest first, waiting after each due time until every
    /// instance has handled it. Returns how many wake-ups were raised. <paramref name="progress"/> hears of each due time.
    /// </summary>
    /// <remarks>
    /// Instances still starting (listed, but showing no status yet) are waited for first: until an instance shows its next
    /// wake-up the driver cannot know whether it is due, and moving past it would wake it out of time order.
    /// </remarks>
    public async Task<int> AdvanceToAsync(DateTimeOffset target, IProgress<DateTimeOffset>? progress = null, CancellationToken cancellationToken = default)
    {
        var raised = 0;
        while (true)
        {
            var instances = await ListStartedAsync(cancellationToken);
            var due = instances
                .Where(i => i.Status is { Clock: WorkflowClock.Simulated, IsCompleted: false, NextWakeUp: { } w } && w <= target)
                .ToList();
            if (due.Count == 0)
                return raised;
            var at = due.Min(i => i.Status!.NextWakeUp!.Value);
            // Inputs raised before this step were waited for then: only what this step's wake-ups cause is waited for now.
            var before = SentBy(instances);
            var expected = new List<SentInput>();
            foreach (var instance in due.Where(i => i.Status!.NextWakeUp == at))
            {
                var wake = WorkflowInput.WakeUp(at, instance.Status!.Transition);
                await workflow.RaiseAsync(instance.InstanceId, wake, cancellationToken);
                expected.Add(new SentInput(instance.InstanceId, wake.InputId));
                raised++;
            }
            var after = await WaitUntilHandledCoreAsync(expected, before, cancellationToken);
            progress?.Report(at);
            ThrowIfStuck(expected, at, after);
        }
    }

    /// <summary>
    /// Waits until every input in <paramref name="expected"/>, and every input the instances raised on each other meanwhile,
    /// has been handled. Inputs sent to instances that do not exist are not waited for.
    /// </summary>
    /// <param name="before">
    /// A listing taken before <paramref name="expected"/> were raised: inputs the instances had raised by then are not waited
    /// for again. Without it every input the instances show as raised is waited for, however old.
    /// </param>
    public Task WaitUntilHandledAsync(IEnumerable<SentInput> expected, CancellationToken cancellationToken = default,
        IEnumerable<WorkflowInstance>? before = null) =>
        WaitUntilHandledCoreAsync(expected, before is null ? [] : SentBy(before), cancellationToken);

    /// <summary>
    /// Every input the listed instances show as raised. Why a step must not wait for these again: an instance shows only its
    /// latest handled inputs (<see cref="WorkflowStatus.HandledShown"/>), so an input many instances raised on one (each
    /// project's award on the partnership) drops out of the target's list long before it drops out of the senders'.
    /// </summary>
    private static HashSet<SentInput> SentBy(IEnumerable<WorkflowInstance> instances) => [.. instances.SelectMany(i => i.Status?.Sent ?? [])];

    /// <summary>Waits as <see cref="WaitUntilHandledAsync"/> does and returns the listing that showed everything handled.</summary>
    private async Task<IReadOnlyDictionary<string, WorkflowInstance>> WaitUntilHandledCoreAsync(IEnumerable<SentInput> expected,
        IReadOnlySet<SentInput> before, CancellationToken cancellationToken)
    {
        var waiting = new HashSet<SentInput>(expected);
        var seenSent = new HashSet<SentInput>(before);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        while (true)
        {
            try
            {
                // One listing per poll answers for every instance: whether it exists, and what it has handled and raised.
                var instances = (await workflow.ListAsync(timeout.Token)).ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
                foreach (var sent in instances.Values.SelectMany(i => i.Status?.Sent ?? []))
                {
                    if (seenSent.Add(sent) && !(instances.TryGetValue(sent.Target, out var t) && t.Status is { } ts && ts.Handled.Contains(sent.InputId)))
                        waiting.Add(sent);
                }
                // Not listed: no such instance, nothing will handle it. Listed without a status: starting, so wait.
                if (waiting.RemoveWhere(w => !instances.TryGetValue(w.Target, out var target) || target.Status is { } status && status.Handled.Contains(w.InputId)) > 0)
                    timeout.CancelAfter(StepTimeout);
                if (waiting.Count == 0)
                    return instances;
                await Task.Delay(PollInterval, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var details = new List<string>();
                foreach (var w in waiting)
                    details.Add($"{w.InputId} on {w.Target} ({await DescribeAsync(w.Target, cancellationToken)})");
                throw new TimeoutException(
                    $"The simulated clock waited {StepTimeout.TotalSeconds:0} s without any input being handled; still not handled: {string.Join(", ", details)}. Is the worker running?");
            }
        }
    }

    /// <summary>Lists the instances once none is starting (see <see cref="AdvanceToAsync"/>).</summary>
    private async Task<IReadOnlyList<WorkflowInstance>> ListStartedAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        IReadOnlyList<WorkflowInstance> instances = [];
        try
        {
            var startingBefore = int.MaxValue;
            while (true)
            {
                instances = await workflow.ListAsync(timeout.Token);
                var starting = instances.Count(i => i.IsStarting);
                if (starting == 0)
                    return instances;
                if (starting < startingBefore)
                    timeout.CancelAfter(StepTimeout);   // some have started: wait again from now
                startingBefore = starting;
                await Task.Delay(PollInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var starting = new List<string>();
            foreach (var i in instances.Where(i => i.IsStarting))
                starting.Add($"{i.InstanceId} ({await DescribeAsync(i.InstanceId, cancellationToken)})");
            throw new TimeoutException(
                $"The simulated clock waited {StepTimeout.TotalSeconds:0} s without any instance finishing its start; still starting: {string.Join(", ", starting)}. Is the worker running?");
        }
    }

    private async Task<string> DescribeAsync(string instanceId, CancellationToken cancellationToken)
    {
        // With inputs: the sidecar sends failure details only then.
        var metadata = await workflow.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return (metadata?.RuntimeStatus.ToString() ?? "no such instance") +
               (metadata?.FailureDetails is { } failure ? $": {failure.ErrorType}: {failure.ErrorMessage}" : "");
    }

    private static void ThrowIfStuck(IReadOnlyList<SentInput> woken, DateTimeOffset at, IReadOnlyDictionary<string, WorkflowInstance> instances)
    {
        foreach (var wake in woken)
        {
            if (instances.TryGetValue(wake.Target, out var instance)
                && instance.Status is { IsCompleted: false, NextWakeUp: { } next } status && next <= at
                && wake.InputId.EndsWith($":{status.Transition}", StringComparison.Ordinal))
                throw new InvalidOperationException(
                    $"{wake.Target} was woken at {at:u} but did nothing and still asks to wake at {next:u}: the clock cannot move past it.");
        }
    }
}
