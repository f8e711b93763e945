namespace Rochford.Lsp.Reporting.Seed;

/// <summary>One of the seven priorities of the Sustainable Community Strategy action plan.</summary>
/// <param name="Number">1 to 7, as numbered in the action plan.</param>
/// <param name="Name">e.g. "Supporting the Ageing Population".</param>
/// <param name="LspLead">The "LSP Lead" as printed, e.g. "Chair Health and Wellbeing Partnership (HWP)".</param>
/// <param name="LspResources">The "LSP Resources" as printed (empty where the plan leaves it blank).</param>
/// <param name="Indicators">The performance indicators by which the priority is measured.</param>
public sealed record StrategicPriority(int Number, string Name, string LspLead, string LspResources, IReadOnlyList<PerformanceIndicator> Indicators);

/// <summary>A performance indicator with its figures exactly as the action plan prints them.</summary>
/// <param name="Code">e.g. "NI 6".</param>
/// <param name="Description">e.g. "Participation in regular volunteering".</param>
/// <param name="Baselines">Baseline figures, e.g. 17.5% (2008/09).</param>
/// <param name="Targets">Target figures, e.g. 19.5% (2010/11); some indicators have one per year.</param>
/// <param name="Results">Results printed so far, if any.</param>
public sealed record PerformanceIndicator(
    string Code,
    string Description,
    IReadOnlyList<IndicatorFigure> Baselines,
    IReadOnlyList<IndicatorFigure> Targets,
    IReadOnlyList<IndicatorFigure> Results);

/// <summary>A figure as printed: its value, the period it refers to and, for split indicators, the part.</summary>
/// <param name="Value">As printed, e.g. "17.5%" or "3".</param>
/// <param name="Period">As printed, e.g. "2008/09"; null where the plan gives none.</param>
/// <param name="Part">For indicators printed in parts, e.g. "LI 5.1a"; otherwise null.</param>
public sealed record IndicatorFigure(string Value, string? Period = null, string? Part = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(" ", new[] { Part, Value, Period is null ? null : $"({Period})" }.Where(text => text is not null));
}
