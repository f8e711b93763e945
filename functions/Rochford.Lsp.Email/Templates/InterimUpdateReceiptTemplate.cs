using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, officers copied: the interim update was received, and whether the project is still Red.</summary>
internal sealed class InterimUpdateReceiptTemplate : EmailTemplate<InterimUpdateReceiptModel>
{
    public override string Name => EmailTemplates.InterimUpdateReceipt;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(InterimUpdateReceiptModel m) => $"{Project(m.ProjectCode, m.ProjectName)}: we have received your update";
    protected override string? About(InterimUpdateReceiptModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(InterimUpdateReceiptModel m) => null;

    protected override void Write(InterimUpdateReceiptModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Thank you. We have received your update on {Project(m.ProjectCode, m.ProjectName)}.");
        w.Facts(("Project", Project(m.ProjectCode, m.ProjectName)), ("Status", Status(m.Status)));
        if (m.Comments is null)
            w.Paragraph($"The text of your comments could not be included in this email. It is kept with the update on the project's page; to see it, contact {context.Options.ContactName}.");
        else
            w.Quote("Your comments", m.Comments);
        if (m.RedWatchClosed)
        {
            w.Paragraph($"Because the project is now {Status(m.Status)}, it is no longer Red and the recovery deadline of {Date(m.RecoveryDeadline)} no longer applies.");
        }
        else
        {
            w.Important($"The project is still Red. The recovery deadline is {Date(m.RecoveryDeadline)}.");
        }
    }
}
