// Versions of the orchestration loop (ARCHITECTURE.md rule 4): each execution records which loop version it started on
// (WorkflowCarry.Loop) and DeciderOrchestrator runs that version's code, so a deploy that changes the loop never replays a
// history against code that did not record it. ContinueAsNew moves every instance to the newest version.

namespace Rochford.Lsp.Workflow;

/// <summary>The loop versions of <see cref="DeciderOrchestrator{TState}"/>.</summary>
/// <remarks>
/// <para>
/// Why: Durable Task replays an execution's history through the orchestrator's code, and fails the instance when the code
/// asks for something else than the history recorded (another activity, events raised in another order). ContinueAsNew keeps
/// each history to one busy moment, so a deploy meets at most that moment (an input being handled, or an idle instance
/// waiting on its wake-up's timer), but it does meet it.
/// </para>
/// <para>
/// How to change the loop: leave loop N's code as it is, add loop N+1 beside it (a new method, dispatched by
/// <c>DeciderOrchestrator.RunLoopAsync</c>), and make <see cref="Latest"/> N+1. Instances in the middle of an execution finish it
/// on loop N and move to N+1 when they continue as new; new instances start on N+1. Loop N is deleted in a later deploy, once
/// no instance runs it (<see cref="WorkflowStatus.Loop"/>, shown per instance by /api/health). Changes to the decider need
/// no new loop: its state is data, migrated by version (rule 4).
/// </para>
/// <para>Loop 1 is the loop as issue 20 left it; carries written before loops had versions (Loop 0) ran it.</para>
/// </remarks>
public static class WorkflowLoops
{
    /// <summary>The newest loop version: what new instances start on and every instance moves to at ContinueAsNew.</summary>
    public const int Latest = 1;

    /// <summary>
    /// The input that moves an instance to the newest loop and does nothing else (the decider never sees it): an instance idle
    /// for weeks, waiting on its wake-up's timer, ends its execution and continues as new on <see cref="Latest"/>. The sweep
    /// raises it on every instance on an older loop, so that a loop version can be deleted soon after a deploy.
    /// </summary>
    public const string MoveInputName = "MoveToLatestLoop";

    /// <summary>The move's input id: one per loop version, so a repeat changes nothing.</summary>
    public static WorkflowInput MoveInput(int toLoop) => new($"loop:{toLoop}", MoveInputName, "{}");
}
