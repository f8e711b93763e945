// A decision names what it decides (ARCHITECTURE.md rule 11): every withdrawal and reallocation proposal, and every change
// to one, takes the next number of the project's proposals as its version; an officer's decision carries the version the
// officer was shown, and a proposal that changed since is not decided. Without this, B opening A's "£9,000 to ROC6", A
// rejecting it and proposing "£15,000 to ROC9", then B clicking Approve, would approve what B never saw.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Reporting.Cycle.Text;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Versions of proposals, and the check that a decision is on the version now waiting.</summary>
internal static class Proposals
{
    /// <summary>Counts a new proposal (or a change to one) and returns its version.</summary>
    public static int Next(Step step)
    {
        var version = step.State.ProposalsMade + 1;
        step.Update(s => s with { ProposalsMade = version });
        return version;
    }

    /// <summary>
    /// Refuses a decision that names a version other than the proposal waiting now, saying what waits instead. A decision that
    /// names none (an older client) decides what waits, as before.
    /// </summary>
    public static void RequireUnchanged(Step step, ReportingCommand command)
    {
        if (command is not IProposalDecision { ProposalVersion: { } seen }) return;
        var state = step.State;
        var (version, now) = state switch
        {
            { Phase: Phase.WithdrawalProposed, Withdrawal: { } w } =>
                (w.Version, $"a withdrawal of {w.Amount} of {state.Project.Code}'s funding, proposed on {D(w.ProposedOn)}"),
            { Phase: Phase.ReallocationProposed, Reallocation: { } r } =>
                (r.Version, $"{r.ProposedBy.Name}'s proposal of {D(r.ProposedOn)} to {Describe(r.Allocations)}"),
            _ => (seen, ""),
        };
        if (version != seen)
        {
            throw new InputRefusedException($"This proposal changed after you opened it: it is now {now}. Nothing was recorded; look at it again before you decide.");
        }
    }

    private static string Describe(IReadOnlyList<Allocation> allocations) => allocations.Count == 0
        ? "return all of it to the unallocated balance"
        : "reallocate " + string.Join(" and ", allocations.Select(a => $"{a.Amount} to {a.ProjectCode}"));
}
