// Records the inputs the orchestrations raise on each other (SendEvent: money moving between projects, a refusal
// travelling back), the way the recording email sender records emails. The read model shows what a target did with
// such an input but not the input's name, which the timeline prints ("raised ReceiveReallocatedFunds on ROC3").

using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Simulation;

/// <summary>An input one instance raised on another.</summary>
/// <param name="From">The instance that raised it.</param>
/// <param name="Target">The instance it was raised on.</param>
/// <param name="InputId">Its idempotency id: for a decider's effect, the effect id ("ROC4/13/0").</param>
/// <param name="Name">The command, e.g. "ReceiveReallocatedFunds".</param>
public sealed record RaisedInput(string From, string Target, string InputId, string Name);

/// <summary>Every input the orchestrations raised on each other, by input id.</summary>
/// <remarks>
/// An orchestrator runs again on replay and raises the same inputs with the same ids, so each id is kept once. The log
/// says what was raised, not what became of it: that is in the read model (the target's history or refusal rows).
/// </remarks>
public sealed class RaisedInputLog
{
    private readonly ConcurrentDictionary<string, RaisedInput> _raised = new(StringComparer.Ordinal);

    /// <summary>The inputs raised so far, by input id.</summary>
    public IReadOnlyDictionary<string, RaisedInput> ById => _raised;

    /// <summary>
    /// Wraps <paramref name="orchestrator"/> so that the inputs it raises are recorded here. Everything else passes straight
    /// through to the engine's context: the orchestrator's behaviour is unchanged.
    /// </summary>
    public ITaskOrchestrator Observe(ITaskOrchestrator orchestrator, ILoggerFactory loggerFactory) =>
        new ObservedOrchestrator(orchestrator, this, loggerFactory);

    private void Add(RaisedInput input) => _raised.TryAdd(input.InputId, input);

    private sealed class ObservedOrchestrator(ITaskOrchestrator inner, RaisedInputLog log, ILoggerFactory loggerFactory) : ITaskOrchestrator
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            inner.RunAsync(new ObservingContext(context, log, loggerFactory), input);
    }

    /// <summary>The engine's context, with <see cref="SendEvent"/> recorded.</summary>
    private sealed class ObservingContext(TaskOrchestrationContext inner, RaisedInputLog log, ILoggerFactory loggerFactory) : TaskOrchestrationContext
    {
        public override TaskName Name => inner.Name;

        public override string InstanceId => inner.InstanceId;

        public override ParentOrchestrationInstance? Parent => inner.Parent;

        public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

        public override bool IsReplaying => inner.IsReplaying;

        public override string Version => inner.Version;

        public override IReadOnlyDictionary<string, object?> Properties => inner.Properties;

        public override TaskOrchestrationEntityFeature Entities => inner.Entities;

        protected override ILoggerFactory LoggerFactory => loggerFactory;

        public override void SendEvent(string instanceId, string eventName, object payload)
        {
            if (payload is WorkflowInput input)
                log.Add(new RaisedInput(inner.InstanceId, instanceId, input.InputId, input.Name));
            inner.SendEvent(instanceId, eventName, payload);
        }

        public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
            inner.CallActivityAsync<TResult>(name, input, options);

        public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

        public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
            inner.WaitForExternalEvent<T>(eventName, cancellationToken);

        public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

        public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
            inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);

        public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
            inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

        public override Guid NewGuid() => inner.NewGuid();

        public override T? GetInput<T>() where T : default => inner.GetInput<T>();
    }
}
