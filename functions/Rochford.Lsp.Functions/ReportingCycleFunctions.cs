// The reporting cycle as Durable Functions: one-line wrappers that hand each trigger to the shared orchestrator and
// activities (Rochford.Lsp.Workflow), under the names the orchestrator schedules them by. Written by hand, as the
// Durable Task source generator would write them (it is not available here).

using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Functions;

// DURABLE0009 suggests an input parameter instead of GetInput: the wrappers read the input the way the local worker hands
// it to the shared TaskOrchestrator (one code path for both hosts), so the suggestion is declined here and nowhere else.
#pragma warning disable DURABLE0009

/// <summary>The reporting-cycle orchestrator: one instance per funded project (instance id = project code).</summary>
public static class ReportingCycleFunction
{
    /// <summary>Runs <see cref="ReportingCycleOrchestrator"/> with the instance's carried state.</summary>
    [Function(ReportingCycleOrchestrator.Name)]
    public static Task<string?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReportingCycleOrchestrator().RunAsync(context, context.GetInput<WorkflowCarry>()!);
}

/// <summary>The partnership's orchestrator: one instance (<c>partnership</c>) keeping each funding stream's live ledger.</summary>
public static class PartnershipFunction
{
    /// <summary>Runs <see cref="PartnershipOrchestrator"/> with the instance's carried state.</summary>
    [Function(PartnershipOrchestrator.Name)]
    public static Task<string?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PartnershipOrchestrator().RunAsync(context, context.GetInput<WorkflowCarry>()!);
}

#pragma warning restore DURABLE0009

/// <summary>Records a transition's read model: <see cref="RecordTransitionActivity"/>.</summary>
public sealed class RecordTransitionFunction(RecordTransitionActivity activity)
{
    /// <summary>Runs the shared activity.</summary>
    [Function(WorkflowActivities.RecordTransition)]
    public Task<bool> RunAsync([ActivityTrigger] TransitionRecord record, string instanceId) =>
        activity.RunAsync(new FunctionActivityContext(WorkflowActivities.RecordTransition, instanceId), record);
}

/// <summary>Records a refused input: <see cref="RecordRefusalActivity"/>.</summary>
public sealed class RecordRefusalFunction(RecordRefusalActivity activity)
{
    /// <summary>Runs the shared activity.</summary>
    [Function(WorkflowActivities.RecordRefusal)]
    public Task<bool> RunAsync([ActivityTrigger] RefusalRecord refusal, string instanceId) =>
        activity.RunAsync(new FunctionActivityContext(WorkflowActivities.RecordRefusal, instanceId), refusal);
}

/// <summary>Sends a transition's emails: <see cref="SendEmailsActivity"/>.</summary>
public sealed class SendEmailsFunction(SendEmailsActivity activity)
{
    /// <summary>Runs the shared activity.</summary>
    [Function(WorkflowActivities.SendEmails)]
    public Task<EmailBatchResult> RunAsync([ActivityTrigger] EmailBatch batch, string instanceId) =>
        activity.RunAsync(new FunctionActivityContext(WorkflowActivities.SendEmails, instanceId), batch);
}

/// <summary>The activity's context as the Durable Task worker would give it: its name and the calling instance.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    /// <inheritdoc />
    public override TaskName Name { get; } = name;

    /// <inheritdoc />
    public override string InstanceId { get; } = instanceId;
}
