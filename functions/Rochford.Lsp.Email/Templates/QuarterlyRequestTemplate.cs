using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead: please report on the quarter.</summary>
internal sealed class QuarterlyRequestTemplate : EmailTemplate<QuarterlyRequestModel>
{
    public override string Name => EmailTemplates.QuarterlyRequest;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.None;

    protected override string Subject(QuarterlyRequestModel m) => $"{Project(m.ProjectCode, m.ProjectName)}: please send your progress report for {Period(m.Quarter)}";
    protected override string? About(QuarterlyRequestModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(QuarterlyRequestModel m) => m.Link;

    protected override void Write(QuarterlyRequestModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Dear {m.LeadName},");
        w.Paragraph($"Please tell us how {Project(m.ProjectCode, m.ProjectName)} went from {Period(m.Quarter)}. We need your progress report by {Date(m.DueOn)}.");
        w.Facts(
            ("Project", Project(m.ProjectCode, m.ProjectName)),
            ("Organisation", m.Organisation),
            ("Period covered", Quarter(m.Quarter)),
            ("Reporting date", Date(m.ReportingDate)),
            ("Report due by", Date(m.DueOn)));
        w.Paragraph("The report asks for the project's status (Red, Amber or Green) with comments, its progress in the last period, and the work planned next.");
        PersonalLink(w, context, "Fill in the progress report", m.Link.Purpose, m.ProjectCode, "the project lead");
        if (context.Role == RecipientRole.To)
        {
            w.Paragraph($"The link works until {Date(m.Link.ExpiresOn)}.");
        }
    }
}
