using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, officers copied: an officer reviewed the report and asks for changes to named sections.</summary>
internal sealed class ChangesRequestedTemplate : EmailTemplate<ChangesRequestedModel>
{
    public override string Name => EmailTemplates.ChangesRequested;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(ChangesRequestedModel m) => $"{Project(m.ProjectCode, m.ProjectName)}: please change your progress report for {Period(m.Quarter)}";
    protected override string? About(ChangesRequestedModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ChangesRequestedModel m) => m.Link;

    protected override void Write(ChangesRequestedModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Dear {m.LeadName},");
        w.Paragraph($"{m.RequestedBy.Name} has reviewed the progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)} (version {m.Version}) and asks you to change these parts of it:");
        w.Bullets(m.Sections.Select(ReportSections.Label));
        if (!string.IsNullOrWhiteSpace(m.Note))
        {
            w.Quote("What the officers ask", m.Note);
        }
        w.Paragraph("The rest of the report stays as you sent it. The form takes your changes even after the report's due date, until you send them, and the changed report is not counted as late.");
        PersonalLink(w, context, "Change the progress report", m.Link.Purpose, m.ProjectCode, "the project lead");
        if (context.Role == RecipientRole.To)
        {
            w.Paragraph($"The link works until {Date(m.Link.ExpiresOn)}.");
        }
    }
}
