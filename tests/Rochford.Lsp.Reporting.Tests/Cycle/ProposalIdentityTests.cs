// A decision names what it decides (ARCHITECTURE.md rule 11, issue 21): each withdrawal and reallocation proposal, and each
// change to one, gets the next number of the project's proposals as its version; an officer's decision carries the version
// the officer saw, and a decision on a proposal that has changed since is refused in words. B opened A's "£9,000 to ROC6";
// A rejected it and proposed "£15,000 to ROC9": B's click must not approve ROC9.

using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class ProposalIdentityTests
{
    // The withdrawal proposed when the deadline passed is the project's first proposal (version 1).
    private static Scenario WithdrawalProposed() => Started()
        .WakeAt(At(2010, 3, 17))
        .Submit(Rag.Red, At(2010, 4, 10, 11))
        .WakeAt(At(2010, 5, 27));

    // The first reallocation proposal is the second (version 2): £9,000 to ROC6.
    private static Scenario ReallocationProposed() => WithdrawalProposed()
        .Raise("ApproveWithdrawal", Approval(OfficerA), At(2010, 5, 28))
        .Raise("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations = new[] { new { ProjectCode = "ROC6", Amount = 900_000 } } }, At(2010, 6, 1));

    // A rejects it and proposes £15,000 to ROC9: the third (version 3).
    private static Scenario ProposedAgain() => ReallocationProposed()
        .Raise("RejectReallocation", new { Officer = Officer(OfficerA), Reason = "ROC9 needs it more." }, At(2010, 6, 1, 10))
        .Raise("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations = new[] { new { ProjectCode = "ROC9", Amount = 1_500_000 } } }, At(2010, 6, 1, 11));

    [Fact]
    public void Given_AReallocationProposedAgain_When_BApprovesTheProposalTheyOpenedBefore_Then_RefusedBecauseItChanged_AndNothingMoves()
    {
        var scenario = ProposedAgain();

        var refusal = scenario.Refusal("ApproveReallocation", new { Officer = Officer(OfficerB), ProposalVersion = 2 }, At(2010, 6, 1, 12));

        Assert.Equal("This proposal changed after you opened it: it is now LSP Officer A (example)'s proposal of 1 Jun 2010 to reallocate £15,000.00 to ROC9. Nothing was recorded; look at it again before you decide.",
            refusal);
        Assert.Equal(Phase.ReallocationProposed, scenario.State.Phase);
    }

    [Fact]
    public void Given_AReallocationProposedAgain_When_BApprovesTheProposalNowWaiting_Then_ItIsApproved()
    {
        var scenario = ProposedAgain().Raise("ApproveReallocation", new { Officer = Officer(OfficerB), ProposalVersion = 3 }, At(2010, 6, 1, 12));

        Assert.Equal(["ReallocationApproved"], scenario.EventTypes);
    }

    [Fact]
    public void Given_AReallocationProposedAgain_When_BRejectsTheProposalTheyOpenedBefore_Then_RefusedToo()
    {
        Assert.StartsWith("This proposal changed after you opened it:",
            ProposedAgain().Refusal("RejectReallocation", new { Officer = Officer(OfficerB), Reason = "No.", ProposalVersion = 2 }, At(2010, 6, 1, 12)));
    }

    [Fact]
    public void Given_AWithdrawalWhoseAmountChanged_When_AnOfficerApprovesTheAmountTheySaw_Then_RefusedBecauseItChanged()
    {
        var scenario = WithdrawalProposed().Raise("ChangeWithdrawalAmount", new { Officer = Officer(OfficerA), Amount = 500_000 }, At(2010, 5, 28, 9));

        var refusal = scenario.Refusal("ApproveWithdrawal", new
        {
            Officer = Officer(OfficerB),
            ExecutiveDecisionDate = "2010-05-27",
            MinuteReference = "LSP Executive, item 5",
            ProposalVersion = 1,
        }, At(2010, 5, 28, 10));

        Assert.Equal("This proposal changed after you opened it: it is now a withdrawal of £5,000.00 of ROC4's funding, proposed on 27 May 2010. Nothing was recorded; look at it again before you decide.",
            refusal);
        Assert.Equal(Phase.WithdrawalProposed, scenario.State.Phase);
        // The version now waiting is accepted.
        Assert.Equal(Phase.FundingWithdrawn, scenario.Raise("ApproveWithdrawal", new
        {
            Officer = Officer(OfficerB),
            ExecutiveDecisionDate = "2010-05-27",
            MinuteReference = "LSP Executive, item 5",
            ProposalVersion = 2,
        }, At(2010, 5, 28, 10)).State.Phase);
    }

    [Fact]
    public void Given_AWithdrawalProposed_When_ItIsExtendedOrRejectedWithAnOldVersion_Then_RefusedToo()
    {
        var scenario = WithdrawalProposed().Raise("ChangeWithdrawalAmount", new { Officer = Officer(OfficerA), Amount = 500_000 }, At(2010, 5, 28, 9));

        Assert.StartsWith("This proposal changed after you opened it:",
            scenario.Refusal("ExtendDeadline", new { Officer = Officer(OfficerB), NewDeadline = "2010-06-30", Reason = "More time.", ProposalVersion = 1 }, At(2010, 5, 28, 10)));
        Assert.StartsWith("This proposal changed after you opened it:",
            scenario.Refusal("RejectWithdrawal", new { Officer = Officer(OfficerB), Reason = "Keep it.", ProposalVersion = 1 }, At(2010, 5, 28, 10)));
    }
}
