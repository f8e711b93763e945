// The project page's reports and emails, and the page of a quarter's report versions, over HTTP against the real app on
// the simulated clock (just after the 2009-10 Q4 requests, so the leads can still amend): a lead submits and amends twice
// through the lead's pages; the officer sees three versions, the receipts with their status and SendGrid's events, each
// version's text, and a comparison that marks exactly the sections that changed. Reading changes nothing.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Rochford.Lsp.Email.Events;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Web.Tests;

public sealed class ReportVersionsPageTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    /// <summary>Submits <paramref name="project"/>'s Q4 report with <paramref name="answers"/>, or amends it with only the answers given changed.</summary>
    internal static async Task SendAsync(LeadAppFixture app, string token, IDictionary<string, string> answers, int expectedVersion)
    {
        using var lead = app.NewClient();
        var form = await lead.GetAsync($"report/{token}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var check = await lead.SubmitAsync(form, answers);
        Assert.Equal(HttpStatusCode.OK, check.Status);
        var sent = await lead.SubmitAsync(check);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var confirmation = await lead.GetAsync(sent.Location!);
        Assert.Contains($"Version {expectedVersion}:", confirmation.Text);
    }

    /// <summary>ROC6's Q4 report sent, then amended twice (the comments; then the future work and expenditure), once per fixture.</summary>
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly HashSet<LeadAppFixture> Prepared = [];

    private async Task ThreeVersionsAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!Prepared.Add(fixture)) return;
            var token = await fixture.MintAsync("ROC6");
            await SendAsync(fixture, token, new Dictionary<string, string>
            {
                ["status"] = "Amber",
                ["statusComments"] = "Slow start: one venue.",
                ["progressInLastPeriod"] = "Two sessions held.\nTwelve people came.",
                ["futureWork"] = "Find a second venue.",
                ["expenditure"] = "1,000.00",
            }, 1);
            await SendAsync(fixture, token, new Dictionary<string, string> { ["statusComments"] = "Slow start: one venue, a second agreed." }, 2);
            await SendAsync(fixture, token, new Dictionary<string, string> { ["futureWork"] = "Open the second venue in April.", ["expenditure"] = "1,500.00" }, 3);
            Assert.Equal(2, (await fixture.HistoryTypesAsync("ROC6")).Count(t => t == "ReportAmended"));
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<JsonElement[]> HistoryAsync(string project) =>
        (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>($"dev/instances/{project}/history.json"))!;

    /// <summary>The project page once every email of <paramref name="template"/> shown has gone (sending runs after the transition).</summary>
    private static async Task<PageClient.Page> ProjectPageWhenSentAsync(PageClient client, string project, string template, int count)
    {
        for (var i = 0; ; i++)
        {
            var page = await client.GetAsync($"projects/{project}");
            var rows = page.Document.QuerySelectorAll($"#emails tbody tr[data-template={template}]");
            if (rows.Length == count && rows.All(r => r.GetAttribute("data-outcome") == "Sent")) return page;
            if (i == 100) throw new Xunit.Sdk.XunitException($"{project}'s page shows {rows.Length} {template} emails: {page.Document.QuerySelector("#emails")?.TextContent}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ProjectPage_ListsTheThreeVersions_AndTheEmails_WithWhetherTheyWent_AndSendGridsEvents()
    {
        await ThreeVersionsAsync();
        // SendGrid reports the first receipt delivered and the third bounced (as its webhook would record them).
        var log = new TableClient(fixture.App.ConnectionString, fixture.App.TablePrefix + "emaillog");
        var receipts = log.Query<TableEntity>(e => e.PartitionKey == "ROC6").Where(e => e.GetString("Template") == EmailTemplates.SubmissionReceipt)
            .OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(e => e.GetString("EmailId")!).ToList();
        Assert.Equal(3, receipts.Count);
        var events = new DeliveryEventStore(new TableClient(fixture.App.ConnectionString, fixture.App.TablePrefix + "mailevents"));
        var at = DateTimeOffset.Parse("2010-03-17T10:00:00Z");
        await events.RecordAsync(
        [
            new DeliveryEvent("delivered", receipts[0], receipts[0] + "/to/0", at, "r***@example.org", null, "ev-1"),
            new DeliveryEvent("bounce", receipts[2], receipts[2] + "/to/0", at.AddMinutes(5), "r***@example.org", "550 mailbox unavailable", "ev-2"),
        ], CancellationToken.None);
        using var officer = await PackAndExportsTests.SignedInAsync(fixture);

        var page = await ProjectPageWhenSentAsync(officer, "ROC6", EmailTemplates.SubmissionReceipt, 3);

        var quarter = page.Document.QuerySelector("#reports tr[data-quarter='2009-Q4']")!;
        var versions = quarter.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(3, versions.Count);
        Assert.All(versions, v => Assert.Matches(@"^Version \d of the Jan - Mar 2010 report: Amber, 17 Mar 2010$", v));
        Assert.Equal(["/projects/ROC6/reports/2009-Q4#version-1", "/projects/ROC6/reports/2009-Q4#version-2", "/projects/ROC6/reports/2009-Q4#version-3",
            "/projects/ROC6/reports/2009-Q4?from=2&to=3"], quarter.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));

        var rows = page.Document.QuerySelectorAll("#emails tbody tr");
        // Newest first: the three receipts, then the request that asked for the report.
        Assert.Equal([EmailTemplates.SubmissionReceipt, EmailTemplates.SubmissionReceipt, EmailTemplates.SubmissionReceipt, EmailTemplates.QuarterlyRequest],
            rows.Select(r => r.GetAttribute("data-template")).Take(4));
        var cells = rows.Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.All(cells.Take(3), c =>
        {
            Assert.Equal("17 Mar 2010", c[0]);
            Assert.Equal("Receipt for a quarterly report", c[1]);
            Assert.Contains("To: roc6.lead@example.org", c[2]);
            Assert.Contains("Copied: lsp.officer.a@example.org", c[2]);
            Assert.Equal("Sent", c[3]);
        });
        Assert.StartsWith("Bounced", cells[0][4]);
        Assert.Contains("550 mailbox unavailable", cells[0][4]);
        Assert.Equal("Not reported", cells[1][4]);
        Assert.StartsWith("Delivered", cells[2][4]);
        Assert.Equal("Request for the quarterly report", cells[3][1]);
    }

    [Fact]
    public async Task VersionPage_ShowsEachVersionsText_AndTheComparisonMarksExactlyTheChangedSections()
    {
        await ThreeVersionsAsync();
        using var officer = await PackAndExportsTests.SignedInAsync(fixture);

        var page = await officer.GetAsync("projects/ROC6/reports/2009-Q4");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The Jan - Mar 2010 report", page.H1);
        Assert.Contains("3 versions were received: the first submission and 2 amendments.", page.Document.QuerySelector("#summary")!.TextContent);
        string Section(int version) => page.Document.QuerySelector($"#version-{version}")!.TextContent;
        Assert.Contains("Slow start: one venue.", Section(1));
        Assert.Contains("Find a second venue.", Section(1));
        Assert.Contains("£1,000.00", Section(1));
        Assert.Contains("Slow start: one venue, a second agreed.", Section(2));
        Assert.Contains("Find a second venue.", Section(2));
        Assert.Contains("Open the second venue in April.", Section(3));
        Assert.Contains("£1,500.00", Section(3));
        Assert.Contains("(current)", Section(3));
        Assert.DoesNotContain("(current)", Section(2));
        Assert.All(new[] { 1, 2, 3 }, v => Assert.Contains("Twelve people came.", Section(v)));
        Assert.All(new[] { 1, 2, 3 }, v => Assert.Contains("roc6.lead@example.org", Section(v)));
        // With no comparison asked for, the form offers the last two versions.
        Assert.Equal("2", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#from")!.Value);
        Assert.Equal("3", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#to")!.Value);
        Assert.Equal("get", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#compare-form")!.Method);
        Assert.Null(page.Document.QuerySelector("#comparison"));

        async Task<Dictionary<string, string>> ChangesAsync(string query)
        {
            var compared = await officer.GetAsync($"projects/ROC6/reports/2009-Q4?{query}");
            Assert.Equal(HttpStatusCode.OK, compared.Status);
            return compared.Document.QuerySelectorAll("#changes tbody tr").ToDictionary(r => r.GetAttribute("data-section")!, r => r.GetAttribute("data-changed")!);
        }
        Assert.Equal(new Dictionary<string, string>
        {
            ["status"] = "no", ["status-comments"] = "yes", ["progress"] = "no", ["future-work"] = "no", ["expenditure"] = "no",
        }, await ChangesAsync("from=1&to=2"));
        Assert.Equal(new Dictionary<string, string>
        {
            ["status"] = "no", ["status-comments"] = "no", ["progress"] = "no", ["future-work"] = "yes", ["expenditure"] = "yes",
        }, await ChangesAsync("from=2&to=3"));
        // Either way round, the earlier version is on the left.
        var both = await officer.GetAsync("projects/ROC6/reports/2009-Q4?from=3&to=1");
        Assert.Equal("Version 1 compared with version 3", both.Document.QuerySelector("#comparison-title")!.TextContent.Trim());
        Assert.Equal("Changed: comments on the project's status, future work, expenditure this period.", both.Document.QuerySelector("#comparison-summary")!.TextContent.Trim());
        var future = both.Document.QuerySelector("#changes tr[data-section=future-work]")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["Changed", "Find a second venue.", "Open the second venue in April."], future);
    }

    [Fact]
    public async Task ABadComparison_IsSaidInWords_AndUnknownProjectsAndQuarters_AreNotFound()
    {
        await ThreeVersionsAsync();
        using var officer = await PackAndExportsTests.SignedInAsync(fixture);

        foreach (var query in new[] { "from=2&to=2", "from=1&to=9", "from=x&to=1" })
        {
            var bad = await officer.GetAsync($"projects/ROC6/reports/2009-Q4?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.StartsWith("Error:", bad.Document.Title);
            Assert.Equal("#from", bad.Document.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
            Assert.Null(bad.Document.QuerySelector("#comparison"));
        }
        foreach (var path in new[] { "projects/ROC6/reports/2008-Q1", "projects/ROC6/reports/2010-Q1", "projects/ROC6/reports/next", "projects/ROC99/reports/2009-Q4" })
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(path)).Status);
        // A quarter asked of the project with no report yet: the page says so.
        var none = await officer.GetAsync("projects/ROC1/reports/2009-Q4");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Contains("No report has been received for this quarter.", none.Text);
        Assert.Null(none.Document.QuerySelector("#compare-form"));
    }

    [Fact]
    public async Task AMissingText_IsSaidInWords_AndOnlyTheStatusIsCompared()
    {
        var token = await fixture.MintAsync("ROC7");
        await SendAsync(fixture, token, new Dictionary<string, string>
        {
            ["status"] = "Green", ["statusComments"] = "On track.", ["progressInLastPeriod"] = "Done.", ["futureWork"] = "More.", ["expenditure"] = "10",
        }, 1);
        await SendAsync(fixture, token, new Dictionary<string, string> { ["status"] = "Amber", ["statusComments"] = "Behind." }, 2);
        var amended = (await HistoryAsync("ROC7")).Single(e => e.GetProperty("type").GetString() == "ReportAmended");
        using (var data = JsonDocument.Parse(amended.GetProperty("dataJson").GetString()!))
        {
            var reportId = data.RootElement.EnumerateObject().Single(p => p.Name.Equals("ReportId", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
            var texts = new TableClient(fixture.App.ConnectionString, fixture.App.TablePrefix + "reports");
            Assert.False((await texts.DeleteEntityAsync("ROC7", reportId)).IsError);
        }
        using var officer = await PackAndExportsTests.SignedInAsync(fixture);

        var page = await officer.GetAsync("projects/ROC7/reports/2009-Q4?from=1&to=2");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("The text of this version is not stored, so only its status is known.", page.Document.QuerySelector("#version-2")!.TextContent);
        Assert.Contains("On track.", page.Document.QuerySelector("#version-1")!.TextContent);
        var changes = page.Document.QuerySelectorAll("#changes tbody tr").ToDictionary(r => r.GetAttribute("data-section")!, r => r.GetAttribute("data-changed")!);
        Assert.Equal("yes", changes["status"]);
        Assert.All(changes.Where(c => c.Key != "status"), c => Assert.Equal("unknown", c.Value));
        Assert.Contains("only the statuses can be compared", page.Document.QuerySelector("#comparison-summary")!.TextContent);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_AndReadingTheReportsAndEmails_ChangesNoHistory()
    {
        await ThreeVersionsAsync();
        using var anonymous = fixture.NewClient();
        var refused = await anonymous.GetAsync("projects/ROC6/reports/2009-Q4?from=1&to=3");
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Equal($"/dev/sign-in?returnUrl={Uri.EscapeDataString("/projects/ROC6/reports/2009-Q4?from=1&to=3")}", refused.Location);

        var before = (await HistoryAsync("ROC6")).Length;
        using var officer = await PackAndExportsTests.SignedInAsync(fixture);
        foreach (var path in new[] { "projects/ROC6", "projects/ROC6/reports/2009-Q4", "projects/ROC6/reports/2009-Q4?from=1&to=3", "projects/ROC6/reports/2009-Q4?from=2&to=2" })
            await officer.GetAsync(path);
        Assert.Equal(before, (await HistoryAsync("ROC6")).Length);
    }
}
