// How one SendEmail effect becomes messages: one per To recipient with their own links, one copy for Cc,
// and missing or bad addresses reported (never thrown) so officers can see them.

using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Email.Tests;

public sealed class EmailComposerTests
{
    private static readonly EmailComposer Composer = new(Samples.Options());

    private static Task<EmailComposition> Compose(string template, string[] to, string[] cc, RecordingLinkIssuer? issuer = null) =>
        Composer.ComposeAsync("ROC4/12/0", template, to, cc, Samples.ModelJson(template), issuer ?? new RecordingLinkIssuer(), CancellationToken.None);

    [Fact]
    public async Task Compose_TwoOfficers_OneMessageEachWithTheirOwnLink()
    {
        var issuer = new RecordingLinkIssuer();

        var result = await Compose(EmailTemplates.ApprovalRequest, ["lsp.officer.a@example.org", "lsp.officer.b@example.org"], [], issuer);

        Assert.Empty(result.AddressProblems);
        Assert.Equal(["ROC4/12/0/to/0", "ROC4/12/0/to/1"], result.Messages.Select(m => m.MessageId));
        Assert.Equal([["lsp.officer.a@example.org"], ["lsp.officer.b@example.org"]], result.Messages.Select(m => m.To));
        Assert.Equal([("lsp.officer.a@example.org", "ROC4/12/0/to/0"), ("lsp.officer.b@example.org", "ROC4/12/0/to/1")],
            issuer.Issued.Select(i => (i.Recipient, i.MessageId)));
        Assert.All(issuer.Issued, i => Assert.Equal(new EmailLink(LinkPurpose.DecideWithdrawal, "ROC4", null, new NodaTime.LocalDate(2010, 6, 15)), i.Link));
        var links = result.Messages.Select(m => Assert.Single(m.Content.Links, l => l.Purpose == LinkPurpose.DecideWithdrawal).Url.AbsoluteUri).ToList();
        Assert.Equal(2, links.Distinct().Count());
        Assert.All(result.Messages, m => Assert.Equal("ROC4/12/0", m.OutboxId));
    }

    [Fact]
    public async Task Compose_LeadAndOfficers_CopyGoesToAllOfficersWithoutPersonalLinks()
    {
        var issuer = new RecordingLinkIssuer();

        var result = await Compose(EmailTemplates.RedNotice, ["roc4.lead@example.org"], ["lsp.officer.a@example.org", "lsp.officer.b@example.org"], issuer);

        Assert.Equal(["ROC4/12/0/to/0", "ROC4/12/0/cc"], result.Messages.Select(m => m.MessageId));
        var copy = result.Messages[1];
        Assert.Empty(copy.To);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], copy.Cc);
        Assert.DoesNotContain(copy.Content.Links, l => l.Purpose is not null);
        Assert.DoesNotContain("/l/", copy.Content.Html, StringComparison.Ordinal);
        Assert.Contains("is personal to the project lead, so it is not included in this copy", copy.Content.Text);
        Assert.Single(issuer.Issued); // only the lead's link is minted
    }

    [Fact]
    public async Task Compose_LeadHasNoEmail_CopyToOfficersSaysItCouldNotBeSentAndProblemIsListed()
    {
        var result = await Compose(EmailTemplates.OverdueChase, [], ["lsp.officer.a@example.org"]);

        var problem = Assert.Single(result.AddressProblems);
        Assert.Equal((DeliveryProblemKind.NoAddress, RecipientRole.To, (string?)null), (problem.Kind, problem.Role, problem.Address));
        Assert.Equal("No email address is recorded for the lead for ROC4 Careline, so the OverdueChase email could not be sent to them.", problem.Description);
        var copy = Assert.Single(result.Messages);
        Assert.Equal("ROC4/12/0/cc", copy.MessageId);
        Assert.StartsWith("Rochford Local Strategic Partnership\n\nIMPORTANT: This message could not be sent to the lead for ROC4 Careline because no email address is recorded for them.", copy.Content.Text);
        Assert.Contains("could not be sent to the lead for ROC4 Careline because no email address is recorded for them", copy.Content.Html);
    }

    [Fact]
    public async Task Compose_NoOneToSendTo_HasNoMessagesAndSaysWhy()
    {
        var result = await Compose(EmailTemplates.QuarterlyRequest, [], []);

        Assert.False(result.HasMessages);
        Assert.Empty(result.Messages);
        Assert.Equal(["No email address is recorded for the lead for ROC4 Careline, so the QuarterlyRequest email could not be sent to them."], result.Problems);
    }

    [Fact]
    public async Task Compose_OnlyInvalidAddresses_HasNoMessagesAndListsEach()
    {
        var result = await Compose(EmailTemplates.RedNotice, ["roc4.lead@"], ["officer"]);

        Assert.Empty(result.Messages);
        Assert.Equal([DeliveryProblemKind.InvalidAddress, DeliveryProblemKind.InvalidAddress], result.AddressProblems.Select(p => p.Kind));
        Assert.Equal(2, result.Problems.Count);
    }

    [Fact]
    public async Task Compose_InvalidAddress_IsAProblemNotACrash()
    {
        var result = await Compose(EmailTemplates.OverdueChase, ["roc4.lead(at)example.org"], ["lsp.officer.a@example.org", "not an address"]);

        Assert.Equal(
            [(DeliveryProblemKind.InvalidAddress, RecipientRole.To, "roc4.lead(at)example.org"), (DeliveryProblemKind.InvalidAddress, RecipientRole.Cc, "not an address")],
            result.AddressProblems.Select(p => (p.Kind, p.Role, p.Address)));
        Assert.Equal("The email address recorded for the lead for ROC4 Careline, 'roc4.lead(at)example.org', is not a valid email address.", result.Problems[0]);
        var copy = Assert.Single(result.Messages);
        Assert.Equal(["lsp.officer.a@example.org"], copy.Cc);
        Assert.Contains("because the email address recorded for them (roc4.lead(at)example.org) is not valid", copy.Content.Text);
    }

    [Fact]
    public async Task Compose_SamePersonInToAndCc_GetsOnlyThePersonalMessage()
    {
        var result = await Compose(EmailTemplates.ReallocationProposal, ["lsp.officer.b@example.org"], ["LSP.Officer.B@example.org", "lsp.officer.a@example.org"]);

        Assert.Equal(["lsp.officer.a@example.org"], result.Messages.Single(m => m.MessageId.EndsWith("/cc", StringComparison.Ordinal)).Cc);
    }

    [Fact]
    public async Task Compose_UnknownTemplate_ThrowsTemplateError()
    {
        var error = await Assert.ThrowsAsync<EmailTemplateException>(() =>
            Composer.ComposeAsync("ROC4/1/0", "Nope", ["a@example.org"], [], "{}", new RecordingLinkIssuer(), CancellationToken.None));

        Assert.StartsWith("There is no email template called 'Nope'.", error.Message);
    }

    [Fact]
    public async Task Compose_IssuerReturnsRelativeUrl_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Composer.ComposeAsync("ROC4/1/0", EmailTemplates.Reminder, ["roc4.lead@example.org"], [], Samples.ModelJson(EmailTemplates.Reminder), new RelativeIssuer(), CancellationToken.None));

        Assert.Contains("not an absolute URL", error.Message);
    }

    [Fact]
    public void Composer_InvalidOptions_SaysWhatIsWrong()
    {
        var options = Samples.Options();
        options.BaseUrl = "/relative";
        options.ContactEmail = "nobody";

        var error = Assert.Throws<InvalidOperationException>(() => new EmailComposer(options));

        Assert.Equal("The email settings are not usable: Email:BaseUrl must be the app's absolute http or https address, such as https://lsp.rochford.gov.uk; it is '/relative'. "
            + "Email:ContactEmail must be an email address; it is 'nobody'.", error.Message);
    }

    [Theory]
    [InlineData("roc4.lead@example.org", true)]
    [InlineData("a.b+tag@council.gov.uk", true)]
    [InlineData("no-at-sign.example.org", false)]
    [InlineData("two@@example.org", false)]
    [InlineData("a@example.org, b@example.org", false)]
    [InlineData("spaces in@example.org", false)]
    [InlineData("a@localhost", false)]
    [InlineData("", false)]
    public void EmailAddress_IsValid_CatchesCommonMistakes(string address, bool valid) =>
        Assert.Equal(valid, EmailAddress.IsValid(address));

    [Fact]
    public void EmailOptions_PageUrl_IsAbsoluteUnderTheBaseUrlWithOrWithoutATrailingSlash()
    {
        var options = Samples.Options();
        options.BaseUrl = "https://lsp.example.gov.uk/monitoring";

        Assert.Equal("https://lsp.example.gov.uk/monitoring/projects/ROC4", options.PageUrl("/projects/ROC4").AbsoluteUri);
        options.BaseUrl += "/";
        Assert.Equal("https://lsp.example.gov.uk/monitoring/projects/ROC4", options.PageUrl("projects/ROC4").AbsoluteUri);
    }

    private sealed class RelativeIssuer : ILinkIssuer
    {
        public ValueTask<Uri> IssueAsync(EmailLink link, string recipientEmail, string messageId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Uri("/l/abc", UriKind.Relative));
    }
}
