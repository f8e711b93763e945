// Every template rendered with realistic Rochford data and checked against its reviewed snapshot (HTML and text),
// and again with hostile data to prove everything from data is escaped. Run: dotnet test tests/Rochford.Lsp.Email.Tests

using System.Text.RegularExpressions;
using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Email.Tests;

public sealed partial class TemplateTests
{
    private static async Task<EmailComposition> ComposeAsync(string template, bool hostile = false, RecordingLinkIssuer? issuer = null)
    {
        var (to, cc) = Samples.Recipients(template);
        return await new EmailComposer(Samples.Options()).ComposeAsync(
            "ROC4/7/0", template, to, cc, Samples.ModelJson(template, hostile), issuer ?? new RecordingLinkIssuer(), CancellationToken.None);
    }

    [Fact]
    public void EveryTemplateTheCycleNames_HasARenderer()
    {
        var names = Samples.TemplateConstants().ToList();

        Assert.True(names.Count >= 19, $"Expected at least 19 template constants, found {names.Count}.");
        var missing = names.Except(EmailRenderer.TemplateNames).ToList();
        var unknown = EmailRenderer.TemplateNames.Except(names).ToList();
        Assert.True(missing.Count == 0, $"These templates have no renderer: {string.Join(", ", missing)}.");
        Assert.True(unknown.Count == 0, $"These renderers match no EmailTemplates constant: {string.Join(", ", unknown)}.");
    }

    [Theory]
    [MemberData(nameof(Samples.AllTemplates), MemberType = typeof(Samples))]
    public async Task Render_ToRecipient_MatchesSnapshot(string template)
    {
        var message = (await ComposeAsync(template)).Messages[0];

        Snapshot.MatchAll([
            ($"{template}.to", "html", message.Content.Html),
            ($"{template}.to", "txt", $"Subject: {message.Content.Subject}\n\n{message.Content.Text}"),
        ]);
    }

    [Theory]
    [MemberData(nameof(Samples.AllTemplates), MemberType = typeof(Samples))]
    public async Task Render_HostileData_IsEscapedInHtml(string template)
    {
        var composed = await ComposeAsync(template, hostile: true);

        foreach (var message in composed.Messages)
        {
            var html = message.Content.Html;
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<i>", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons", html);
            // Only the tags the renderer writes may appear.
            var tags = TagPattern().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct();
            Assert.Empty(tags.Except(["html", "head", "meta", "title", "body", "div", "p", "h1", "h2", "h3", "table", "tr", "th", "td", "caption", "ul", "li", "a", "br", "hr"]));
            // The plain text is not HTML: it carries the name as typed.
            Assert.Contains(Samples.HostileName, message.Content.Text);
        }
        Snapshot.Match($"{template}.hostile", "html", composed.Messages[0].Content.Html);
    }

    [Theory]
    [MemberData(nameof(Samples.AllTemplates), MemberType = typeof(Samples))]
    public async Task Render_EveryMessage_SaysWhoSentItWhyAndWhomToContact(string template)
    {
        foreach (var message in (await ComposeAsync(template)).Messages)
        {
            var text = message.Content.Text;
            Assert.Contains("This email was sent by the Rochford Local Strategic Partnership's funded project monitoring service", text);
            Assert.Matches(message.To.Count > 0 ? "You are getting this because " : "You are copied in ", text);
            Assert.Contains("contact the LSP officers at Rochford District Council at lsp.officers@rochford.example.gov.uk", text);
            Assert.Contains("href=\"mailto:lsp.officers@rochford.example.gov.uk\"", message.Content.Html);
        }
    }

    [Theory]
    [MemberData(nameof(Samples.AllTemplates), MemberType = typeof(Samples))]
    public async Task Render_Links_AreAbsoluteAndPersonalOnesComeFromTheIssuer(string template)
    {
        var issuer = new RecordingLinkIssuer();
        var composed = await ComposeAsync(template, issuer: issuer);
        var issued = issuer.Issued.Count;

        foreach (var message in composed.Messages)
        {
            foreach (var link in message.Content.Links)
            {
                Assert.True(link.Url.IsAbsoluteUri && link.Url.Scheme == "https", $"{link.Url} is not an absolute https link.");
                Assert.Contains(link.Url.AbsoluteUri, message.Content.Text);
                Assert.Contains($"href=\"{link.Url.AbsoluteUri}\"", message.Content.Html);
                if (link.Purpose is not null)
                {
                    Assert.Equal(RecipientRole.To, message.To.Count > 0 ? RecipientRole.To : RecipientRole.Cc);
                    Assert.Contains(issuer.Issued, i => i.MessageId == message.MessageId && link.Url.AbsoluteUri.EndsWith(i.Recipient.Split('@')[0], StringComparison.Ordinal));
                }
                else
                {
                    Assert.StartsWith("https://lsp.rochford.example.gov.uk/", link.Url.AbsoluteUri);
                }
            }
            // Every href in the HTML is one of the recorded links (or the contact mailto).
            var hrefs = HrefPattern().Matches(message.Content.Html).Select(m => m.Groups[1].Value).Where(h => !h.StartsWith("mailto:", StringComparison.Ordinal));
            Assert.All(hrefs, h => Assert.Contains(message.Content.Links, l => l.Url.AbsoluteUri == h));
        }
        var personal = EmailRenderer.PersonalLinkIn(template, Samples.ModelJson(template));
        Assert.Equal(personal is null ? 0 : composed.Messages.Count(m => m.To.Count > 0), issued);
    }

    [Theory]
    [MemberData(nameof(Samples.AllTemplates), MemberType = typeof(Samples))]
    public async Task Render_LinksToOfficersPages_OnlyInMessagesEveryReaderOfIsAnOfficer(string template)
    {
        // An officers' page (projects/ROC4, pack) opens only for a signed-in officer: a lead or the Executive Board following
        // one would be told they are not an officer. Their links are personal ones (report/, summary/, packs/ ...) instead.
        string[] officers = [Samples.OfficerA.Email!, Samples.OfficerB.Email!];
        foreach (var message in (await ComposeAsync(template)).Messages)
        {
            var staffLinks = message.Content.Links.Where(l => l.Purpose is null).ToList();
            if (message.To.Concat(message.Cc).All(a => officers.Contains(a))) continue;
            Assert.True(staffLinks.Count == 0,
                $"The {template} message to {string.Join(", ", message.To.Concat(message.Cc))} links to officers' pages: {string.Join(", ", staffLinks.Select(l => l.Url))}");
        }
    }

    [Fact]
    public async Task Render_QuarterlyDigest_GivesTheExecutiveBoardItsPackLink_AndTheOfficersTheirs()
    {
        var issuer = new RecordingLinkIssuer();
        var messages = (await ComposeAsync(EmailTemplates.QuarterlyDigest, issuer: issuer)).Messages;
        var executive = messages.Single(m => m.To.Count > 0);
        var copy = messages.Single(m => m.To.Count == 0);

        var pack = Assert.Single(executive.Content.Links);
        Assert.Equal(LinkPurpose.QuarterlyPack, pack.Purpose);
        Assert.Equal("Read this quarter's performance pack", pack.Text);
        var (link, recipient, _) = Assert.Single(issuer.Issued);
        Assert.Equal((LinkPurpose.QuarterlyPack, Samples.Q4, Reporting.Seed.RochfordSeed.Contacts.ExecutiveBoardEmail), (link.Purpose, link.Quarter, recipient));
        var officers = Assert.Single(copy.Content.Links);
        Assert.Null(officers.Purpose);
        Assert.Equal("https://lsp.rochford.example.gov.uk/pack?quarter=2009-10%20Q4", officers.Url.AbsoluteUri);
        Assert.Contains("The link to read this quarter's performance pack is personal to the LSP Executive Board, so it is not included in this copy.", copy.Content.Text);
    }

    [Fact]
    public async Task Render_QuarterlyRequest_FormatsDatesQuartersAndNames()
    {
        var text = (await ComposeAsync(EmailTemplates.QuarterlyRequest)).Messages[0].Content.Text;

        Assert.Contains("Period covered: January to March 2010 (2009-10 Q4)", text);
        Assert.Contains("Report due by: 30 April 2010", text);
        Assert.Contains("You are getting this because you are the lead for ROC4 Careline.", text);
        Assert.Contains("The link works until 14 May 2010.", text);
    }

    [Fact]
    public async Task Render_ApprovalRequest_ShowsMoneyAsPoundsAndPence()
    {
        var text = (await ComposeAsync(EmailTemplates.ApprovalRequest)).Messages[0].Content.Text;

        Assert.Contains("Amount awarded: £15,000.00", text);
        Assert.Contains("Amount released so far: £7,500.50", text);
        Assert.Contains("Amount at stake: £7,499.50", text);
        Assert.Contains("Recovery deadline: 31 May 2010", text);
    }

    [Fact]
    public async Task Render_CopyToOfficers_LeavesOutThePersonalLinkAndSaysSo()
    {
        var copy = (await ComposeAsync(EmailTemplates.OverdueChase)).Messages.Single(m => m.MessageId == "ROC4/7/0/cc");

        Assert.DoesNotContain(copy.Content.Links, l => l.Purpose is not null);
        Assert.Contains("The link to fill in the progress report is personal to the project lead, so it is not included in this copy.", copy.Content.Text);
        Assert.Contains("You are copied in as an LSP officer.", copy.Content.Text);
        Snapshot.Match($"{EmailTemplates.OverdueChase}.cc", "txt", copy.Content.Text);
    }

    [Fact]
    public void Render_RedNoticeWhileTheReportIsStillOwed_LinksToTheReportFormAndSaysItIsTakenLate()
    {
        // No report was received: what is needed first is the report, so the lead's link opens its form.
        var model = (Reporting.Email.RedNoticeModel)Samples.Model(EmailTemplates.RedNotice) with
        {
            Cause = Reporting.RedCause.NoReportReceived,
            Link = new Reporting.Email.EmailLink(Reporting.Email.LinkPurpose.SubmitReport, "ROC4", Samples.Q4, new NodaTime.LocalDate(2010, 5, 31)),
        };
        var content = EmailRenderer.Render(EmailTemplates.RedNotice, Reporting.Json.ReportingJson.Serialize(model),
            new RenderContext(Samples.Options(), RecipientRole.To, new Uri("https://lsp.example/report/TOKEN")));

        Assert.Contains("Send the January to March 2010 report now. It will be marked as late.", content.Text);
        Assert.Contains("Send the overdue report", content.Text);
        Assert.DoesNotContain("Send an update", content.Text);
        Assert.Contains(content.Links, l => l.Purpose == Reporting.Email.LinkPurpose.SubmitReport && l.Url == new Uri("https://lsp.example/report/TOKEN"));
    }

    [Fact]
    public void Render_ReceiptWhoseTextWasNotFound_StillGoesAndSaysWhereTheTextIs()
    {
        // The decider's model carries the report's id; the email activity fills the text in from the reports table. Not found: null.
        var model = (Reporting.Email.SubmissionReceiptModel)Samples.Model(EmailTemplates.SubmissionReceipt) with { Report = null };
        var text = EmailRenderer.Render(EmailTemplates.SubmissionReceipt, Reporting.Json.ReportingJson.Serialize(model),
            new RenderContext(Samples.Options(), RecipientRole.To, null)).Text;

        Assert.Contains("Status: Amber", text);
        Assert.Contains("The text of this report could not be included in this email. It is kept with the report on the project's page;", text);
        Assert.DoesNotContain("Emergency response is delayed", text);
        Assert.DoesNotContain("Expenditure", text);
    }

    [Fact]
    public void Render_InterimReceiptWhoseCommentsWereNotFound_StillGoesAndSaysWhereTheyAre()
    {
        var model = (Reporting.Email.InterimUpdateReceiptModel)Samples.Model(EmailTemplates.InterimUpdateReceipt) with { Comments = null };
        var text = EmailRenderer.Render(EmailTemplates.InterimUpdateReceipt, Reporting.Json.ReportingJson.Serialize(model),
            new RenderContext(Samples.Options(), RecipientRole.To, null)).Text;

        Assert.Contains("The text of your comments could not be included in this email.", text);
        Assert.DoesNotContain("The contract is signed", text);
    }

    [Fact]
    public void Render_UnknownTemplate_IsAClearTemplateError()
    {
        var error = Assert.Throws<EmailTemplateException>(() =>
            EmailRenderer.Render("QuarterlyRequets", "{}", new RenderContext(Samples.Options(), RecipientRole.To, null)));

        Assert.StartsWith("There is no email template called 'QuarterlyRequets'. The templates are: ApprovalReminder, ApprovalRequest,", error.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"ProjectCode":"ROC4"}""")]
    [InlineData("""{"ProjectCode":"ROC4","ProjectName":null,"LeadName":"A","Quarter":"2009-10 Q4","PeriodCovered":"x","DueOn":"2010-04-30","Link":{"Purpose":"SubmitReport","ProjectCode":"ROC4","Quarter":null,"ExpiresOn":"2010-05-14"}}""")]
    public void Render_ModelThatDoesNotFit_IsAClearTemplateError(string json)
    {
        var error = Assert.Throws<EmailTemplateException>(() =>
            EmailRenderer.Render(EmailTemplates.Reminder, json, new RenderContext(Samples.Options(), RecipientRole.To, null)));

        Assert.StartsWith("The model for the Reminder email", error.Message);
    }

    [GeneratedRegex("<([a-zA-Z0-9]+)[\\s>/]")]
    private static partial Regex TagPattern();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefPattern();
}

public sealed class SubjectTests
{
    [Fact]
    public async Task Render_ProjectNameWithALineBreak_KeepsTheSubjectOnOneLine()
    {
        var model = Samples.ModelJson(Reporting.Email.EmailTemplates.Reminder).Replace("\"Careline\"", "\"Care\\r\\nBcc: evil@example.org\"", StringComparison.Ordinal);

        var composed = await new EmailComposer(Samples.Options()).ComposeAsync("ROC4/1/0", Reporting.Email.EmailTemplates.Reminder,
            ["roc4.lead@example.org"], [], model, new RecordingLinkIssuer(), CancellationToken.None);

        Assert.Equal("Reminder: ROC4 Care Bcc: evil@example.org progress report due by 30 April 2010", composed.Messages[0].Content.Subject);
    }
}
