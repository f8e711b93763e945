// Cookies fit for HTTPS (issue 21): over HTTPS the development sign-in's cookie takes the __Host- prefix (Secure, path /,
// no domain: no other site or subdomain can set or read it), while plain-HTTP localhost keeps working with the plain name;
// in Azure, always HTTPS, the antiforgery cookie takes the prefix too.

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Rochford.Lsp.Pages;
using Rochford.Lsp.Pages.Staff;

namespace Rochford.Lsp.Web.Tests;

public sealed class StaffCookieTests
{
    private static StaffSignIn SignIn() => new(new EphemeralDataProtectionProvider(), platformAuthentication: false);

    private static string SetCookie(bool https)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = https ? "https" : "http";
        SignIn().SignInForDevelopment(http, "lsp.officer.a@example.org");
        return http.Response.Headers.SetCookie.ToString();
    }

    [Fact]
    public void OverHttps_TheSignInCookie_HasTheHostPrefix_AndIsSecure_OnTheWholeSite()
    {
        var cookie = SetCookie(https: true);

        Assert.StartsWith("__Host-lsp-staff=", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OverPlainHttp_TheSignInCookie_KeepsItsPlainName_SoLocalhostWorks()
    {
        var cookie = SetCookie(https: false);

        Assert.StartsWith("lsp-staff=", cookie);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OverHttps_TheSignInIsReadFromTheHostPrefixedCookie_Only()
    {
        var response = new DefaultHttpContext();
        response.Request.Scheme = "https";
        var signIn = SignIn();
        signIn.SignInForDevelopment(response, "lsp.officer.a@example.org");
        var setCookie = response.Response.Headers.SetCookie.ToString();
        var value = setCookie[(setCookie.IndexOf('=', StringComparison.Ordinal) + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];

        var https = new DefaultHttpContext();
        https.Request.Scheme = "https";
        https.Request.Headers.Cookie = $"__Host-lsp-staff={value}";
        var plain = new DefaultHttpContext();
        plain.Request.Scheme = "https";
        plain.Request.Headers.Cookie = $"lsp-staff={value}";

        Assert.Equal("lsp.officer.a@example.org", signIn.Current(https)?.Email);
        // Over HTTPS a cookie without the prefix may have been set by a neighbouring site over HTTP: it is not read.
        Assert.Null(signIn.Current(plain));
    }

    [Fact]
    public void InAzure_TheAntiforgeryCookie_HasTheHostPrefix_AndIsAlwaysSecure()
    {
        var azure = PagesRegistration.AntiforgeryCookie(azure: true);
        var local = PagesRegistration.AntiforgeryCookie(azure: false);

        Assert.Equal(("__Host-lsp-antiforgery", CookieSecurePolicy.Always, "/"), (azure.Name, azure.SecurePolicy, azure.Path));
        Assert.Equal(("lsp-antiforgery", CookieSecurePolicy.SameAsRequest), (local.Name, local.SecurePolicy));
    }
}
