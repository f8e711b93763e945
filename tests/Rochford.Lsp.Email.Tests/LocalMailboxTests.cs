// The local mailbox against a real Azurite: messages stored once per message id, listed newest first, long
// bodies intact, and links that an end-to-end test can follow. Run: dotnet test tests/Rochford.Lsp.Email.Tests

using Rochford.Lsp.Email.Mailbox;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Email.Tests;

public sealed class LocalMailboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly FixedTime time = new(new DateTimeOffset(2010, 4, 1, 9, 0, 0, TimeSpan.Zero));

    private async Task<LocalMailbox> NewMailboxAsync() => new(await azurite.CreateTableAsync("mailbox"), time);

    private static OutgoingEmail Email(string messageId, string html = "<p>Hello</p>") => new(
        messageId, messageId.Split("/to/")[0].Split("/cc")[0], EmailTemplates.Reminder, ["roc4.lead@example.org"], ["lsp.officer.a@example.org"],
        new RenderedEmail($"Subject of {messageId}", html, "Hello", [new RenderedLink("Fill in the report", new Uri("https://lsp.example.gov.uk/l/abc"), LinkPurpose.SubmitReport)]));

    [Fact]
    public async Task Send_ThenGet_ReturnsEverythingAsSent()
    {
        var mailbox = await NewMailboxAsync();
        var ct = AzuriteFixture.Timeout();

        var result = await mailbox.SendAsync(Email("ROC4/3/0/to/0"), ct);
        var stored = await mailbox.GetAsync("ROC4/3/0/to/0", ct);

        Assert.Equal(new SendResult.Sent("local:ROC4/3/0/to/0"), result);
        Assert.NotNull(stored);
        Assert.Equal(("ROC4/3/0/to/0", "ROC4/3/0", "Reminder", "Subject of ROC4/3/0/to/0", "Hello", "<p>Hello</p>"),
            (stored.MessageId, stored.OutboxId, stored.Template, stored.Subject, stored.Text, stored.Html));
        Assert.Equal(["roc4.lead@example.org"], stored.To);
        Assert.Equal(["lsp.officer.a@example.org"], stored.Cc);
        Assert.Equal([new RenderedLink("Fill in the report", new Uri("https://lsp.example.gov.uk/l/abc"), LinkPurpose.SubmitReport)], stored.Links);
        Assert.Equal(time.Now, stored.SentAt);
    }

    [Fact]
    public async Task Send_SameMessageTwice_IsShownOnce()
    {
        var mailbox = await NewMailboxAsync();
        var ct = AzuriteFixture.Timeout();

        await mailbox.SendAsync(Email("ROC4/3/0/to/0"), ct);
        time.Now = time.Now.AddHours(1);
        var again = await mailbox.SendAsync(Email("ROC4/3/0/to/0"), ct);

        Assert.IsType<SendResult.Sent>(again);
        var only = Assert.Single(await mailbox.ListAsync(ct));
        Assert.Equal(time.Now.AddHours(-1), only.SentAt);
    }

    [Fact]
    public async Task List_IsNewestFirst()
    {
        var mailbox = await NewMailboxAsync();
        var ct = AzuriteFixture.Timeout();

        foreach (var id in new[] { "ROC4/1/0/to/0", "ROC1/1/0/to/0", "ROC4/2/0/cc" })
        {
            await mailbox.SendAsync(Email(id), ct);
            time.Now = time.Now.AddMinutes(5);
        }

        Assert.Equal(["ROC4/2/0/cc", "ROC1/1/0/to/0", "ROC4/1/0/to/0"], (await mailbox.ListAsync(ct)).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Send_HtmlLongerThanOneTableProperty_RoundTrips()
    {
        var mailbox = await NewMailboxAsync();
        var ct = AzuriteFixture.Timeout();
        var html = string.Concat(Enumerable.Range(0, 9_000).Select(i => $"<p>£{i}</p>"));
        Assert.True(html.Length > 3 * 32_768);

        await mailbox.SendAsync(Email("ROC4/9/0/to/0", html), ct);

        Assert.Equal(html, (await mailbox.GetAsync("ROC4/9/0/to/0", ct))!.Html);
    }

    [Fact]
    public async Task Send_MessageLargerThanOneTableRow_IsRejectedWithAPlainReason_AndNothingStored()
    {
        var mailbox = await NewMailboxAsync();
        var ct = AzuriteFixture.Timeout();
        var html = new string('x', 600_000);

        var result = await mailbox.SendAsync(Email("ROC4/9/0/to/0", html), ct);

        var rejected = Assert.IsType<SendResult.Rejected>(result);
        Assert.StartsWith("Message ROC4/9/0/to/0 is too large for the local mailbox: The entity is ", rejected.Reason);
        Assert.EndsWith("(1 MiB).", rejected.Reason);
        Assert.Null(await mailbox.GetAsync("ROC4/9/0/to/0", ct));
    }

    [Fact]
    public async Task Get_UnknownMessage_IsNull()
    {
        var mailbox = await NewMailboxAsync();

        Assert.Null(await mailbox.GetAsync("ROC9/1/0/to/0", AzuriteFixture.Timeout()));
    }

    [Fact]
    public async Task ComposedRequest_LandsInTheMailboxWithTheIssuersLink()
    {
        var mailbox = await NewMailboxAsync();
        var ct = AzuriteFixture.Timeout();
        var issuer = new RecordingLinkIssuer();
        var composed = await new EmailComposer(Samples.Options()).ComposeAsync("ROC4/2/0", EmailTemplates.QuarterlyRequest,
            ["roc4.lead@example.org"], [], Samples.ModelJson(EmailTemplates.QuarterlyRequest), issuer, ct);

        foreach (var message in composed.Messages)
        {
            await mailbox.SendAsync(message, ct);
        }

        var stored = Assert.Single(await mailbox.ListAsync(ct));
        var link = Assert.Single(stored.Links, l => l.Purpose == LinkPurpose.SubmitReport);
        Assert.Equal("https://lsp.rochford.example.gov.uk/l/SubmitReport/ROC4/token1-roc4.lead", link.Url.AbsoluteUri);
        Assert.Contains(link.Url.AbsoluteUri, stored.Text);
        Assert.Equal(composed.Messages[0].Content.Html, stored.Html);
    }
}
