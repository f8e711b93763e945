using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the Executive chair, officers copied: officers have not decided on a withdrawal.</summary>
internal sealed class ExecutiveChairReEscalationTemplate : EmailTemplate<ApprovalRequestModel>
{
    public override string Name => EmailTemplates.ExecutiveChairReEscalation;
    public override Audience To => Audience.ExecutiveChair;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(ApprovalRequestModel m) => $"Officers have not decided: withdrawing {Money(m.ProposedWithdrawal)} from {Project(m.ProjectCode, m.ProjectName)}";
    protected override string? About(ApprovalRequestModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ApprovalRequestModel m) => m.Link;

    protected override void Write(ApprovalRequestModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Withdrawing {Money(m.ProposedWithdrawal)} from {Project(m.ProjectCode, m.ProjectName)} was proposed on {Date(m.ProposedOn)}. The LSP officers were reminded but have not decided.");
        w.Paragraph("We are telling you as chair of the LSP Executive Board so the decision can be made. The officers are copied in.");
        WithdrawalDetails.Write(w, m);
        PersonalLink(w, context, "See the project summary", m.Link.Purpose, m.ProjectCode, "the chair");
    }
}
