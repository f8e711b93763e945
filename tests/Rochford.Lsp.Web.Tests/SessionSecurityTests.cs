// Forms and sessions bound to the officer (issue 21), over HTTP on the real app (see LeadAppFixture): an antiforgery token
// pair made for someone else (an anonymous visitor) does not pass with an officer's session; a cross-site POST is refused
// (its Origin, or the browser's Sec-Fetch-Site); the development sign-in ends on the server at sign-out, so the old cookie
// signs nobody in. Projects: ROC6 and ROC10, whose reporting is never actually paused here.

using System.Net;
using System.Text.Json;

namespace Rochford.Lsp.Web.Tests;

public sealed class SessionSecurityTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    private const string OfficerA = StaffAppFixture.OfficerA;
    private const string AntiforgeryCookie = "lsp-antiforgery";
    private const string StaffCookie = "lsp-staff";

    private Task<PageClient> SignedInAsync(string officer) => StaffBrowser.SignInAsync(fixture.NewClient(), officer);

    private static Dictionary<string, string> FormOf(PageClient.Page page, string action) => PageClient.Fields(StaffAppFixture.FormFor(page, action));

    private string Cookie(PageClient client, string name) => client.Cookies.GetCookies(fixture.App.BaseAddress)[name]?.Value
        ?? throw new Xunit.Sdk.XunitException($"No {name} cookie.");

    private async Task<string[]> TypesAsync(string project) =>
        [.. (await fixture.App.HistoryAsync(project)).Select(h => h.GetProperty("type").GetString()!)];

    /// <summary>A client that sends exactly the cookies and headers it is given (none of its own).</summary>
    private HttpClient Bare() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

    [Fact]
    public async Task AnAnonymousVisitorsTokenPair_WithAnOfficersSessionCookie_IsRefused()
    {
        // The visitor's pair: the cookie and the field of a form shown to someone not signed in.
        using var visitor = fixture.NewClient();
        var signInForm = FormOf(await visitor.GetAsync("dev/sign-in"), "/dev/sign-in");
        using var a = await SignedInAsync(OfficerA);
        var before = await TypesAsync("ROC6");

        using var bare = Bare();
        using var request = new HttpRequestMessage(HttpMethod.Post, "projects/ROC6/pause")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = signInForm["__RequestVerificationToken"],
                ["submissionId"] = "AAAAAAAAAAAAAAAAAAAAAA",
                ["reason"] = "Paused with someone else's form.",
            }),
        };
        request.Headers.Add("Cookie", $"{AntiforgeryCookie}={Cookie(visitor, AntiforgeryCookie)}; {StaffCookie}={Cookie(a, StaffCookie)}");
        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await TypesAsync("ROC6"));
    }

    [Fact]
    public async Task CrossSitePosts_AreRefused_ByTheirOrigin_OrTheBrowsersFetchSite_AndSameOriginPostsPass()
    {
        using var a = await SignedInAsync(OfficerA);
        var before = await TypesAsync("ROC10");
        var form = FormOf(await a.GetAsync("projects/ROC10/pause"), "/projects/ROC10/pause");
        form["reason"] = "Paused from another site.";

        async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> fields, string header, string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "projects/ROC10/pause") { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add(header, value);
            return await a.Http.SendAsync(request);
        }

        using var evil = await PostAsync(form, "Origin", "https://evil.example.org");
        using var crossSite = await PostAsync(form, "Sec-Fetch-Site", "cross-site");
        using var sameSite = await PostAsync(form, "Sec-Fetch-Site", "same-site");
        Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
        Assert.Contains("sent from another website", await evil.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sameSite.StatusCode);
        Assert.Equal(before, await TypesAsync("ROC10"));

        // From this site (its own origin, same-origin fetch), the form is read: here it lacks a reason, so 422.
        var blank = new Dictionary<string, string>(form) { ["reason"] = "" };
        using var own = await PostAsync(blank, "Origin", fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, own.StatusCode);
        using var sameOrigin = await PostAsync(blank, "Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sameOrigin.StatusCode);
        // Browsers send "null" as the Origin of this site's own form posts (its pages say Referrer-Policy: no-referrer).
        using var nullOrigin = await PostAsync(blank, "Origin", "null");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nullOrigin.StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheDevelopmentSignInOnTheServer_SoTheOldCookieSignsNobodyIn()
    {
        using var a = await SignedInAsync(OfficerA);
        var cookie = Cookie(a, StaffCookie);
        using var bare = Bare();
        async Task<HttpResponseMessage> DashboardWithAsync(string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "dashboard");
            request.Headers.Add("Cookie", $"{StaffCookie}={value}");
            return await bare.SendAsync(request);
        }
        using (var before = await DashboardWithAsync(cookie)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var signOut = FormOf(await a.GetAsync("dashboard"), "/sign-out");
        var signedOut = await a.PostAsync("sign-out", signOut);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);

        using var after = await DashboardWithAsync(cookie);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/dev/sign-in", after.Headers.Location!.OriginalString);
    }
}
