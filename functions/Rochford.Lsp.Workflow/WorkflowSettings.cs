namespace Rochford.Lsp.Workflow;

/// <summary>How this app's workflows run: the clock new instances start on, and the task hub.</summary>
/// <param name="Clock">Real in Azure; simulated on a laptop run with Clock:SimulatedStart.</param>
/// <param name="TaskHub">The Durable Task hub's name.</param>
public sealed record WorkflowSettings(WorkflowClock Clock, string TaskHub);
