using Microsoft.AspNetCore.Mvc;
using Rochford.Lsp.Web.Lead;

namespace Rochford.Lsp.Web.Pages.Report;

/// <summary>The confirmation after a report was submitted (the GET of Post/Redirect/Get): reads, never writes.</summary>
public sealed class SubmittedModel(LeadReports reports) : LinkPageModel
{
    /// <summary>The link's project and quarter, as now stored.</summary>
    public ReportContext Report { get; private set; } = null!;

    /// <summary>What the lead sent, from the reports table; null when it cannot be found (the panel still confirms the version).</summary>
    public Rochford.Lsp.Reporting.ReportContent? Text { get; private set; }

    /// <summary>Shows the confirmation panel for the latest version.</summary>
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var (context, problem) = await reports.OpenReportAsync(token, cancellationToken, latest: true, toView: true);
        if (problem is not null) return ShowProblem(problem);
        // Opened before anything was submitted (a bookmarked address): there is nothing to confirm, so go to the form.
        if (context!.Quarter.Latest is null) return Redirect($"/report/{token}");
        Report = context;
        Text = await reports.LatestTextAsync(context, cancellationToken);
        return Page();
    }
}
