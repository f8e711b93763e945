using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To officers (the proposer first), Executive copied: the second officer rejected the reallocation.</summary>
internal sealed class ReallocationRejectedTemplate : EmailTemplate<ReallocationRejectedModel>
{
    public override string Name => EmailTemplates.ReallocationRejected;
    public override Audience To => Audience.ProposerAndOfficers;
    public override Audience Cc => Audience.ExecutiveBoard;

    protected override string Subject(ReallocationRejectedModel m) => $"Reallocation rejected: {Money(m.Withdrawn)} withdrawn from {Project(m.ProjectCode, m.ProjectName)}";
    protected override string? About(ReallocationRejectedModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ReallocationRejectedModel m) => null;

    protected override void Write(ReallocationRejectedModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"{m.RejectedBy.Name} rejected {m.ProposedBy.Name}'s proposal to reallocate the {Money(m.Withdrawn)} withdrawn from {Project(m.ProjectCode, m.ProjectName)}.");
        w.Quote("Reason", m.Reason);
        w.Important("No money has moved. The withdrawn funding is still held until an officer proposes a new reallocation and another officer approves it.");
        ReallocationDetails.Write(w, m.ProjectCode, m.Stream, m.Withdrawn, m.Allocations, returned: null);
        OfficersLink(w, context, "An officer can propose a new reallocation from", $"{m.ProjectCode} on the monitoring site", "projects/" + Uri.EscapeDataString(m.ProjectCode));
    }
}
