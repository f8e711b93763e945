// The allocations table shared by the reallocation messages (proposal, approval, rejection).

using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

internal static class ReallocationDetails
{
    public static void Write(MessageWriter w, string projectCode, FundingStream stream, Money withdrawn, IReadOnlyList<Allocation> allocations, Money? returned)
    {
        var facts = new List<(string, string)>
        {
            ("Withdrawn from", projectCode),
            ("Funding stream", Stream(stream)),
            ("Amount withdrawn", Money(withdrawn)),
        };
        if (returned is { } back)
        {
            facts.Add(("Returned to the unallocated balance", Money(back)));
        }
        w.Facts([.. facts]);
        if (allocations.Count == 0)
        {
            w.Paragraph("No project receives any of it.");
        }
        else
        {
            w.Table("Where the money goes", ["Project", "Amount"],
                [.. allocations.Select(a => (IReadOnlyList<string>)[a.ProjectCode, Money(a.Amount)])]);
        }
    }
}
