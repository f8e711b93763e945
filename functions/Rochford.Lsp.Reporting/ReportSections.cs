namespace Rochford.Lsp.Reporting;

/// <summary>The sections of the Funded Project Progress Report as the form names them, for emails, pages and history.</summary>
public static class ReportSections
{
    /// <summary>How the report form names <paramref name="section"/>.</summary>
    public static string Label(ReportSection section) => section switch
    {
        ReportSection.Status => "Status (Red, Amber or Green)",
        ReportSection.StatusComments => "Project status and comments on progress",
        ReportSection.ProgressInLastPeriod => "Progress in last period",
        ReportSection.FutureWork => "Future work",
        ReportSection.Expenditure => "Expenditure",
        _ => section.ToString(),
    };

    /// <summary>"Progress in last period and Future work".</summary>
    public static string Labels(IEnumerable<ReportSection> sections)
    {
        var labels = sections.Select(Label).ToList();
        return labels.Count <= 1 ? string.Concat(labels) : $"{string.Join(", ", labels[..^1])} and {labels[^1]}";
    }
}
