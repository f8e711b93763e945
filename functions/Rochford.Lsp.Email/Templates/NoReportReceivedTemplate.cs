using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To officers, lead copied: no report, the quarter counts as Red.</summary>
internal sealed class NoReportReceivedTemplate : EmailTemplate<NoReportReceivedModel>
{
    public override string Name => EmailTemplates.NoReportReceived;
    public override Audience To => Audience.Officers;
    public override Audience Cc => Audience.ProjectLead;

    protected override string Subject(NoReportReceivedModel m) => $"No report received: {Project(m.ProjectCode, m.ProjectName)}, {Period(m.Quarter)}";
    protected override string? About(NoReportReceivedModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(NoReportReceivedModel m) => null;

    protected override void Write(NoReportReceivedModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"No progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)} was received. It was due by {Date(m.DueOn)}.");
        w.Important("The quarter now counts as Red.");
        w.Facts(
            ("Project", Project(m.ProjectCode, m.ProjectName)),
            ("Project lead", m.LeadName),
            ("Period covered", Quarter(m.Quarter)),
            ("Report was due by", Date(m.DueOn)));
        w.Paragraph("The project lead will get a separate email with the recovery deadline and what is needed.");
        OfficersLink(w, context, "You can see the project's history at", $"{m.ProjectCode} on the monitoring site", "projects/" + Uri.EscapeDataString(m.ProjectCode));
    }
}
