using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Reporting;

/// <summary>A funded project as the partnership describes it: what it is for, whom it serves and what it was awarded.</summary>
/// <param name="Code">The LSP's code, e.g. "ROC4"; also the project's workflow instance id.</param>
/// <param name="Name">A short name, e.g. "Careline".</param>
/// <param name="Organisation">The delivering organisation, e.g. "SEE PCT".</param>
/// <param name="Objective">The "Project Objective" of the progress report.</param>
/// <param name="StrategicPriority">The number (1 to 7) of the Sustainable Community Strategy priority it serves.</param>
/// <param name="PerformanceIndicators">Codes of the indicators it addresses, e.g. "LI 2.1".</param>
/// <param name="FundingStream">The grant stream that funds it.</param>
/// <param name="AmountAwarded">The amount awarded (whole pence in JSON).</param>
/// <param name="Lead">The project lead who reports each quarter.</param>
public sealed record ProjectProfile(
    string Code,
    string Name,
    string Organisation,
    string Objective,
    int StrategicPriority,
    IReadOnlyList<string> PerformanceIndicators,
    FundingStream FundingStream,
    Money AmountAwarded,
    Person Lead);
