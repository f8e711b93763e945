using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the Executive Board, officers copied: the money has moved.</summary>
internal sealed class ReallocationApprovedTemplate : EmailTemplate<ReallocationModel>
{
    public override string Name => EmailTemplates.ReallocationApproved;
    public override Audience To => Audience.ExecutiveBoard;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(ReallocationModel m) => $"Funding reallocated: {Money(m.Withdrawn)} from {Project(m.ProjectCode, m.ProjectName)}";
    protected override string? About(ReallocationModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ReallocationModel m) => m.Link;

    protected override void Write(ReallocationModel m, MessageWriter w, RenderContext context)
    {
        var approver = m.ApprovedBy?.Name ?? "a second officer";
        w.Paragraph($"The {Money(m.Withdrawn)} withdrawn from {Project(m.ProjectCode, m.ProjectName)} has been reallocated. {m.ProposedBy.Name} proposed it and {approver} approved it.");
        ReallocationDetails.Write(w, m.ProjectCode, m.Stream, m.Withdrawn, m.Allocations, m.ReturnedToUnallocated);
        if (!string.IsNullOrWhiteSpace(m.Note))
        {
            w.Quote($"Note from {m.ProposedBy.Name}", m.Note);
        }
        w.Paragraph("The leads of the projects receiving money have been told.");
        if (m.Link is { } link)
        {
            PersonalLink(w, context, "See the project summary", link.Purpose, m.ProjectCode, "the LSP Executive Board");
        }
    }
}
