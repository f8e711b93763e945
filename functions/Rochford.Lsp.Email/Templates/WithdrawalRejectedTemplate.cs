using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, Executive and officers copied: the project keeps its funding.</summary>
internal sealed class WithdrawalRejectedTemplate : EmailTemplate<WithdrawalRejectedModel>
{
    public override string Name => EmailTemplates.WithdrawalRejected;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.ExecutiveBoardAndOfficers;

    protected override string Subject(WithdrawalRejectedModel m) => $"{Project(m.ProjectCode, m.ProjectName)} keeps its funding";
    protected override string? About(WithdrawalRejectedModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(WithdrawalRejectedModel m) => null;

    protected override void Write(WithdrawalRejectedModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"{m.RejectedBy.Name} decided not to withdraw funding from {Project(m.ProjectCode, m.ProjectName)}.");
        w.Quote("Reason", m.Reason);
        w.Paragraph("The project is no longer treated as Red. Quarterly reporting carries on as usual: you will get the next request as normal.");
    }
}
