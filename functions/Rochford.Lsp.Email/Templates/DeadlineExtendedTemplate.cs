using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, officers copied: an officer gave more time to recover instead of withdrawing funding.</summary>
internal sealed class DeadlineExtendedTemplate : EmailTemplate<RedNoticeModel>
{
    public override string Name => EmailTemplates.DeadlineExtended;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(RedNoticeModel m) => $"{Project(m.ProjectCode, m.ProjectName)}: recovery deadline extended to {Date(m.RecoveryDeadline)}";
    protected override string? About(RedNoticeModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(RedNoticeModel m) => m.Link;

    protected override void Write(RedNoticeModel m, MessageWriter w, RenderContext context)
    {
        var who = m.SetBy?.Name ?? "An LSP officer";
        w.Paragraph($"{who} has given {Project(m.ProjectCode, m.ProjectName)} more time to recover instead of withdrawing its funding. The new recovery deadline is {Date(m.RecoveryDeadline)}.");
        if (!string.IsNullOrWhiteSpace(m.Reason))
        {
            w.Quote("Reason", m.Reason);
        }
        RecoveryDetails.Write(w, m);
        w.Important($"If this is not done by {Date(m.RecoveryDeadline)}, the project's funding may be withdrawn and reallocated by the LSP Executive Board.");
        RecoveryDetails.WriteLink(w, m, context, explainUpdates: false);
    }
}
