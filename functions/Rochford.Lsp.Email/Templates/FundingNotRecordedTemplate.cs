using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To officers: the partnership's ledger could not record a movement of a project's money; the project's own figures stand.</summary>
internal sealed class FundingNotRecordedTemplate : EmailTemplate<FundingNotRecordedModel>
{
    public override string Name => EmailTemplates.FundingNotRecorded;
    public override Audience To => Audience.Officers;
    public override Audience Cc => Audience.None;

    protected override string Subject(FundingNotRecordedModel m) => $"The funding ledger did not record {m.ProjectCode}'s {m.Movement}";
    protected override string? About(FundingNotRecordedModel m) => m.ProjectCode;
    protected override EmailLink? Link(FundingNotRecordedModel m) => null;

    protected override void Write(FundingNotRecordedModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"The partnership's {Stream(m.Stream)} ledger could not record the {m.Movement} of {m.ProjectCode}'s funding, so the ledger and {m.ProjectCode}'s own figures now differ.");
        w.Quote("Reason", m.Reason);
        w.Facts(
            ("Project", m.ProjectCode),
            ("Funding stream", Stream(m.Stream)),
            ("Not recorded", m.Movement));
        w.Important($"Nothing was lost: {m.ProjectCode}'s history keeps the movement. Check the project's funding and the pack's funding table.");
        OfficersLink(w, context, "You can see the project's history at", $"{m.ProjectCode} on the monitoring site", "projects/" + Uri.EscapeDataString(m.ProjectCode));
    }
}
