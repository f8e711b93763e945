using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the receiving project's lead, officers copied: reallocated funds arrived.</summary>
internal sealed class FundsReceivedTemplate : EmailTemplate<FundsReceivedModel>
{
    public override string Name => EmailTemplates.FundsReceived;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(FundsReceivedModel m) => $"{Project(m.ProjectCode, m.ProjectName)}: {Money(m.Amount)} of extra funding";
    protected override string? About(FundsReceivedModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(FundsReceivedModel m) => null;

    protected override void Write(FundsReceivedModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Dear {m.LeadName},");
        w.Paragraph($"The LSP has reallocated {Money(m.Amount)} to {Project(m.ProjectCode, m.ProjectName)}. The money was withdrawn from {m.FromProjectCode}, which did not recover from Red.");
        w.Facts(
            ("Extra funding", Money(m.Amount)),
            ("Reallocated from", m.FromProjectCode),
            ("Your total award is now", Money(m.NewAward)));
        w.Paragraph("Please say how you use it in your next quarterly progress report.");
    }
}
