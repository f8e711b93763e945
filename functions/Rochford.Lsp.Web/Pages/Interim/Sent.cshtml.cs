using Microsoft.AspNetCore.Mvc;
using Rochford.Lsp.Web.Lead;

namespace Rochford.Lsp.Web.Pages.Interim;

/// <summary>The confirmation after an interim update (GET; reads only).</summary>
public sealed class SentModel(LinkTokenStore links) : LinkPageModel
{
    /// <summary>The status sent, when shown.</summary>
    public string? Status { get; private set; }

    /// <summary>Shows the panel. The link must still be a live interim-update link; the project may have left Red watch.</summary>
    public async Task<IActionResult> OnGetAsync(string token, string? status, CancellationToken cancellationToken)
    {
        var lookup = await links.FindAsync(token, Reporting.Email.LinkPurpose.InterimUpdate, cancellationToken);
        if (lookup is not LinkLookup.Valid) return ShowProblem(LinkProblem.For(lookup));
        Status = status is "Red" or "Amber" or "Green" ? status : null;
        return Page();
    }
}
