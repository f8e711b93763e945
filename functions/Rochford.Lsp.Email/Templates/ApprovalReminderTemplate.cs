using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To officers: the withdrawal proposal is still undecided.</summary>
internal sealed class ApprovalReminderTemplate : EmailTemplate<ApprovalRequestModel>
{
    public override string Name => EmailTemplates.ApprovalReminder;
    public override Audience To => Audience.Officers;
    public override Audience Cc => Audience.None;

    protected override string Subject(ApprovalRequestModel m) => $"Reminder: decision still needed on withdrawing {Money(m.ProposedWithdrawal)} from {Project(m.ProjectCode, m.ProjectName)}";
    protected override string? About(ApprovalRequestModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ApprovalRequestModel m) => m.Link;

    protected override void Write(ApprovalRequestModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Withdrawing {Money(m.ProposedWithdrawal)} from {Project(m.ProjectCode, m.ProjectName)} was proposed on {Date(m.ProposedOn)} and no officer has decided yet.");
        w.Important("If officers do not decide, the proposal will be escalated to the chair of the LSP Executive Board.");
        WithdrawalDetails.Write(w, m);
        PersonalLink(w, context, "Decide on the withdrawal", m.Link.Purpose, m.ProjectCode, "the officer it was sent to");
    }
}
