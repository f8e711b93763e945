// Who a member of staff is, without a server: App Service's principal header is read only behind the platform's
// authentication, the development cookie only where there is no such authentication, and return addresses stay on the site.

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Rochford.Lsp.Pages.Staff;

namespace Rochford.Lsp.Web.Tests;

public sealed class StaffSignInTests
{
    private static string Principal(params (string Type, string Value)[] claims) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        System.Text.Json.JsonSerializer.Serialize(new { auth_typ = "aad", claims = claims.Select(c => new { typ = c.Type, val = c.Value }) })));

    private static HttpContext Request(string? principal = null, string? cookie = null)
    {
        var http = new DefaultHttpContext();
        if (principal is not null) http.Request.Headers[StaffSignIn.PrincipalHeader] = principal;
        if (cookie is not null) http.Request.Headers.Cookie = $"{StaffSignIn.CookieName}={cookie}";
        return http;
    }

    private static StaffSignIn SignIn(bool platform) => new(new EphemeralDataProtectionProvider(), platform);

    [Fact]
    public void BehindAppServiceAuthentication_ThePrincipalsAddressAndNameAreRead()
    {
        var user = SignIn(platform: true).Current(Request(Principal(("name", "Officer A"), ("preferred_username", "officer.a@rochford.gov.uk"))));

        Assert.Equal(new StaffUser("officer.a@rochford.gov.uk", "Officer A"), user);
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("eyJub3QiOiJjbGFpbXMifQ==")] // {"not":"claims"}
    [InlineData("")]
    public void BehindAppServiceAuthentication_ABrokenOrEmptyPrincipal_IsNobody(string header)
    {
        Assert.Null(SignIn(platform: true).Current(Request(header)));
    }

    [Fact]
    public void BehindAppServiceAuthentication_APrincipalWithoutAnAddress_IsNobody()
    {
        Assert.Null(SignIn(platform: true).Current(Request(Principal(("name", "No Address"), ("preferred_username", "not-an-address")))));
    }

    [Fact]
    public void WithoutThePlatformsAuthentication_AForgedPrincipalIsIgnored()
    {
        Assert.Null(SignIn(platform: false).Current(Request(Principal(("preferred_username", "officer.a@rochford.gov.uk")))));
    }

    [Fact]
    public void TheDevelopmentCookie_RoundTrips_AndATamperedOneIsNobody()
    {
        var signIn = SignIn(platform: false);
        var response = new DefaultHttpContext();
        signIn.SignInForDevelopment(response, "lsp.officer.a@example.org");
        var setCookie = response.Response.Headers.SetCookie.ToString();
        var value = setCookie[(StaffSignIn.CookieName.Length + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];

        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("lsp.officer.a@example.org", signIn.Current(Request(cookie: value))!.Email);
        Assert.Null(signIn.Current(Request(cookie: value[..^4] + "AAAA")));
        // Behind the platform's authentication the cookie means nothing: only the platform signs people in there.
        Assert.Null(SignIn(platform: true).Current(Request(cookie: value)));
    }

    [Theory]
    [InlineData("/dashboard", true)]
    [InlineData("/projects/ROC4?done=deadline", true)]
    [InlineData("//evil.example.org/", false)]
    [InlineData("/\\evil.example.org", false)]
    [InlineData("https://evil.example.org/", false)]
    [InlineData("dashboard", false)]
    [InlineData("/\t/evil.example.org", false)]
    [InlineData("/dash\nboard", false)]
    [InlineData("", false)]
    public void OnlyAddressesOfThisSite_AreReturnedToAfterSigningIn(string path, bool local)
    {
        Assert.Equal(local, StaffSignIn.IsLocalPath(path));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("203.0.113.7", false)]
    public void TheDevelopmentSignIn_AnswersOnlyThisMachine(string remote, bool local)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);

        Assert.Equal(local, StaffSignIn.IsFromThisMachine(http));
        Assert.False(StaffSignIn.IsFromThisMachine(new DefaultHttpContext()));
    }

    [Fact]
    public void SignInUrl_IsTheDevelopmentPageLocally_AndAppServicesLoginBehindItsAuthentication()
    {
        Assert.Equal("/dev/sign-in?returnUrl=%2Fprojects%2FROC4", SignIn(platform: false).SignInUrl("/projects/ROC4"));
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fprojects%2FROC4", SignIn(platform: true).SignInUrl("/projects/ROC4"));
    }

    [Fact]
    public void TheOfficersSetting_ListsNamedAndBareAddresses_AndSkipsWhatIsNotAnAddress()
    {
        var officers = StaffDirectory.Configured("Officer A <a@rochford.gov.uk>; b@rochford.gov.uk; not an address; ").ToList();

        Assert.Equal([new("Officer A", "a@rochford.gov.uk"), new("b@rochford.gov.uk", "b@rochford.gov.uk")], officers);
    }
}
