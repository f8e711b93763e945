// The inputs this app has raised on projects, so the local views can answer "as of everything sent so far": a page
// answers once it has raised a submission, without waiting for the project to handle it, and a developer (or a test)
// who then asks for the project's history should see that submission in it.

using System.Collections.Concurrent;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Lead;

/// <summary>The most recent inputs raised by this process, per instance.</summary>
public sealed class RaisedInputs(ProjectHistory history, ProjectRefusals refusals, ProjectStates<ProjectState> states)
{
    private const int KeptPerInstance = 20;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _raised = new(StringComparer.Ordinal);

    /// <summary>Remembers that <paramref name="inputId"/> was raised on <paramref name="instanceId"/>.</summary>
    public void Record(string instanceId, string inputId)
    {
        var queue = _raised.GetOrAdd(instanceId, _ => new ConcurrentQueue<string>());
        queue.Enqueue(inputId);
        while (queue.Count > KeptPerInstance && queue.TryDequeue(out _))
        {
        }
    }

    /// <summary>
    /// Waits until <paramref name="instanceId"/> (or every instance, when null) has recorded what this process raised on it,
    /// asking <paramref name="workflow"/> for the inputs handled: a history row for the input, a refusal, or the input among those handled (a repeat changes nothing). Emails
    /// are not waited for: they go after the transition is recorded, and a slow provider must not hold a view.
    /// </summary>
    /// <exception cref="TimeoutException">Not recorded within <paramref name="timeout"/> (30 seconds by default) (the message says which inputs).</exception>
    public async Task WaitUntilRecordedAsync(WorkflowClient workflow, string? instanceId, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var waiting = _raised
            .Where(pair => instanceId is null || pair.Key == instanceId)
            .SelectMany(pair => pair.Value.Select(input => new SentInput(pair.Key, input)))
            .ToHashSet();
        var limit = timeout ?? Timeout;
        var until = DateTimeOffset.UtcNow + limit;
        var delay = TimeSpan.FromMilliseconds(20);
        while (waiting.Count > 0)
        {
            foreach (var instance in waiting.Select(w => w.Target).Distinct().ToList())
            {
                var handled = (await workflow.GetStatusAsync(instance, cancellationToken))?.Handled ?? [];
                // History rows are written before the summary row: an input counts once the summary row has caught up.
                var summarized = (await states.GetAsync(instance, cancellationToken))?.Transition ?? 0;
                var recorded = (await history.ListAsync(instance, cancellationToken)).Where(h => h.Sequence <= summarized)
                    .Select(h => h.InputId).ToHashSet(StringComparer.Ordinal);
                foreach (var input in waiting.Where(w => w.Target == instance).ToList())
                {
                    if (handled.Contains(input.InputId) || recorded.Contains(input.InputId) || await refusals.WasRefusedAsync(instance, input.InputId, cancellationToken))
                        waiting.Remove(input);
                }
            }
            if (waiting.Count == 0) return;
            if (DateTimeOffset.UtcNow > until)
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for inputs that were not recorded: {string.Join(", ", waiting.Select(w => $"{w.InputId} on {w.Target}"))}. Is the workflow worker running?");
            // Soon at first (locally an input is handled in tens of milliseconds), then less often: each look is several reads.
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a page waits for the workflow to decide an officer's input before saying it is pending.</summary>
    public static readonly TimeSpan DecisionWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What <paramref name="instanceId"/> decided about <paramref name="inputId"/>: refused (with its reason), recorded (a
    /// transition, or nothing to do: the same input again), or, after <paramref name="limit"/> without either, pending. A page
    /// that says "done" only for <see cref="InputOutcome.Recorded"/> never says it for something the workflow refused.
    /// </summary>
    public async Task<InputOutcome> OutcomeAsync(WorkflowClient workflow, string instanceId, string inputId, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var until = DateTimeOffset.UtcNow + limit;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            // The status first: the read model (a refusal's row, a transition's rows) is written before the status shows the
            // input handled, so a refusal is never taken for a recording.
            var handled = (await workflow.GetStatusAsync(instanceId, cancellationToken))?.Handled.Contains(inputId, StringComparer.Ordinal) == true;
            if (await refusals.ReasonAsync(instanceId, inputId, cancellationToken) is { } reason) return new InputOutcome.Refused(reason);
            if (handled || await history.HasInputAsync(instanceId, inputId, cancellationToken)) return new InputOutcome.Recorded();
            if (DateTimeOffset.UtcNow > until) return new InputOutcome.Pending();
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }
}

/// <summary>What the workflow decided about an input a page raised.</summary>
public abstract record InputOutcome
{
    private InputOutcome()
    {
    }

    /// <summary>Recorded (or nothing to do: it was recorded before).</summary>
    public sealed record Recorded : InputOutcome;

    /// <summary>Refused; <paramref name="Reason"/> is the workflow's message for people.</summary>
    public sealed record Refused(string Reason) : InputOutcome;

    /// <summary>Not decided within the page's wait: it may still be recorded or refused.</summary>
    public sealed record Pending : InputOutcome;
}
