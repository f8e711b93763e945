// The reporting cycle of one funded project as a Durable Task orchestration (instance id = project code).
// All behaviour is the pure ReportingCycle decider's; this class names it and says what the summary row shows.

using System.Globalization;
using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;

namespace Rochford.Lsp.Workflow;

/// <summary>Hosts <see cref="ReportingCycle"/>: one instance per funded project, alive across quarters.</summary>
/// <remarks>Not sealed: a new loop version is tried out (tests) as a subclass that adds it (see <see cref="WorkflowLoops"/>).</remarks>
public class ReportingCycleOrchestrator : DeciderOrchestrator<ProjectState>
{
    /// <summary>The orchestration's registered name.</summary>
    public const string Name = nameof(ReportingCycleOrchestrator);

    private static readonly ReportingCycle Cycle = new();

    /// <inheritdoc />
    protected override IOrchestration<ProjectState> Decider => Cycle;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Summarize(ProjectState state) => new Dictionary<string, string>
    {
        ["ProjectName"] = state.Project.Name,
        ["Phase"] = state.Phase.ToString(),
        ["Awarded"] = state.Funding.Awarded.ToString(),
        ["Released"] = state.Funding.Released.ToString(),
        ["Withdrawn"] = state.Funding.Withdrawn.ToString(),
        ["AwardedPence"] = state.Funding.Awarded.Pence.ToString(CultureInfo.InvariantCulture),
        ["ReleasedPence"] = state.Funding.Released.Pence.ToString(CultureInfo.InvariantCulture),
        ["WithdrawnPence"] = state.Funding.Withdrawn.Pence.ToString(CultureInfo.InvariantCulture),
        // Each requested quarter's stage and latest status, oldest first, e.g. [{"quarter":"2009-10 Q4","stage":"Submitted","rag":"Red"}].
        ["QuartersJson"] = JsonSerializer.Serialize(state.Quarters.Select(q => new
        {
            quarter = q.Quarter.Label,
            stage = q.Stage.ToString(),
            rag = q.Latest?.Status.ToString() ?? (q.Stage == QuarterStage.NoReport ? nameof(Rag.Red) : null),
        })),
    };
}
