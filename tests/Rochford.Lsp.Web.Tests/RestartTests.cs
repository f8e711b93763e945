// A lead who opened the form before the app restarted (a deploy, a scale-out, a crash) can still submit it:
// the antiforgery keys live in the app's storage, not on the instance.

using System.Net;
using System.Net.Http.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using Rochford.Lsp.Workflow;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Services.Links;

namespace Rochford.Lsp.Web.Tests;

public sealed class RestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task FormOpenedBeforeARestart_CanBeSubmittedAfterIt()
    {
        string prefix, token;
        using var client = new PageClient(new Uri("http://127.0.0.1/"));
        PageClient.Page form;
        // Each process gets its own HOME, as a new instance would: Data Protection's default key folder is not shared.
        await using (var before = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z", ["HOME"] = NewHome() }))
        {
            prefix = before.TablePrefix;
            using (await before.Http.PostAsJsonAsync("dev/clock", new { advanceTo = "2010-03-17T09:00:00Z" })) { }
            var store = new LinkTokenStore(new TableClient(before.ConnectionString, prefix + "links"), new SimulatedClock(DateTimeOffset.Parse("2010-03-17T09:00:00Z")));
            token = await store.CreateAsync(new EmailLink(LinkPurpose.SubmitReport, "ROC6", new FinancialQuarter(2009, 4), new LocalDate(2010, 5, 31)),
                "roc6.lead@example.org", "msg-restart", AzuriteFixture.Timeout());
            form = await client.GetAsync(new Uri(before.BaseAddress, $"report/{token}").ToString());
            Assert.Equal(HttpStatusCode.OK, form.Status);
        }

        await using var after = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-17T10:00:00Z", ["HOME"] = NewHome() }, prefix);
        var fields = PageClient.Fields(form.Document.Forms[0]);
        fields["status"] = "Green";
        fields["statusComments"] = "Written before the restart.";
        fields["progressInLastPeriod"] = "Thirty volunteers placed.";
        fields["futureWork"] = "Open office event in April.";
        // The cookie was issued for the first app's address; carry it to the second (another port, the same site).
        var cookies = client.Cookies.GetCookies(new Uri(form.Response.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Authority)));
        foreach (Cookie cookie in cookies) client.Cookies.Add(new Uri(after.BaseAddress.GetLeftPart(UriPartial.Authority)), new Cookie(cookie.Name, cookie.Value, "/"));

        var submitted = await client.PostAsync(new Uri(after.BaseAddress, $"report/{token}/confirm").ToString(), fields);

        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        var history = await after.Http.GetStringAsync("dev/instances/ROC6/history.json");
        Assert.Contains("ReportSubmitted", history);
        var keys = 0;
        await foreach (var _ in new TableClient(after.ConnectionString, prefix + "dataprotection").QueryAsync<TableEntity>(cancellationToken: AzuriteFixture.Timeout())) keys++;
        Assert.True(keys >= 1, "the key ring should be in the dataprotection table");
    }

    [Fact]
    public async Task StorageFromBeforeThePartnershipHadAnInstance_OpensItsLedgerWhereTheProjectsMoneyStands()
    {
        string prefix;
        await using (var before = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" }))
        {
            prefix = before.TablePrefix;
            // Stopped only once the partnership has recorded all eight awards: storage from an older version has no
            // partnership messages waiting in its queues.
            int Awards(string history) => System.Text.RegularExpressions.Regex.Count(history, "\"FundingRecorded\"");
            var recorded = await before.Http.GetStringAsync("dev/instances/partnership/history.json");
            for (var i = 0; i < 300 && Awards(recorded) < 8; i++)
            {
                await Task.Delay(100);
                recorded = await before.Http.GetStringAsync("dev/instances/partnership/history.json");
            }
            Assert.Equal(8, Awards(recorded));
        }
        // Take the partnership's instance and its summary row away, as storage written by the version before it existed.
        var hub = new Rochford.Lsp.Web.Workflow.WorkflowOptions().TaskHubFor(prefix);
        foreach (var table in new[] { hub + "Instances", hub + "History", prefix + "history" })
        {
            var client = new TableClient(azurite.Server.ConnectionString, table);
            await foreach (var entity in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"partnership"}"), cancellationToken: AzuriteFixture.Timeout()))
                await client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, AzuriteFixture.Timeout());
        }
        var summaries = new TableClient(azurite.Server.ConnectionString, prefix + "projects");
        await summaries.DeleteEntityAsync(WorkflowTables.PartnershipPartition, "partnership", ETag.All, AzuriteFixture.Timeout());

        await using var after = await AppProcess.StartAsync(azurite.Server, new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-17T10:00:00Z" }, prefix);

        // Started again, its ledger opens with the eight projects' awards already in their accounts: nothing unallocated.
        var row = (await summaries.GetEntityAsync<TableEntity>(WorkflowTables.PartnershipPartition, "partnership", cancellationToken: AzuriteFixture.Timeout())).Value;
        var stream = System.Text.Json.JsonDocument.Parse(row.GetString("StreamsJson")!).RootElement.EnumerateArray().Single();
        Assert.Equal((10_200_000L, 10_200_000L, 0L), (stream.GetProperty("total").GetInt64(), stream.GetProperty("awarded").GetInt64(), stream.GetProperty("unallocated").GetInt64()));
        var history = await after.Http.GetStringAsync("dev/instances/partnership/history.json");
        Assert.Contains("PartnershipStarted", history);
        Assert.DoesNotContain("FundingRecorded", history);
    }

    private static string NewHome() => Directory.CreateTempSubdirectory("lsp-home-").FullName;
}
