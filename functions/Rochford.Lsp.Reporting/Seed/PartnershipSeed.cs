namespace Rochford.Lsp.Reporting.Seed;

/// <summary>Everything known about a partnership at set-up: priorities, funded projects and contacts.</summary>
/// <param name="Priorities">The strategic priorities with their indicators.</param>
/// <param name="Projects">The funded projects.</param>
/// <param name="Contacts">The officers and the Executive Board's addresses.</param>
/// <param name="ExampleValues">Which values are made-up examples rather than facts from the source documents.</param>
public sealed record PartnershipSeed(
    IReadOnlyList<StrategicPriority> Priorities,
    IReadOnlyList<ProjectProfile> Projects,
    PartnershipContacts Contacts,
    IReadOnlyList<string> ExampleValues)
{
    /// <summary>The project with <paramref name="code"/>.</summary>
    /// <exception cref="KeyNotFoundException">No project has that code.</exception>
    public ProjectProfile Project(string code) =>
        Projects.SingleOrDefault(project => project.Code == code) ?? throw new KeyNotFoundException($"No funded project has code {code}.");

    /// <summary>The indicator with <paramref name="code"/>.</summary>
    /// <exception cref="KeyNotFoundException">No priority lists that indicator.</exception>
    public PerformanceIndicator Indicator(string code) =>
        Priorities.SelectMany(priority => priority.Indicators).SingleOrDefault(indicator => indicator.Code == code)
        ?? throw new KeyNotFoundException($"No performance indicator has code {code}.");
}
