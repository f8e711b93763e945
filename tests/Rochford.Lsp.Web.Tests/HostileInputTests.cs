// What an attacker or a broken client might send to the lead's pages: scripts, megabyte fields, wrong
// methods, missing or forged antiforgery tokens, replays. Each gets a 4xx with a clear page (never a 5xx),
// and nothing is stored.

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Rochford.Lsp.Web.Tests;

public sealed class HostileInputTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    private async Task<int> ReportEventsAsync(string project) =>
        (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>($"dev/instances/{project}/history.json"))!
        .Count(e => e.GetProperty("type").GetString() is "ReportSubmitted" or "ReportAmended");

    [Fact]
    public async Task ScriptInAnswers_IsShownAsText_NeverAsMarkup()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        const string attack = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'";

        var check = await client.PostAsync($"report/{token}/check", PageClient.GreenAnswers(await client.GetAsync($"report/{token}"), attack));

        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.DoesNotContain("<script>alert", check.Html);
        Assert.DoesNotContain("<img src=x", check.Html);
        Assert.Empty(check.Document.QuerySelectorAll("script:not([src])"));
        Assert.Empty(check.Document.QuerySelectorAll("img"));
        Assert.Contains(attack, check.Document.QuerySelector(".govuk-summary-list")!.TextContent);
        // The hidden field carries it back exactly, encoded.
        Assert.Equal(attack, PageClient.Fields(check.Document.Forms[0])["statusComments"]);
    }

    [Fact]
    public async Task OneMegabyteField_Is413WithAPage_AndNothingStored()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var fields = PageClient.GreenAnswers(await client.GetAsync($"report/{token}"), new string('a', 1024 * 1024));

        var page = await client.PostAsync($"report/{token}/confirm", fields);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Equal("What you sent is too large", page.H1);
        Assert.Equal(0, await ReportEventsAsync("ROC1"));
    }

    [Fact]
    public async Task OversizeBodyWithoutALength_IsRefusedAs4xx()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var fields = PageClient.GreenAnswers(await client.GetAsync($"report/{token}"));
        var body = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")) + "&futureWork=" + new string('b', 512 * 1024);
        using var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(body)));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"report/{token}/confirm") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.Http.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(0, await ReportEventsAsync("ROC1"));
    }

    [Fact]
    public async Task TooLongAnswer_WithinTheBodyLimit_GetsAFieldMessage()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();

        var page = await client.PostAsync($"report/{token}/confirm", PageClient.GreenAnswers(await client.GetAsync($"report/{token}"), new string('a', 4001)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("4,000 characters or fewer (you entered 4,001)", page.Document.QuerySelector("#statusComments-error")!.TextContent);
        Assert.Equal(0, await ReportEventsAsync("ROC1"));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task WrongMethod_Is405WithAPage(string method)
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();

        using var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"report/{token}/confirm") { Content = new StringContent("status=Green") });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("That cannot be done on this page", html);
        Assert.Equal(0, await ReportEventsAsync("ROC1"));
    }

    [Fact]
    public async Task MissingAntiforgeryToken_Is400WithAPage_AndNothingStored()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var fields = PageClient.GreenAnswers(await client.GetAsync($"report/{token}"));
        fields.Remove("__RequestVerificationToken");

        var page = await client.PostAsync($"report/{token}/confirm", fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Your form could not be accepted", page.H1);
        Assert.Equal(0, await ReportEventsAsync("ROC1"));
    }

    [Fact]
    public async Task ForgedAntiforgeryToken_OrAnotherBrowsersToken_Is400()
    {
        var token = await fixture.MintAsync("ROC1");
        using var victim = fixture.NewClient();
        using var attacker = fixture.NewClient();
        var attackersForm = await attacker.GetAsync($"report/{token}");
        await victim.GetAsync($"report/{token}");

        var forged = PageClient.GreenAnswers(attackersForm);
        forged["__RequestVerificationToken"] = "CfDJ8" + new string('x', 100);
        var forgedPage = await victim.PostAsync($"report/{token}/confirm", forged);
        // A real token, but issued to another browser (cookie): what a cross-site request would carry.
        var crossSite = await victim.PostAsync($"report/{token}/confirm", PageClient.GreenAnswers(attackersForm));

        Assert.Equal(HttpStatusCode.BadRequest, forgedPage.Status);
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.Status);
        Assert.Equal(0, await ReportEventsAsync("ROC1"));
    }

    [Fact]
    public async Task MalformedRequests_Are4xx_Never5xx()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        await client.GetAsync($"report/{token}");
        var bodies = new (string ContentType, string Body)[]
        {
            ("application/json", "{\"status\":\"Green\"}"),
            ("application/x-www-form-urlencoded", "%%%&&&==="),
            ("multipart/form-data; boundary=zzz", "--zzz\r\nbroken"),
            ("text/plain", "\u0000\u0001binary"),
        };

        foreach (var (type, body) in bodies)
        {
            using var content = new StringContent(body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            using var response = await client.Http.PostAsync($"report/{token}/confirm", content);
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
        // A script's request: the antiforgery token in a header with a JSON body. Only the form field counts here.
        var form = await client.GetAsync($"report/{token}");
        using (var json = new HttpRequestMessage(HttpMethod.Post, $"report/{token}/confirm"))
        {
            json.Headers.Add("RequestVerificationToken", PageClient.Fields(form.Document.Forms[0])["__RequestVerificationToken"]);
            json.Content = new StringContent("{\"status\":\"Green\"}", System.Text.Encoding.UTF8, "application/json");
            using var response = await client.Http.SendAsync(json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        // Digits of other scripts in the amount: a field message, not a fault.
        var arabic = PageClient.GreenAnswers(form);
        arabic["expenditure"] = "1.\u0665";
        var check = await client.PostAsync($"report/{token}/check", arabic);
        Assert.Equal((HttpStatusCode)422, check.Status);
        Assert.Contains("expenditure", check.Document.QuerySelector(".govuk-error-summary")!.InnerHtml);
        using var longPath = await client.Http.GetAsync("report/" + new string('x', 4000));
        Assert.Equal(HttpStatusCode.NotFound, longPath.StatusCode);
        using var gone = await client.Http.GetAsync($"report/{token}/confirm");
        Assert.InRange((int)gone.StatusCode, 200, 499);
        Assert.Equal(0, await ReportEventsAsync("ROC1"));
    }

    [Fact]
    public async Task ReplayedSubmission_IsOneInput_AndAChangedReplayIsAnAmendment()
    {
        var token = await fixture.MintAsync("ROC10");
        using var client = fixture.NewClient();
        var check = await client.PostAsync($"report/{token}/check", PageClient.GreenAnswers(await client.GetAsync($"report/{token}")));
        var first = await client.SubmitAsync(check);
        Assert.Equal(HttpStatusCode.Redirect, first.Status);

        // The same check page replayed with a different answer and a new submission id is an amendment; before the due date it is fine.
        var changed = PageClient.Fields(check.Document.Forms[0]);
        changed["statusComments"] = "Amended.";
        changed["submissionId"] = "AAAAAAAAAAAAAAAAAAAAAA";
        var amended = await client.PostAsync($"report/{token}/confirm", changed);
        Assert.Equal(HttpStatusCode.Redirect, amended.Status);
        // Replaying that exact request is the same input: nothing new.
        var replay = await client.PostAsync($"report/{token}/confirm", changed);
        Assert.Equal(HttpStatusCode.Redirect, replay.Status);
        Assert.Equal(2, await ReportEventsAsync("ROC10"));
    }

    [Fact]
    public async Task SameFormSentAgainWithChangedAnswers_IsAnAmendment_NotDroppedAsAReplay()
    {
        var token = await fixture.MintAsync("ROC9");
        using var client = fixture.NewClient();
        var check = await client.PostAsync($"report/{token}/check", PageClient.GreenAnswers(await client.GetAsync($"report/{token}")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(check)).Status);

        // Back to the check page, "change your answers", edit, submit: the form still carries the first submission id.
        var changed = PageClient.Fields(check.Document.Forms[0]);
        changed["statusComments"] = "Changed after pressing Back.";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"report/{token}/confirm", changed)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"report/{token}/confirm", changed)).Status);

        Assert.Equal(2, await ReportEventsAsync("ROC9"));
        var form = await client.GetAsync($"report/{token}");
        Assert.Equal("Changed after pressing Back.", form.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#statusComments")!.Value);
    }

    [Fact]
    public async Task GetNeverChangesState_OpeningEveryPageChangesNoHistory()
    {
        var token = await fixture.MintAsync("ROC3");
        var before = await fixture.App.Http.GetStringAsync("dev/instances/ROC3/history.json");
        using var client = fixture.NewClient();

        foreach (var path in new[] { $"report/{token}", $"report/{token}/check", $"report/{token}/confirm", $"report/{token}/submitted" })
        {
            using var response = await client.Http.GetAsync(path);
            Assert.InRange((int)response.StatusCode, 200, 499);
        }

        Assert.Equal(before, await fixture.App.Http.GetStringAsync("dev/instances/ROC3/history.json"));
    }
}
