// The names of the workflow's activities and the data they take, shared by the orchestrator (which calls them)
// and the hosts (which register them: the local host, the in-memory test host and, later, the Functions app).

using Rochford.Lsp.Durable;

namespace Rochford.Lsp.Workflow;

/// <summary>Activity names: one place, so the orchestrator and every host agree.</summary>
public static class WorkflowActivities
{
    /// <summary>Writes a transition's read model: the project summary row and its history rows.</summary>
    public const string RecordTransition = nameof(RecordTransitionActivity);

    /// <summary>Records a refused input for people to see.</summary>
    public const string RecordRefusal = nameof(RecordRefusalActivity);

    /// <summary>Sends a transition's emails, each once.</summary>
    public const string SendEmails = nameof(SendEmailsActivity);
}

/// <summary>One transition, as the read model records it.</summary>
/// <param name="Summary">Fields of the summary row drawn from the state by the orchestrator (phase, RAG per quarter, money).</param>
/// <param name="StateJson">The decider's state after the transition, as it serializes it: pages read it from the summary row.</param>
/// <param name="StateVersion">The schema version <paramref name="StateJson"/> was written with.</param>
/// <param name="Partition">The summary row's partition: the projects', or the partnership's.</param>
public sealed record TransitionRecord(
    string InstanceId,
    long Transition,
    string InputId,
    DateTimeOffset At,
    string Status,
    DateTimeOffset? NextWakeUp,
    bool IsCompleted,
    IReadOnlyList<HistoryEvent> Events,
    IReadOnlyDictionary<string, string> Summary,
    string? StateJson = null,
    int StateVersion = 0,
    string Partition = WorkflowTables.ProjectsPartition);

/// <summary>An input an instance refused, with the reason people are shown.</summary>
public sealed record RefusalRecord(string InstanceId, string InputId, string Name, string Reason, DateTimeOffset At);

/// <summary>One email effect of a transition.</summary>
/// <param name="Id">The effect's id, "ROC4/7/0": what makes a retried send recognisably the same message.</param>
public sealed record EmailEffect(string Id, string InstanceId, long Transition, int Index, string Template,
    IReadOnlyList<string> To, IReadOnlyList<string> Cc, string ModelJson);

/// <summary>A transition's emails, sent by one activity call.</summary>
public sealed record EmailBatch(string InstanceId, long Transition, IReadOnlyList<EmailEffect> Emails);

/// <summary>What happened to each email of a batch: sent, or parked with a reason.</summary>
public sealed record EmailBatchResult(int Sent, int AlreadySent, IReadOnlyList<string> Parked);

/// <summary>Registers the workflow's tasks: one list for every host (the app, the simulation, tests and benchmarks).</summary>
public static class WorkflowRegistry
{
    /// <summary>Adds the reporting-cycle and partnership orchestrators and their activities to <paramref name="registry"/>.</summary>
    public static Microsoft.DurableTask.DurableTaskRegistry AddReportingCycle(this Microsoft.DurableTask.DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ReportingCycleOrchestrator>()
            .AddOrchestrator<PartnershipOrchestrator>()
            .AddActivity<RecordTransitionActivity>()
            .AddActivity<RecordRefusalActivity>()
            .AddActivity<SendEmailsActivity>();
    }
}
