// Unknown, expired, tampered, wrong-purpose and closed links: each gets a plain page with the right status
// code that says whom to contact and reveals nothing about any project.

using System.Net;
using NodaTime;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Web.Tests;

public sealed class LinkProblemPageTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    private static void AssertRevealsNoProject(PageClient.Page page)
    {
        foreach (var code in new[] { "ROC1", "ROC3", "ROC4", "ROC6", "ROC7", "ROC8", "ROC9", "ROC10", "Careline", "SEE PCT" })
            Assert.DoesNotContain(code, page.Html);
        Assert.Contains("lsp.officer.a@example.org", page.Text);
        Assert.Equal("no-store", page.Response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("report/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("report/short")]
    [InlineData("report/has%20spaces%20and%3Cscript%3E")]
    [InlineData("interim/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task UnknownLink_Is404WithAPlainPage(string path)
    {
        using var client = fixture.NewClient();

        var page = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("This link is not recognised", page.H1);
        AssertRevealsNoProject(page);
    }

    [Fact]
    public async Task TamperedLink_OneCharacterChanged_Is404()
    {
        var token = await fixture.MintAsync("ROC4");
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];
        using var client = fixture.NewClient();

        var page = await client.GetAsync($"report/{tampered}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        AssertRevealsNoProject(page);
    }

    [Fact]
    public async Task LinkForAnotherPurpose_IsUnknownHere()
    {
        var interim = await fixture.MintAsync("ROC4", LinkPurpose.InterimUpdate);
        using var client = fixture.NewClient();

        var page = await client.GetAsync($"report/{interim}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        AssertRevealsNoProject(page);
    }

    [Fact]
    public async Task ExpiredLink_Is410_JudgedOnTheAppsSimulatedClock()
    {
        // The app's clock is at 17 March 2010 09:00 UTC; a link valid to the end of 16 March has expired.
        var expired = await fixture.MintAsync("ROC4", expiresOn: new LocalDate(2010, 3, 16));
        var live = await fixture.MintAsync("ROC4", expiresOn: new LocalDate(2010, 3, 17));
        using var client = fixture.NewClient();

        var page = await client.GetAsync($"report/{expired}");
        var ok = await client.GetAsync($"report/{live}");

        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("This link has expired", page.H1);
        Assert.Contains("16 Mar 2010", page.Text);
        AssertRevealsNoProject(page);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
    }

    [Fact]
    public async Task ExpiredLink_PostingItsFormIsRefusedToo_AndStoresNothing()
    {
        var expired = await fixture.MintAsync("ROC3", expiresOn: new LocalDate(2010, 3, 16));
        var live = await fixture.MintAsync("ROC3");
        using var client = fixture.NewClient();
        var form = await client.GetAsync($"report/{live}");
        var fields = PageClient.Fields(form.Document.Forms[0]);
        fields["status"] = "Green";
        fields["statusComments"] = fields["progressInLastPeriod"] = fields["futureWork"] = "x";

        var page = await client.PostAsync($"report/{expired}/confirm", fields);

        Assert.Equal(HttpStatusCode.Gone, page.Status);
        var history = await fixture.App.Http.GetStringAsync("dev/instances/ROC3/history.json");
        Assert.DoesNotContain("ReportSubmitted", history);
    }

    [Fact]
    public async Task UnknownAddress_Is404WithTheServicesPage()
    {
        using var client = fixture.NewClient();

        var page = await client.GetAsync("no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.H1);
    }

    [Fact]
    public async Task HomePage_ExplainsTheLinks()
    {
        using var client = fixture.NewClient();

        var page = await client.GetAsync("");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("personal link", page.Text);
        Assert.Equal("DENY", page.Response.Headers.GetValues("X-Frame-Options").Single());
    }
}

public sealed class FaultPageTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    [Fact]
    public async Task UnexpectedFault_Is500WithAPlainPage_AndNoDetails()
    {
        // A damaged link row (our data, not the visitor's fault): the global handler answers with the plain page.
        var token = Rochford.Lsp.Services.Links.LinkToken.Create();
        var hash = Rochford.Lsp.Services.Links.LinkToken.Hash(token);
        var table = new Azure.Data.Tables.TableClient(fixture.App.ConnectionString, fixture.App.TablePrefix + "links");
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(hash[..2], hash) { ["Purpose"] = "NoSuchPurpose" });
        using var client = fixture.NewClient();

        var page = await client.GetAsync($"report/{token}");

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal("Sorry, there is a problem with the service", page.H1);
        Assert.DoesNotContain("InvalidOperationException", page.Html);
        Assert.DoesNotContain("malformed", page.Html);
        Assert.DoesNotContain(" at Rochford", page.Html);
        Assert.Equal("no-referrer", page.Response.Headers.GetValues("Referrer-Policy").Single());
    }
}
