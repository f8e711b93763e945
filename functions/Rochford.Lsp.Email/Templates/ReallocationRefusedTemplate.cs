using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To officers, Executive copied: a receiving project refused reallocated funds, which went back to the unallocated balance.</summary>
internal sealed class ReallocationRefusedTemplate : EmailTemplate<ReallocationRefusedModel>
{
    public override string Name => EmailTemplates.ReallocationRefused;
    public override Audience To => Audience.Officers;
    public override Audience Cc => Audience.ExecutiveBoard;

    protected override string Subject(ReallocationRefusedModel m) => $"{m.RecipientCode} could not take {Money(m.Amount)} reallocated from {Project(m.ProjectCode, m.ProjectName)}";
    protected override string? About(ReallocationRefusedModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ReallocationRefusedModel m) => null;

    protected override void Write(ReallocationRefusedModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"{Money(m.Amount)} of the funding withdrawn from {Project(m.ProjectCode, m.ProjectName)} was reallocated to {m.RecipientCode}, but {m.RecipientCode} could not take it.");
        w.Quote("Reason", m.Reason);
        w.Facts(
            ("Withdrawn from", m.ProjectCode),
            ("Funding stream", Stream(m.Stream)),
            ("Meant for", m.RecipientCode),
            ("Amount", Money(m.Amount)));
        w.Important($"The {Money(m.Amount)} has gone back to the unallocated balance. Officers can propose where it goes next.");
        OfficersLink(w, context, "You can see the project's history at", $"{m.ProjectCode} on the monitoring site", "projects/" + Uri.EscapeDataString(m.ProjectCode));
    }
}
