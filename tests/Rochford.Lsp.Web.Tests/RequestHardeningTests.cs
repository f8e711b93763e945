// Issue 12: what a probe of hostile posts found. Unsupported charsets, oversize bodies without a length, control and
// invisible characters, status pages opened directly, over-long addresses and headers: each gets the right 4xx with a
// page that says what was wrong and the security headers, and no fault is logged.

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Pages.Security;

namespace Rochford.Lsp.Web.Tests;

public sealed class RequestHardeningTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    private async Task<int> InputEventsAsync(string project) =>
        (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>($"dev/instances/{project}/history.json"))!
        .Count(e => e.GetProperty("type").GetString() is "ReportSubmitted" or "ReportAmended" or "InterimUpdateReceived");

    private static string Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>What the app logged from <paramref name="from"/> on, once the console has caught up.</summary>
    private async Task<string> LogSinceAsync(int from)
    {
        await Task.Delay(500);
        return fixture.App.Log[from..];
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("klingon")]
    [InlineData("utf-32")]
    public async Task UnsupportedCharset_OnEveryFormRoute_Is415WithAPage_AndNoFaultLogged(string charset)
    {
        var report = await fixture.MintAsync("ROC1");
        var interim = await fixture.MintAsync("ROC1", LinkPurpose.InterimUpdate);
        using var client = fixture.NewClient();
        var body = Encode(PageClient.GreenAnswers(await client.GetAsync($"report/{report}")));
        var logged = fixture.App.Log.Length;

        foreach (var path in new[] { $"report/{report}/check", $"report/{report}/confirm", $"report/{report}/change", $"interim/{interim}/send" })
        {
            using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/x-www-form-urlencoded; charset={charset}");
            var page = await PageClient.Page.ReadAsync(await client.Http.PostAsync(path, content));

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, page.Status);
            Assert.Equal("Your form could not be accepted", page.H1);
            Assert.Contains("UTF-8", page.Text);
            Assert.Contains("frame-ancestors 'none'", page.Response.Headers.GetValues("Content-Security-Policy").Single());
        }

        var log = await LogSinceAsync(logged);
        Assert.DoesNotContain("fail:", log);
        Assert.DoesNotContain("   at ", log);
        Assert.Equal(0, await InputEventsAsync("ROC1"));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("\"utf-8\"")]
    public async Task Utf8Charset_IsAccepted(string charset)
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Encode(PageClient.GreenAnswers(await client.GetAsync($"report/{token}"), "Café"))));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/x-www-form-urlencoded; charset={charset}");

        var page = await PageClient.Page.ReadAsync(await client.Http.PostAsync($"report/{token}/check", content));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Café", page.Document.QuerySelector(".govuk-summary-list")!.TextContent);
    }

    [Fact]
    public async Task OversizeBodyWithoutALength_Is413WithTheTooLargePage()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var body = Encode(PageClient.GreenAnswers(await client.GetAsync($"report/{token}"))) + "&futureWork=" + new string('b', 512 * 1024);
        using var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(body)));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"report/{token}/confirm") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var page = await PageClient.Page.ReadAsync(await client.Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Equal("What you sent is too large", page.H1);
        Assert.Equal(0, await InputEventsAsync("ROC1"));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x85)]
    public async Task ControlCharacterInAField_Is400SayingTheFormHadCharactersThatCannotBeAccepted(int control)
    {
        var character = (char)control;
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var form = await client.GetAsync($"report/{token}");

        foreach (var step in new[] { "check", "confirm" })
        {
            var page = await client.PostAsync($"report/{token}/{step}", PageClient.GreenAnswers(form, $"Fine{character}."));

            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Equal("Your form could not be accepted", page.H1);
            Assert.Contains("characters that cannot be accepted", page.Text);
            Assert.DoesNotContain("open for too long", page.Text);
        }
        Assert.Equal(0, await InputEventsAsync("ROC1"));
    }

    [Fact]
    public async Task TabsAndNewLines_AreOrdinaryText()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();

        var page = await client.PostAsync($"report/{token}/check", PageClient.GreenAnswers(await client.GetAsync($"report/{token}"), "First line.\r\n\tIndented line."));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("First line.\n\tIndented line.", PageClient.Fields(page.Document.Forms[0])["statusComments"]);
    }

    [Theory]
    [InlineData("\u200b")]
    [InlineData("\u202e\u200b\u202c")]
    [InlineData(" \u2060\ufeff\u200d \u3164 ")]
    [InlineData("\u2066\u2069\u00ad")]
    public async Task CommentsOfInvisibleCharactersOnly_AreRefusedAsEmpty_OnTheReportForm(string invisible)
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var fields = PageClient.GreenAnswers(await client.GetAsync($"report/{token}"), invisible);
        fields["futureWork"] = invisible;

        var page = await client.PostAsync($"report/{token}/confirm", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("Enter comments on progress", page.Document.QuerySelector("#statusComments-error")!.TextContent.Replace("Error:", "").Trim());
        Assert.Equal("Enter the future work", page.Document.QuerySelector("#futureWork-error")!.TextContent.Replace("Error:", "").Trim());
        Assert.Equal(0, await InputEventsAsync("ROC1"));
    }

    [Fact]
    public async Task CommentsOfInvisibleCharactersOnly_AreRefusedAsEmpty_OnTheInterimForm()
    {
        // ROC6 reports Red, so its lead may send interim updates.
        using var client = fixture.NewClient();
        var report = await fixture.MintAsync("ROC6");
        var red = PageClient.GreenAnswers(await client.GetAsync($"report/{report}"), "No co-ordinators recruited.");
        red["status"] = "Red";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"report/{report}/confirm", red)).Status);
        var interim = await fixture.MintAsync("ROC6", LinkPurpose.InterimUpdate);
        var form = await client.GetAsync($"interim/{interim}");
        Assert.Equal(HttpStatusCode.OK, form.Status);

        var page = await client.SubmitAsync(form, new Dictionary<string, string> { ["status"] = "Amber", ["comments"] = "\u200b\u202e \u200b" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("Enter comments on the project's progress", page.Document.QuerySelector("#comments-error")!.TextContent.Replace("Error:", "").Trim());
        Assert.DoesNotContain(await fixture.App.Http.GetFromJsonAsync<JsonElement[]>("dev/instances/ROC6/history.json") ?? [],
            e => e.GetProperty("type").GetString() == "InterimUpdateReceived");
    }

    [Fact]
    public async Task AnswersAreNormalised_FormatCharactersRemoved_AccentsComposed_GreekKeptWhole()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var greek = string.Concat(Enumerable.Repeat("αβγδεζηθικλμνξοπρσςτυφχψωΆΈΉΊΌΎΏ", 125));
        var fields = PageClient.GreenAnswers(await client.GetAsync($"report/{token}"), "Cafe\u0301 \u202eopened\u202c\u200b.");
        fields["progressInLastPeriod"] = greek;
        fields["futureWork"] = greek;

        var page = await client.PostAsync($"report/{token}/check", fields);

        Assert.Equal(4000, greek.Length);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var carried = PageClient.Fields(page.Document.Forms[0]);
        Assert.Equal("Café opened.", carried["statusComments"]);
        Assert.Equal(greek, carried["progressInLastPeriod"]);
        Assert.Equal(greek, carried["futureWork"]);
    }

    [Theory]
    [InlineData("status/500")]
    [InlineData("status/400")]
    [InlineData("status/503")]
    [InlineData("status/404")]
    public async Task StatusPageOpenedDirectly_IsNotFound_NotTheFaultItNames(string path)
    {
        using var client = fixture.NewClient();

        var page = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.H1);
    }

    [Fact]
    public async Task OverlongAddress_Is414FromTheApp_WithThePageAndTheSecurityHeaders()
    {
        using var client = fixture.NewClient();

        var page = await client.GetAsync("report/" + new string('x', 12 * 1024));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, page.Status);
        Assert.Equal("The web address is too long", page.H1);
        Assert.Contains("frame-ancestors 'none'", page.Response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", page.Response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task OversizeHeaders_Are431FromTheApp_WithThePageAndTheSecurityHeaders()
    {
        using var client = fixture.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.Add("X-Padding", new string('p', 40 * 1024));

        var page = await PageClient.Page.ReadAsync(await client.Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, page.Status);
        Assert.Equal("The request is too large", page.H1);
        Assert.Contains("frame-ancestors 'none'", page.Response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Readme_SaysAClosedQuarterIsRefusedWith410_AsThePagesAnswer()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(AzuriteServer.RepositoryRoot(), "README.md"));
        var sentence = readme.Split(". ").Single(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"closed quarter\b"));

        Assert.Contains("410", sentence);
        Assert.Equal(StatusCodes.Status410Gone, Rochford.Lsp.Pages.Lead.LinkProblem.Closed("t", "r").StatusCode);
    }
}

public sealed class FormTextTests
{
    [Theory]
    [InlineData(0x00)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x9B)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void HasUnacceptableCharacters_ControlsAndBrokenSurrogates_AreRefused(int codeUnit)
    {
        Assert.True(FormText.HasUnacceptableCharacters($"a{(char)codeUnit}b"));
        Assert.True(FormText.HasUnacceptableCharacters(((char)codeUnit).ToString()));
    }

    [Theory]
    [InlineData("Plain text.\r\n\tMore.")]
    [InlineData("Ελληνικά, العربية, 日本語, 😀, ‍👩‍👩‍👧")]
    [InlineData("\u200b\u202e")]
    public void HasUnacceptableCharacters_TextPeopleType_IsAccepted(string value) => Assert.False(FormText.HasUnacceptableCharacters(value));

    // NFC is checked through the app (AnswersAreNormalised_...): this test assembly runs in invariant mode, without ICU.
    [Theory]
    [InlineData("  a\r\nb\rc\u2028d  ", "a\nb\nc\nd")]
    [InlineData("\u202eevil\u202c\u200b\ufeff", "evil")]
    [InlineData("tag\U000E0041", "tag")]
    [InlineData("می\u200cخواهم", "می\u200cخواهم")]
    public void Normalise_GivesTheTextAsMeant(string value, string expected) => Assert.Equal(expected, FormText.Normalise(value));

    [Theory]
    [InlineData("", true)]
    [InlineData("\u200d\u3164\u2800", true)]
    [InlineData("\u00a0\u3000", true)]
    [InlineData("α", false)]
    [InlineData("😀", false)]
    public void IsBlank_OnlyInvisibleCharacters(string value, bool blank) => Assert.Equal(blank, FormText.IsBlank(FormText.Normalise(value)));
}
