using NodaTime;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Small helpers for the sentences the cycle writes.</summary>
internal static class Text
{
    /// <summary>A date as letters show it: "31 May 2010".</summary>
    public static string D(LocalDate date) => UkCalendar.Display(date);

    /// <summary>"ROC4 Careline".</summary>
    public static string Label(ProjectProfile project) => $"{project.Code} {project.Name}";
}
