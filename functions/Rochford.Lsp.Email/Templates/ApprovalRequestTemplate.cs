using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To officers: decide on the withdrawal proposal.</summary>
internal sealed class ApprovalRequestTemplate : EmailTemplate<ApprovalRequestModel>
{
    public override string Name => EmailTemplates.ApprovalRequest;
    public override Audience To => Audience.Officers;
    public override Audience Cc => Audience.None;

    protected override string Subject(ApprovalRequestModel m) => $"Decision needed: withdraw {Money(m.ProposedWithdrawal)} from {Project(m.ProjectCode, m.ProjectName)}?";
    protected override string? About(ApprovalRequestModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ApprovalRequestModel m) => m.Link;

    protected override void Write(ApprovalRequestModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"{Project(m.ProjectCode, m.ProjectName)} is still Red after its recovery deadline of {Date(m.RecoveryDeadline)}. The LSP Executive Board has been told.");
        w.Paragraph("Please decide what happens next. You can:");
        w.Bullets([
            $"approve withdrawing {Money(m.ProposedWithdrawal)} (you can change the amount first)",
            "reject the withdrawal, so the project keeps its funding",
            "extend the recovery deadline, giving the project more time",
        ]);
        WithdrawalDetails.Write(w, m);
        PersonalLink(w, context, "Decide on the withdrawal", m.Link.Purpose, m.ProjectCode, "the officer it was sent to");
    }
}
