// Emails name roles; Recipients.Resolve addresses them from the contacts and lead of the moment of sending.

using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Seed;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Partnership;

public sealed class RecipientsTests
{
    private static readonly Person Lead = new("Lead", "lead@example.org");

    [Fact]
    public void Resolve_AddressesEachRole_KeepsAddresses_AndListsEachAddressOnce()
    {
        Assert.Equal(["lead@example.org", "lsp.officer.a@example.org", "lsp.officer.b@example.org", "lsp.executive@example.org", "lsp.executive.chair@example.org", "someone@example.org"],
            Recipients.Resolve([Recipients.Lead, Recipients.Officers, Recipients.ExecutiveBoard, Recipients.ExecutiveChair, "someone@example.org", "LSP.OFFICER.A@example.org"],
                RochfordSeed.Contacts, Lead));
    }

    [Fact]
    public void Resolve_OfficersExceptOne_LeavesThatOfficerOut_WhateverTheCase()
    {
        Assert.Equal(["lsp.officer.b@example.org"], Recipients.Resolve([Recipients.OfficersExcept("LSP.Officer.A@example.org")], RochfordSeed.Contacts, Lead));
        Assert.Equal(RochfordSeed.Contacts.OfficerEmails(), Recipients.Resolve([Recipients.OfficersExcept(null)], RochfordSeed.Contacts, Lead));
    }

    [Fact]
    public void Resolve_ALeadWithNoAddress_AddsNone_AndAnUnknownRoleIsAnError()
    {
        Assert.Empty(Recipients.Resolve([Recipients.Lead], RochfordSeed.Contacts, new Person("No address", null)));
        Assert.Throws<ArgumentException>(() => Recipients.Resolve(["role:treasurer"], RochfordSeed.Contacts, Lead));
    }

    [Fact]
    public void Decider_NamesRoles_NotAddresses()
    {
        // Careline Red with no report by the deadline: escalated to the Executive Board, officers copied; approval asked of the officers.
        var escalated = Started("ROC4").WakeAt(At(2010, 3, 17)).Submit(Rag.Red, At(2010, 4, 10, 11)).WakeAt(At(2010, 5, 27));

        var escalation = escalated.RawEmails.Single(e => e.Template == EmailTemplates.ExecutiveEscalation);
        Assert.Equal([Recipients.ExecutiveBoard], escalation.To);
        Assert.Equal([Recipients.Officers], escalation.Cc);
        Assert.Equal([Recipients.Officers], escalated.RawEmails.Single(e => e.Template == EmailTemplates.ApprovalRequest).To);
        Assert.All(escalated.RawEmails.SelectMany(e => e.To.Concat(e.Cc)), r => Assert.True(Recipients.IsRole(r), r));
    }
}
