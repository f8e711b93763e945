using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, officers copied: the report is overdue.</summary>
internal sealed class OverdueChaseTemplate : EmailTemplate<OverdueChaseModel>
{
    public override string Name => EmailTemplates.OverdueChase;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(OverdueChaseModel m) => $"{Project(m.ProjectCode, m.ProjectName)}: your progress report is overdue";
    protected override string? About(OverdueChaseModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(OverdueChaseModel m) => m.Link;

    protected override void Write(OverdueChaseModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Dear {m.LeadName},");
        w.Paragraph($"We have not received the progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)}. It was due by {Date(m.DueOn)}.");
        w.Important($"If we do not receive it by {Date(m.CountsAsRedOn)}, the quarter will count as Red. A project that stays Red past its recovery deadline may have its funding withdrawn and reallocated by the LSP Executive Board.");
        PersonalLink(w, context, "Fill in the progress report", m.Link.Purpose, m.ProjectCode, "the project lead");
        w.Paragraph("If something is stopping you from reporting, please tell us.");
    }
}
