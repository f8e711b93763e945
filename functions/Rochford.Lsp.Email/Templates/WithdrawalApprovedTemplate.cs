using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, Executive and officers copied: funding was withdrawn.</summary>
internal sealed class WithdrawalApprovedTemplate : EmailTemplate<WithdrawalApprovedModel>
{
    public override string Name => EmailTemplates.WithdrawalApproved;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.ExecutiveBoardAndOfficers;

    protected override string Subject(WithdrawalApprovedModel m) => $"{Project(m.ProjectCode, m.ProjectName)}: {Money(m.Amount)} of funding has been withdrawn";
    protected override string? About(WithdrawalApprovedModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(WithdrawalApprovedModel m) => null;

    protected override void Write(WithdrawalApprovedModel m, MessageWriter w, RenderContext context)
    {
        var decision = m.ExecutiveDecisionDate is { } date
            ? $", following the LSP Executive Board's decision of {Date(date)}{(string.IsNullOrWhiteSpace(m.MinuteReference) ? "" : $" (minute {m.MinuteReference})")}"
            : "";
        w.Paragraph($"{m.ApprovedBy.Name} approved withdrawing {Money(m.Amount)} from {Project(m.ProjectCode, m.ProjectName)}{decision}.");
        w.Paragraph("This is because the project stayed Red past its recovery deadline.");
        w.Paragraph("Quarterly reporting for the project has stopped: you will not be asked for more progress reports.");
        w.Paragraph("The withdrawn money will be reallocated to other projects that work towards the same targets, through the LSP Executive Board.");
    }
}
