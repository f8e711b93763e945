// After a withdrawal: one officer proposes where the money goes, a different officer approves (four eyes),
// and the money moves to the recipients' instances as ReceiveReallocatedFunds events.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using static Rochford.Lsp.Reporting.Cycle.Text;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Handlers for reallocating withdrawn funding.</summary>
internal static class Reallocation
{
    public static void Propose(Step step, ProposeReallocation command)
    {
        var code = step.Project.Code;
        var held = step.State.Funding.Withdrawn;
        if (command.Allocations.Any(a => a.ProjectCode == code))
        {
            throw new InputRefusedException($"{code}'s withdrawn funding cannot be reallocated to {code} itself.");
        }
        if (command.Allocations.Select(a => a.ProjectCode).Distinct().Count() != command.Allocations.Count)
        {
            throw new InputRefusedException("Each recipient project may appear only once in a reallocation.");
        }
        var total = Money.Sum(command.Allocations.Select(a => a.Amount));
        if (total > held)
        {
            throw new InputRefusedException($"The allocations total {total}, but only {held} was withdrawn from {code}.");
        }
        var returned = held - total;
        // Kept as the partnership lists the proposer (name and address), so that the approval compares configured officers.
        var proposer = ConfiguredOfficer(step, command.Officer);
        var version = Proposals.Next(step);
        step.Update(s => s with { Reallocation = new ReallocationProposal(proposer, command.Allocations, command.Note, step.Today, version) });
        step.Record(new ReallocationProposed(proposer, command.Allocations, returned, command.Note),
            $"{proposer.Name} proposed reallocating {total} of {code}'s withdrawn {held} to {Describe(command.Allocations)}, returning {returned} to the unallocated balance.");
        // Whoever proposed cannot approve, so the request goes to the other officers, with the proposer copied.
        step.Email(EmailTemplates.ReallocationProposal, [Recipients.OfficersExcept(proposer.Email)], proposer.AsRecipients(),
            Model(step, proposer, approvedBy: null, step.OfficerLink(LinkPurpose.ApproveReallocation)));
        step.Move(Trigger.ProposeReallocation, Phase.ReallocationProposed);
    }

    /// <summary>
    /// A second officer approves. Four eyes means a different configured officer: not the proposer's address, and not the
    /// proposer under a new address either (an officer who moves address keeps their name in the partnership's list, and
    /// the proposer cannot change that list while the proposal waits: see <see cref="RequireNotProposer"/>).
    /// </summary>
    public static void Approve(Step step, ApproveReallocation command)
    {
        var proposal = step.State.Reallocation!;
        var proposer = proposal.ProposedBy;
        var approver = ConfiguredOfficer(step, command.Officer);
        if (approver.IsSamePersonAs(proposer))
        {
            throw new InputRefusedException(
                $"{proposer.Name} proposed this reallocation, so a different officer must approve it.");
        }
        if (SameName(approver, proposer))
        {
            throw new InputRefusedException(
                $"{approver.Name} ({approver.Email}) is listed under the same name as {proposer.Name} ({proposer.Email}), who proposed this reallocation, so a different officer must approve it.");
        }
        var held = step.State.Funding.Withdrawn;
        var returned = held - Money.Sum(proposal.Allocations.Select(a => a.Amount));
        step.Record(new ReallocationApproved(proposer, approver, proposal.Allocations, returned, step.Project.FundingStream),
            $"{approver.Name} approved {proposer.Name}'s reallocation of {step.Project.Code}'s withdrawn funding to {Describe(proposal.Allocations)}, returning {returned} to the unallocated balance.");
        // The ledger moves everything withdrawn at once: the allocations to the recipients, the rest to the unallocated balance.
        step.Fund(FundingMove.Reallocate, $"{step.Project.Code}-reallocation", Money.Sum(proposal.Allocations.Select(a => a.Amount)), proposal.Allocations);
        foreach (var allocation in proposal.Allocations)
        {
            // The id names the move, so the recipient ignores a redelivery of the same money.
            var operationId = ReceiveReallocatedFunds.OperationIdFor(step.Project.Code, allocation.ProjectCode);
            step.Raise(ReportingCycle.InstanceIdFor(allocation.ProjectCode),
                new ReceiveReallocatedFunds(step.Project.Code, allocation.Amount, operationId, step.Project.FundingStream));
        }
        step.Email(EmailTemplates.ReallocationApproved, [Recipients.ExecutiveBoard], step.Officers,
            Model(step, proposer, approver, link: null));
        step.Move(Trigger.ApproveReallocation, Phase.Closed);
    }

    /// <summary>
    /// While a reallocation awaits approval, its proposer may not change who the officers are: the list decides who may
    /// approve, and a proposer who could rename or re-address themselves could approve their own proposal.
    /// </summary>
    public static void RequireNotProposer(Step step, Person officer)
    {
        if (step.State is { Phase: Phase.ReallocationProposed, Reallocation: { } proposal } && ConfiguredOfficer(step, officer) is var who
            && (who.IsSamePersonAs(proposal.ProposedBy) || SameName(who, proposal.ProposedBy)))
        {
            throw new InputRefusedException(
                $"{step.Project.Code}: {proposal.ProposedBy.Name} proposed the reallocation awaiting approval, so until it is approved or rejected a different officer must change the partnership's contacts (they decide who may approve it).");
        }
    }

    /// <summary>The partnership's entry for <paramref name="officer"/> (matched by address, as every officer input already was).</summary>
    private static Person ConfiguredOfficer(Step step, Person officer) =>
        step.State.Contacts.Officers.FirstOrDefault(o => o.IsSamePersonAs(officer)) ?? officer;

    // Names as the partnership lists them, compared ignoring case and spacing.
    private static bool SameName(Person a, Person b) =>
        string.Equals(NormalName(a.Name), NormalName(b.Name), StringComparison.OrdinalIgnoreCase);

    private static string NormalName(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static void Reject(Step step, RejectReallocation command)
    {
        var proposal = step.State.Reallocation!;
        step.Update(s => s with { Reallocation = null });
        step.Record(new ReallocationRejected(command.Officer, command.Reason),
            $"{command.Officer.Name} rejected the proposed reallocation of {step.Project.Code}'s withdrawn funding: {command.Reason}");
        // The proposer must hear first (they propose again); the other officers and the Executive Board see the money has not moved.
        IReadOnlyList<string> to = [.. proposal.ProposedBy.AsRecipients(), Recipients.OfficersExcept(proposal.ProposedBy.Email)];
        step.Email(EmailTemplates.ReallocationRejected, to, [Recipients.ExecutiveBoard], new ReallocationRejectedModel(
            step.Project.Code, step.Project.Name, step.Project.FundingStream, step.State.Funding.Withdrawn, proposal.Allocations,
            proposal.ProposedBy, command.Officer, command.Reason));
        step.Move(Trigger.RejectReallocation, Phase.FundingWithdrawn);
    }

    public static void Receive(Step step, ReceiveReallocatedFunds command)
    {
        if (command.FromProjectCode == step.Project.Code)
        {
            throw new InputRefusedException($"{step.Project.Code} cannot receive its own withdrawn funding.");
        }
        if (command.Stream is { } stream && stream != step.Project.FundingStream)
        {
            // The refusal goes back to the sender as RaisedEventRefused, which returns the money to its stream's unallocated balance.
            throw new InputRefusedException(
                $"{step.Project.Code}: the {command.Amount} reallocated from {command.FromProjectCode} is {stream.Describe()} money, but {step.Project.Code} is funded from {step.Project.FundingStream.Describe()}; reallocated funding stays within its stream.");
        }
        step.Update(s => s with
        {
            Funding = s.Funding with { Awarded = s.Funding.Awarded + command.Amount },
            ReceivedOperationIds = [.. s.ReceivedOperationIds, command.OperationId],
        });
        var award = step.State.Funding.Awarded;
        step.Record(new FundsReceived(command.FromProjectCode, command.Amount, command.OperationId, award),
            $"{command.Amount} reallocated from {command.FromProjectCode} was received, so {step.Project.Code}'s award is now {award}.");
        step.Email(EmailTemplates.FundsReceived, step.Lead, step.Officers, new FundsReceivedModel(
            step.Project.Code, step.Project.Name, step.Project.Lead.Name, command.FromProjectCode, command.Amount, award));
        step.Move(Trigger.ReceiveReallocatedFunds, step.State.Phase);
    }

    /// <summary>A recipient refused money this project sent it: record it, return the amount to the unallocated balance and tell the officers.</summary>
    public static void TakeBackRefused(Step step, RaisedEventRefused command)
    {
        var code = step.Project.Code;
        if (command.RefusedInput != nameof(ReceiveReallocatedFunds))
        {
            throw new InputRefusedException($"{code} raised no '{command.RefusedInput}' that could have been refused; only refused reallocated funds are taken back.");
        }
        if (CommandParser.Parse(command.RefusedInput, command.PayloadJson) is not ReceiveReallocatedFunds funds || funds.FromProjectCode != code)
        {
            throw new InputRefusedException($"The refused reallocated funds were not sent by {code}.");
        }
        var recipient = command.TargetInstanceId;
        step.Update(s => s with { ReturnedAllocations = [.. s.ReturnedAllocations, new ReturnedAllocation(recipient, funds.Amount, funds.OperationId, command.Reason)] });
        step.Fund(FundingMove.Return, $"{funds.OperationId}-refused", funds.Amount, projectCode: recipient, refusedReallocation: true);
        // Refusals start with the refusing project's code ("ROC10: receiving ..."); the sentence already names it.
        var why = command.Reason.StartsWith($"{recipient}: ", StringComparison.Ordinal) ? command.Reason[(recipient.Length + 2)..] : command.Reason;
        step.Record(new ReallocatedFundsReturned(recipient, funds.Amount, funds.OperationId, command.Reason),
            $"{recipient} refused {funds.Amount} reallocated from {code}: {why.TrimEnd('.')}; returned to the unallocated balance.");
        step.Email(EmailTemplates.ReallocationRefused, step.Officers, [Recipients.ExecutiveBoard], new ReallocationRefusedModel(
            code, step.Project.Name, step.Project.FundingStream, recipient, funds.Amount, command.Reason));
        step.Move(Trigger.RaisedEventRefused, step.State.Phase);
    }

    private static string Describe(IEnumerable<Allocation> allocations) =>
        string.Join(", ", allocations.Select(a => $"{a.ProjectCode} ({a.Amount})"));

    private static ReallocationModel Model(Step step, Person proposedBy, Person? approvedBy, EmailLink? link)
    {
        var proposal = step.State.Reallocation!;
        var held = step.State.Funding.Withdrawn;
        return new ReallocationModel(step.Project.Code, step.Project.Name, step.Project.FundingStream, held, proposal.Allocations,
            held - Money.Sum(proposal.Allocations.Select(a => a.Amount)), proposedBy, approvedBy, proposal.Note, link);
    }
}
