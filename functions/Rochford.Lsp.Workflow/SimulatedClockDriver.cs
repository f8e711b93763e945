// Moves a simulated clock forward through every due wake-up (ARCHITECTURE.md, "The simulated clock"): instances on a
// simulated clock create no timers, so the driver raises each wake-up with its simulated time, in time order, and
// returns only when every instance has handled what it was sent, including inputs instances raised on each other.

namespace Rochford.Lsp.Workflow;

/// <summary>Advances simulated-clock instances to a target time, one due time at a time.</summary>
public sealed class SimulatedClockDriver(WorkflowClient workflow)
{
    /// <summary>How long one step may take before the driver gives up and says which inputs are outstanding.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often statuses are read while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Raises every wake-up due up to <paramref name="target"/>, earliest first, waiting after each due time until every
    /// instance has handled it. Returns how many wake-ups were raised. <paramref name="progress"/> hears of each due time.
    /// </summary>
    public async Task<int> AdvanceToAsync(DateTimeOffset target, IProgress<DateTimeOffset>? progress = null, CancellationToken cancellationToken = default)
    {
        var raised = 0;
        while (true)
        {
            var statuses = await workflow.GetStatusesAsync(cancellationToken);
            var due = statuses
                .Where(s => s.Value.Clock == WorkflowClock.Simulated && !s.Value.IsCompleted && s.Value.NextWakeUp is { } w && w <= target)
                .ToList();
            if (due.Count == 0)
                return raised;
            var at = due.Min(s => s.Value.NextWakeUp!.Value);
            var expected = new List<SentInput>();
            foreach (var (instance, status) in due.Where(s => s.Value.NextWakeUp == at))
            {
                var wake = WorkflowInput.WakeUp(at, status.Transition);
                await workflow.RaiseAsync(instance, wake, cancellationToken);
                expected.Add(new SentInput(instance, wake.InputId));
                raised++;
            }
            await WaitUntilHandledAsync(expected, cancellationToken);
            progress?.Report(at);
            await ThrowIfStuckAsync(expected, at, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until every input in <paramref name="expected"/>, and every input the instances raised on each other meanwhile,
    /// has been handled. Inputs sent to instances that do not exist are not waited for.
    /// </summary>
    public async Task WaitUntilHandledAsync(IEnumerable<SentInput> expected, CancellationToken cancellationToken = default)
    {
        var waiting = new HashSet<SentInput>(expected);
        var seenSent = new HashSet<SentInput>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        while (true)
        {
            IReadOnlyDictionary<string, WorkflowStatus> statuses;
            try
            {
                statuses = await workflow.GetStatusesAsync(timeout.Token);
                foreach (var (instance, status) in statuses)
                foreach (var sent in status.Sent)
                {
                    if (seenSent.Add(sent) && !(statuses.TryGetValue(sent.Target, out var t) && t.Handled.Contains(sent.InputId)))
                        waiting.Add(sent);
                }
                foreach (var w in waiting.ToList())
                {
                    var target = statuses.TryGetValue(w.Target, out var listed) ? listed : await workflow.GetStatusAsync(w.Target, timeout.Token);
                    if (target is null ? !await ExistsAsync(w.Target, timeout.Token) : target.Handled.Contains(w.InputId))
                        waiting.Remove(w);
                }
                if (waiting.Count == 0)
                    return;
                await Task.Delay(PollInterval, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var details = new List<string>();
                foreach (var w in waiting)
                {
                    var metadata = await workflow.Durable.GetInstanceAsync(w.Target, getInputsAndOutputs: false, cancellationToken);
                    details.Add($"{w.InputId} on {w.Target} ({metadata?.RuntimeStatus.ToString() ?? "no such instance"}" +
                                (metadata?.FailureDetails is { } failure ? $": {failure.ErrorType}: {failure.ErrorMessage}" : "") + ")");
                }
                throw new TimeoutException(
                    $"The simulated clock waited {StepTimeout.TotalSeconds:0} s for inputs that were not handled: {string.Join(", ", details)}. Is the worker running?");
            }
        }
    }

    private async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken) =>
        await workflow.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null;

    private async Task ThrowIfStuckAsync(IReadOnlyList<SentInput> woken, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var wake in woken)
        {
            var status = await workflow.GetStatusAsync(wake.Target, cancellationToken);
            if (status is { IsCompleted: false, NextWakeUp: { } next } && next <= at && wake.InputId.EndsWith($":{status.Transition}", StringComparison.Ordinal))
                throw new InvalidOperationException(
                    $"{wake.Target} was woken at {at:u} but did nothing and still asks to wake at {next:u}: the clock cannot move past it.");
        }
    }
}
