// The app process on a simulated clock, email end to end: the local mailbox (JSON and pages), the quarterly
// digest to the Executive Board once per closed quarter, SendGrid used instead when a key is configured, and
// SendGrid's event webhook turned on by its setting.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Rochford.Lsp.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Rochford.Lsp.Web.Tests;

public sealed class MailboxAndDigestTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string> Simulated = new() { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" };

    private static async Task AdvanceAsync(AppProcess app, string to)
    {
        using var moved = await app.Http.PostAsJsonAsync("dev/clock", new { advanceTo = to });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var tick = await app.Http.PostAsync("dev/tick", null); // runs the timer's work (the digest) at the new time
        Assert.Equal(HttpStatusCode.OK, tick.StatusCode);
    }

    [Fact]
    public async Task ClosedQuarter_DigestGoesToTheExecutiveOnceWithEveryProject()
    {
        await using var app = await AppProcess.StartAsync(azurite.Server, Simulated);

        await AdvanceAsync(app, "2010-04-25T12:00:00Z");
        var beforeClose = await app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json");
        await AdvanceAsync(app, "2010-04-26T10:00:00Z");
        await AdvanceAsync(app, "2010-04-29T10:00:00Z");
        var mail = await app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json");

        Assert.DoesNotContain(beforeClose!, m => m.GetProperty("template").GetString() == "QuarterlyDigest");
        var digests = mail!.Where(m => m.GetProperty("template").GetString() == "QuarterlyDigest").ToList();
        var toExecutive = Assert.Single(digests, m => m.GetProperty("to").EnumerateArray().Any(a => a.GetString() == "lsp.executive@example.org"));
        Assert.Equal(2, digests.Count); // the Executive's message and the officers' copy, once
        var text = toExecutive.GetProperty("text").GetString()!;
        foreach (var code in new[] { "ROC1", "ROC3", "ROC4", "ROC6", "ROC7", "ROC8", "ROC9", "ROC10" })
            Assert.Contains($"Project: {code} ", text);
        Assert.Contains("January to March 2010", toExecutive.GetProperty("subject").GetString());
        Assert.Equal(DateTimeOffset.Parse("2010-04-26T10:00:00Z"), toExecutive.GetProperty("sentAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Digest_GoesToTheExecutiveBoardThePartnershipHasNow_WhenItsTimingsCloseTheQuarter()
    {
        await using var app = await AppProcess.StartAsync(azurite.Server, Simulated);
        // An officer changes the Executive Board's address on the partnership (its own workflow instance) before the quarter closes.
        using var officer = new PageClient(app.BaseAddress);
        var signIn = await officer.GetAsync("dev/sign-in?returnUrl=%2Fpartnership");
        Assert.True(signIn.Document.Forms.Length > 0, $"{signIn.Status}: {signIn.Text}");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(signIn, new Dictionary<string, string> { ["officer"] = "lsp.officer.a@example.org" })).Status);
        var form = await officer.GetAsync("partnership");
        Assert.True(form.Status == HttpStatusCode.OK, $"{form.Status}: {form.Text}");
        var changed = await officer.SubmitAsync(form, new Dictionary<string, string> { ["executiveBoardEmail"] = "new.board@example.org" }, formIndex: 1);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Contains("new.board@example.org", (await officer.GetAsync("partnership")).Text);
        // And gives leads 20 days after a quarter ends instead of 15: the Jan - Mar 2010 quarter then closes on 30 April, not 25.
        var timings = await officer.GetAsync("partnership/timings");
        var fields = PageClient.Fields(StaffAppFixture.FormFor(timings, "/partnership/timings"));
        fields["DueDaysAfterQuarterEnd"] = "20";
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync("partnership/timings", fields)).Status);
        Assert.Equal("20", PageClient.Fields(StaffAppFixture.FormFor(await officer.GetAsync("partnership/timings"), "/partnership/timings"))["DueDaysAfterQuarterEnd"]);

        await AdvanceAsync(app, "2010-04-29T10:00:00Z");
        Assert.DoesNotContain((await app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!, m => m.GetProperty("template").GetString() == "QuarterlyDigest");
        await AdvanceAsync(app, "2010-05-02T10:00:00Z");

        var digests = (await app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!
            .Where(m => m.GetProperty("template").GetString() == "QuarterlyDigest").ToList();
        Assert.Contains(digests, m => m.GetProperty("to").EnumerateArray().Any(a => a.GetString() == "new.board@example.org"));
        Assert.DoesNotContain(digests, m => m.GetProperty("to").EnumerateArray().Any(a => a.GetString() == "lsp.executive@example.org"));
    }

    [Fact]
    public async Task MailboxPages_ListEachMessageAndShowItWithItsLinks()
    {
        await using var app = await AppProcess.StartAsync(azurite.Server, Simulated);
        await AdvanceAsync(app, "2010-03-17T10:00:00Z");
        var request = (await app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!
            .First(m => m.GetProperty("template").GetString() == "QuarterlyRequest");
        var id = request.GetProperty("messageId").GetString()!;
        var link = request.GetProperty("links")[0].GetProperty("url").GetString()!;

        var list = new HtmlParser().ParseDocument(await app.Http.GetStringAsync("dev/mailbox"));
        var page = new HtmlParser().ParseDocument(await app.Http.GetStringAsync($"dev/mailbox/message?id={Uri.EscapeDataString(id)}"));
        using var html = await app.Http.GetAsync($"dev/mailbox/html?id={Uri.EscapeDataString(id)}");
        using var missing = await app.Http.GetAsync("dev/mailbox/message?id=nope");

        Assert.Equal(8, list.QuerySelectorAll("tbody tr").Length);
        Assert.Contains(list.QuerySelectorAll("tbody a"), a => a.TextContent == request.GetProperty("subject").GetString());
        Assert.Equal(request.GetProperty("subject").GetString(), page.QuerySelector("h1")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == link);
        Assert.StartsWith(app.BaseAddress.AbsoluteUri + "report/", link);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("style-src 'unsafe-inline'", html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("script-src", html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task SendGridEvents_WithoutTheWebhookKey_Are404NamingTheSetting_AndThatSettingTurnsThemOn()
    {
        const string setting = "Email:SendGrid:EventWebhook:PublicKey";
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var off = await AppProcess.StartAsync(azurite.Server, Simulated);
        await using var on = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string>(Simulated)
        {
            [setting.Replace(":", "__", StringComparison.Ordinal)] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        });

        using var notConfigured = await off.Http.PostAsync("api/sendgrid/events", new StringContent("[]"));
        using var unsigned = await on.Http.PostAsync("api/sendgrid/events", new StringContent("[]"));

        Assert.Equal(HttpStatusCode.NotFound, notConfigured.StatusCode);
        Assert.Contains($"({setting} is not set)", await notConfigured.Content.ReadAsStringAsync());
        // With the key set under that name the webhook answers, and refuses a post SendGrid did not sign.
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task SendGridKeyConfigured_RequestsGoToSendGridWithTheOutboxIdAndThereIsNoLocalMailbox()
    {
        using var sendGrid = WireMockServer.Start();
        sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        await using var app = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string>(Simulated)
        {
            ["Email__SendGrid__ApiKey"] = "SG.local-test-key",
            ["Email__SendGrid__Host"] = sendGrid.Url!,
        });

        await AdvanceAsync(app, "2010-03-17T10:00:00Z");
        using var mailbox = await app.Http.GetAsync("dev/mailbox.json");

        var bodies = sendGrid.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement).ToList();
        Assert.Equal(8, bodies.Count);
        Assert.All(bodies, b => Assert.Matches("^ROC[0-9]+/[0-9]+/0$", b.GetProperty("custom_args").GetProperty("outbox_id").GetString()));
        Assert.Contains(bodies, b => b.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString() == "roc4.lead@example.org");
        Assert.All(sendGrid.LogEntries, e => Assert.Equal("Bearer SG.local-test-key", e.RequestMessage!.Headers!["Authorization"].Single()));
        Assert.Equal(HttpStatusCode.NotFound, mailbox.StatusCode);
    }

    [Fact]
    public async Task SendGridKeyStillAnUnresolvedKeyVaultReference_TheAppStaysUp_AndHealthSaysWhy()
    {
        // As in Azure before the identity's Key Vault role applies: the platform hands over the reference itself.
        using var sendGrid = WireMockServer.Start();
        await using var app = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string>(Simulated)
        {
            ["Email__SendGrid__ApiKey"] = "@Microsoft.KeyVault(VaultName=kv-lsp;SecretName=SendGridApiKey)",
            ["Email__SendGrid__Host"] = sendGrid.Url!,
        }, untilHealthy: false);

        // The start completes (the workflow runs, the pages answer), and health stays 503 saying why emails wait.
        JsonElement body;
        HttpStatusCode status;
        var until = DateTime.UtcNow.AddSeconds(120);
        do
        {
            using var health = await app.Http.GetAsync("api/health");
            (status, body) = (health.StatusCode, await health.Content.ReadFromJsonAsync<JsonElement>());
            if (body.GetProperty("workflow").GetString() == "running") break;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);
        Assert.Equal("running", body.GetProperty("workflow").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.StartsWith("the SendGrid key is still an unresolved Key Vault reference; check the app's identity has Key Vault Secrets User",
            body.GetProperty("email").GetString());
        using var home = await app.Http.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Empty(sendGrid.LogEntries);
    }
}
