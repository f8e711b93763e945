using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the Executive Board, officers copied: the recovery deadline passed while Red.</summary>
internal sealed class ExecutiveEscalationTemplate : EmailTemplate<ApprovalRequestModel>
{
    public override string Name => EmailTemplates.ExecutiveEscalation;
    public override Audience To => Audience.ExecutiveBoard;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(ApprovalRequestModel m) => $"Escalation: {Project(m.ProjectCode, m.ProjectName)} is still Red after its recovery deadline";
    protected override string? About(ApprovalRequestModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ApprovalRequestModel m) => m.Link;

    protected override void Write(ApprovalRequestModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"{Project(m.ProjectCode, m.ProjectName)}, delivered by {m.Organisation}, has been Red since {Period(m.RedQuarter)} and did not recover by its deadline of {Date(m.RecoveryDeadline)}.");
        w.Paragraph($"The LSP officers have been asked to decide whether to withdraw {Money(m.ProposedWithdrawal)}: the amount awarded that has not yet been released. Funding that is withdrawn is reallocated to other projects through the Executive Board.");
        WithdrawalDetails.Write(w, m);
        if (m.RagHistory is { Count: > 0 } history)
        {
            w.Table("Red, Amber and Green history", ["Quarter", "Status"],
                [.. history.Select(h => (IReadOnlyList<string>)[Period(h.Quarter), h.NoReport ? "Red (no report received)" : h.Status.ToString()])]);
        }
        w.Paragraph("The project summary shows its Red, Amber and Green history and every step so far. It is read-only.");
        PersonalLink(w, context, "See the project summary", m.Link.Purpose, m.ProjectCode, "the LSP Executive Board");
    }
}
