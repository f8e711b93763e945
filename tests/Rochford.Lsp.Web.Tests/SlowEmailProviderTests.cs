// A lead submitting a report does not wait for the email provider: the page answers once the report is recorded,
// and the receipt goes from the background delivery loop. Here SendGrid takes 25 s to accept the receipt.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using NodaTime;
using Rochford.Lsp.Workflow;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Services.Links;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Rochford.Lsp.Web.Tests;

public sealed class SlowEmailProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SubmittingAReport_WhileSendGridIsSlowToAcceptTheReceipt_AnswersWithoutWaitingForIt()
    {
        using var sendGrid = WireMockServer.Start();
        sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).AtPriority(10).RespondWith(Response.Create().WithStatusCode(202));
        sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost().WithBody(new WildcardMatcher("*SubmissionReceipt*")))
            .AtPriority(1).RespondWith(Response.Create().WithStatusCode(202).WithDelay(TimeSpan.FromSeconds(25)));
        await using var app = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string>
        {
            ["Clock__SimulatedStart"] = LeadAppFixture.Start.ToString("O"),
            ["Email__SendGrid__ApiKey"] = "SG.local-test-key",
            ["Email__SendGrid__Host"] = sendGrid.Url!,
        });
        using (var moved = await app.Http.PostAsJsonAsync("dev/clock", new { advanceTo = LeadAppFixture.RequestsSent }))
            moved.EnsureSuccessStatusCode();
        var links = new LinkTokenStore(new TableClient(app.ConnectionString, app.TablePrefix + "links"), new SimulatedClock(LeadAppFixture.RequestsSent));
        var token = await links.CreateAsync(new EmailLink(LinkPurpose.SubmitReport, "ROC6", LeadAppFixture.Q4, new LocalDate(2010, 5, 31)),
            "roc6.lead@example.org", "test-slow-provider", CancellationToken.None);
        using var lead = new PageClient(app.BaseAddress);
        lead.Http.Timeout = TimeSpan.FromSeconds(12);   // well under SendGrid's 25 s: a page that waited for it fails here
        var check = await lead.SubmitAsync(await lead.GetAsync($"report/{token}"), new Dictionary<string, string>
        {
            ["status"] = "Green",
            ["statusComments"] = "On track.",
            ["progressInLastPeriod"] = "Two installs.",
            ["futureWork"] = "More installs.",
        });

        var submitted = await lead.SubmitAsync(check);

        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        Assert.Equal($"/report/{token}/submitted", submitted.Location);
        var history = await app.Http.GetFromJsonAsync<JsonElement[]>("dev/instances/ROC6/history.json");
        Assert.Contains(history!, e => e.GetProperty("type").GetString() == "ReportSubmitted");
    }
}
