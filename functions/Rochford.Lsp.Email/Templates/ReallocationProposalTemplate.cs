using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the other officers, the proposer copied: approve the proposed reallocation.</summary>
internal sealed class ReallocationProposalTemplate : EmailTemplate<ReallocationModel>
{
    public override string Name => EmailTemplates.ReallocationProposal;
    public override Audience To => Audience.OtherOfficers;
    public override Audience Cc => Audience.ProposingOfficer;

    protected override string Subject(ReallocationModel m) => $"Approval needed: reallocate {Money(m.Withdrawn)} withdrawn from {Project(m.ProjectCode, m.ProjectName)}";
    protected override string? About(ReallocationModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ReallocationModel m) => m.Link;

    protected override void Write(ReallocationModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"{m.ProposedBy.Name} has proposed how to reallocate the {Money(m.Withdrawn)} withdrawn from {Project(m.ProjectCode, m.ProjectName)}.");
        w.Paragraph("A different officer from the one who proposed it must approve it before any money moves.");
        ReallocationDetails.Write(w, m.ProjectCode, m.Stream, m.Withdrawn, m.Allocations, m.ReturnedToUnallocated);
        if (!string.IsNullOrWhiteSpace(m.Note))
        {
            w.Quote($"Note from {m.ProposedBy.Name}", m.Note);
        }
        if (m.Link is { } link)
        {
            PersonalLink(w, context, "Approve or reject the reallocation", link.Purpose, m.ProjectCode, "the officer it was sent to");
        }
    }
}
