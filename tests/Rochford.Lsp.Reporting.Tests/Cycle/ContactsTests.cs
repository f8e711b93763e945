// Officers changing the partnership's contacts (officers, Executive Board, chair) on a project's cycle.

using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class ContactsTests
{
    private static readonly object OfficerC = new { Name = "LSP Officer C (example)", Email = "lsp.officer.c@example.org" };

    private static object NewContacts(params object[] officers) => new
    {
        Officers = officers,
        ExecutiveBoardEmail = "lsp.board@example.org",
        ExecutiveChairEmail = "lsp.chair@example.org",
    };

    [Fact]
    public void Given_Reporting_When_AnOfficerChangesTheContacts_Then_LaterEmailsGoToTheNewPeople()
    {
        var scenario = Started("ROC4").Raise("ChangePartnershipContacts",
            new { Officer = Officer(OfficerA), Contacts = NewContacts(Officer(OfficerA), OfficerC) }, At(2010, 2, 1));

        Assert.Equal(["PartnershipContactsChanged"], scenario.EventTypes);
        Assert.Equal("LSP Officer A (example) changed the partnership's contacts for ROC4: officers LSP Officer A (example) (lsp.officer.a@example.org) and LSP Officer C (example) (lsp.officer.c@example.org); Executive Board lsp.board@example.org; chair lsp.chair@example.org.",
            scenario.Last.Events[0].Explanation);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.c@example.org"], scenario.State.Contacts.OfficerEmails());

        scenario.WakeAt(At(2010, 3, 17)).Submit(Rag.Red, At(2010, 4, 10, 11)).WakeAt(At(2010, 5, 27));
        Assert.Equal(["lsp.board@example.org"], scenario.Email(EmailTemplates.ExecutiveEscalation).To);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.c@example.org"], scenario.Email(EmailTemplates.ApprovalRequest).To);
    }

    [Fact]
    public void Given_ReallocationProposed_When_ContactsChange_Then_TheNewSecondOfficerCanApprove()
    {
        var scenario = Started("ROC4")
            .WakeAt(At(2010, 3, 17))
            .Submit(Rag.Red, At(2010, 4, 10, 11))
            .WakeAt(At(2010, 5, 27))
            .Raise("ApproveWithdrawal", Approval(OfficerB), At(2010, 5, 28))
            .Raise("ProposeReallocation", new { Officer = Officer(OfficerA), Allocations = new[] { new { ProjectCode = "ROC3", Amount = 100 } } }, At(2010, 6, 1))
            .Raise("ChangePartnershipContacts", new { Officer = Officer(OfficerB), Contacts = NewContacts(Officer(OfficerA), OfficerC) }, At(2010, 6, 2))
            .Raise("ApproveReallocation", new { Officer = OfficerC }, At(2010, 6, 3));

        Assert.Equal(["ReallocationApproved"], scenario.EventTypes);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.c@example.org"], scenario.Email(EmailTemplates.ReallocationApproved).Cc);
    }

    [Fact]
    public void Given_Reporting_When_FewerThanTwoOfficersAreGiven_Then_Refused() =>
        Assert.Equal("ChangePartnershipContacts: 'Contacts.Officers' must list at least two officers with different email addresses, so that a reallocation can be approved by a second officer.",
            Started().Refusal("ChangePartnershipContacts", new { Officer = Officer(OfficerA), Contacts = NewContacts(Officer(OfficerA), Officer(OfficerA)) }, At(2010, 2, 1)));

    [Fact]
    public void Given_Reporting_When_AnOfficerAddressIsNotAnEmail_Then_RefusedNamingTheField() =>
        Assert.Contains("is not an email address: 'officer-c'",
            Started().Refusal("ChangePartnershipContacts", new { Officer = Officer(OfficerA), Contacts = NewContacts(Officer(OfficerA), new { Name = "C", Email = "officer-c" }) }, At(2010, 2, 1)));

    [Fact]
    public void Given_Reporting_When_SomeoneWhoIsNotAnOfficerChangesTheContacts_Then_Refused() =>
        Assert.Equal("ROC4: changing the partnership's contacts was refused because LSP Officer C (example) (lsp.officer.c@example.org) is not one of the partnership's officers (LSP Officer A (example), LSP Officer B (example)).",
            Started().Refusal("ChangePartnershipContacts", new { Officer = OfficerC, Contacts = NewContacts(OfficerC, Officer(OfficerA)) }, At(2010, 2, 1)));

    [Fact]
    public void Given_ContactsChanged_When_TheSameContactsAreSentAgain_Then_NothingChanges()
    {
        var change = new { Officer = Officer(OfficerA), Contacts = NewContacts(Officer(OfficerA), OfficerC) };
        var scenario = Started().Raise("ChangePartnershipContacts", change, At(2010, 2, 1)).Raise("ChangePartnershipContacts", change, At(2010, 2, 1));

        Assert.True(scenario.Last.IsNoOp);
    }

    [Fact]
    public void Given_Completed_When_ContactsChange_Then_Refused() =>
        Assert.Equal("ROC4: changing the partnership's contacts is not possible now because the project has been completed.",
            Started().Raise("MarkProjectCompleted", new { Officer = Officer(OfficerA) }, At(2010, 2, 1))
                .Refusal("ChangePartnershipContacts", new { Officer = Officer(OfficerA), Contacts = NewContacts(Officer(OfficerA), OfficerC) }, At(2010, 2, 2)));
}
