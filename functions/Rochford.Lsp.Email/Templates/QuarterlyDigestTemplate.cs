using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the Executive Board, officers copied: every project's position this quarter, money moved, and a link to the quarter's pack.</summary>
internal sealed class QuarterlyDigestTemplate : EmailTemplate<QuarterlyDigestModel>
{
    public override string Name => EmailTemplates.QuarterlyDigest;
    public override Audience To => Audience.ExecutiveBoard;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(QuarterlyDigestModel m) => $"LSP funded projects: {Period(m.Quarter)} summary";
    protected override string? About(QuarterlyDigestModel m) => null;
    protected override EmailLink? Link(QuarterlyDigestModel m) => m.Link;

    protected override void Write(QuarterlyDigestModel m, MessageWriter w, RenderContext context)
    {
        var projects = m.Projects;
        int Count(Rag rag) => projects.Count(p => p.Status == rag);
        w.Paragraph($"This is where every funded project stood for {Quarter(m.Quarter)}, prepared on {Date(m.PreparedOn)}.");
        w.Facts(
            ("Projects", projects.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Green", Count(Rag.Green).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Amber", Count(Rag.Amber).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Red", Count(Rag.Red).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Not asked to report", projects.Count(p => p.Status is null).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Report overdue", projects.Count(p => p.Overdue).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Escalated to the Executive Board", projects.Count(p => p.Escalated).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (projects.Count > 0)
        {
            w.Table("Every project this quarter", ["Project", "Organisation", "Status", "Overdue", "Escalated", "Position"],
                [.. projects.Select(p => (IReadOnlyList<string>)[
                    Project(p.ProjectCode, p.ProjectName), p.Organisation, p.Status is { } s ? Status(s) : "Not asked",
                    p.Overdue ? "Yes" : "No", p.Escalated ? "Yes" : "No", p.Position])]);
        }
        w.Heading("Money moved");
        if (m.MoneyMoved.Count == 0)
        {
            w.Paragraph("No money was withdrawn or reallocated this quarter.");
        }
        else
        {
            w.Table("Money moved this quarter", ["Date", "What happened", "From", "To", "Amount"],
                [.. m.MoneyMoved.Select(move => (IReadOnlyList<string>)[
                    Date(move.On), move.Kind, move.FromProjectCode, move.ToProjectCode ?? "Unallocated balance", Money(move.Amount)])]);
        }
        // The Executive Board's own copy of the quarter's pack (packs/{token}: read-only, no sign-in, expiring), in the shape
        // of the partnership's Appendix 2: each project's objective, status, progress and future work.
        if (m.Link is { } link)
        {
            PersonalLink(w, context, "Read this quarter's performance pack", link.Purpose, projectCode: null, "the LSP Executive Board");
            if (context.Role == RecipientRole.To)
            {
                w.Paragraph($"The link works until {Date(link.ExpiresOn)}, after the next quarter's summary has been sent.");
            }
        }
        // The officers' pack for the quarter (signed in), where they can also choose another quarter and download the records.
        OfficersLink(w, context, "LSP officers can print this quarter's performance pack from", "the monitoring site",
            "pack?quarter=" + Uri.EscapeDataString(m.Quarter.Label));
    }
}
