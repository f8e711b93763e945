// The officers' quarterly performance pack, its CSV exports and the partnership page, over HTTP against the real app
// process on the simulated clock (just after every project's 2009-10 Q4 request): sign-in is required; the CSVs parse as
// RFC 4180 and agree with the projects' state; the pack shows each project's status; a change of contacts is checked
// (422, nothing raised) and, when good, recorded in every active project's history in the signed-in officer's name.

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Rochford.Lsp.Web.Tests;

public sealed class PackAndExportsTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    public const string OfficerA = "lsp.officer.a@example.org";
    public const string OfficerB = "lsp.officer.b@example.org";
    private static readonly string[] Codes = ["ROC1", "ROC3", "ROC4", "ROC6", "ROC7", "ROC8", "ROC9", "ROC10"];
    private static readonly string[] ExportNames = ["projects", "reports", "ledger", "activity", "emails"];

    /// <summary>A client signed in through the development sign-in as <paramref name="email"/>.</summary>
    public static async Task<PageClient> SignedInAsync(LeadAppFixture app, string email = OfficerA)
    {
        var client = app.NewClient();
        var form = await client.GetAsync("dev/sign-in?returnUrl=%2Fpack");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var done = await client.SubmitAsync(form, new Dictionary<string, string> { ["officer"] = email });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("/pack", done.Location);
        return client;
    }

    /// <summary>Submits <paramref name="project"/>'s 2009-10 Q4 report through the lead's pages and waits until it is recorded.</summary>
    private async Task SubmitReportAsync(string project, string status, string comments, string futureWork)
    {
        var token = await fixture.MintAsync(project);
        using var lead = fixture.NewClient();
        var form = await lead.GetAsync($"report/{token}");
        var check = await lead.SubmitAsync(form, new Dictionary<string, string>
        {
            ["status"] = status,
            ["statusComments"] = comments,
            ["progressInLastPeriod"] = "Sessions held in Hullbridge and Great Wakering.",
            ["futureWork"] = futureWork,
            ["expenditure"] = "1,250.50",
        });
        Assert.Equal(HttpStatusCode.OK, check.Status);
        var submitted = await lead.SubmitAsync(check);
        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        Assert.Contains("ReportSubmitted", await fixture.HistoryTypesAsync(project)); // waits until the workflow recorded it
    }

    internal static async Task<(HttpResponseMessage Response, List<Dictionary<string, string>> Rows, string[] Header)> CsvAsync(PageClient client, string name)
    {
        var response = await client.Http.GetAsync($"exports/{name}.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "The CSV starts with a UTF-8 byte order mark for spreadsheets.");
        var records = Rfc4180.Parse(Encoding.UTF8.GetString(bytes.AsSpan(3)));
        var header = records[0];
        Assert.All(records, r => Assert.Equal(header.Length, r.Length));
        return (response, [.. records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second))], header);
    }

    private async Task<string[]> ProjectInstancesAsync() =>
        [.. (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>("dev/instances.json"))!.Select(i => i.GetProperty("instanceId").GetString()!)];

    [Theory]
    [InlineData("pack")]
    [InlineData("pack?quarter=2009-Q4")]
    [InlineData("partnership")]
    [InlineData("exports/projects.csv")]
    [InlineData("exports/reports.csv")]
    [InlineData("exports/ledger.csv")]
    [InlineData("exports/activity.csv")]
    [InlineData("exports/emails.csv")]
    public async Task AnonymousGet_IsSentToSignIn_AndComesBackAfterwards(string path)
    {
        using var client = fixture.NewClient();

        var page = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal($"/dev/sign-in?returnUrl={Uri.EscapeDataString("/" + path)}", page.Location);
        Assert.DoesNotContain("text/csv", page.Response.Content.Headers.ContentType?.ToString() ?? "");
    }

    [Fact]
    public async Task AnonymousPost_ToThePartnership_IsRefusedAndRaisesNothing()
    {
        var before = (await fixture.HistoryTypesAsync("ROC1")).Count(t => t == "PartnershipContactsChanged");
        using var client = fixture.NewClient();

        var page = await client.PostAsync("partnership", new Dictionary<string, string>
        {
            ["officerName1"] = "Mallory", ["officerEmail1"] = "mallory@example.org",
            ["officerName2"] = "Eve", ["officerEmail2"] = "eve@example.org",
            ["executiveBoardEmail"] = "board@example.org", ["executiveChairEmail"] = "chair@example.org",
        });

        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
        Assert.Equal(before, (await fixture.HistoryTypesAsync("ROC1")).Count(t => t == "PartnershipContactsChanged"));
    }

    [Fact]
    public async Task Exports_AreAttachedCsvThatParse_AndAgreeWithTheProjectsState()
    {
        // Text a lead typed that a spreadsheet would otherwise run as a formula, with a comma, quotes and a line break.
        const string comments = "=HYPERLINK(\"http://evil.example\",\"click\"), then \"more\"\nSecond line";
        await SubmitReportAsync("ROC7", "Amber", comments, "+Identify other areas in the District");
        using var client = await SignedInAsync(fixture);
        var instances = await ProjectInstancesAsync();

        foreach (var name in ExportNames)
        {
            var (response, rows, _) = await CsvAsync(client, name);
            Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal($"rochford-lsp-{name}-2010-03-17.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.NotEmpty(rows);
        }

        var projects = (await CsvAsync(client, "projects")).Rows;
        Assert.Equal(instances.Length, projects.Count);
        Assert.Equal(Codes, projects.Select(p => p["Project code"]));
        var roc7 = projects.Single(p => p["Project code"] == "ROC7");
        Assert.Equal("Blues BodyCare", roc7["Organisation"]);
        Assert.Equal("2009-10 Q4", roc7["Latest quarter"]);
        Assert.Equal("Amber", roc7["Latest status"]);
        Assert.Equal("1", roc7["Latest report version"]);
        Assert.Equal("NI 8", roc7["Performance indicators"]);
        Assert.Equal("6000.00", roc7["Amount awarded"]);

        var report = Assert.Single((await CsvAsync(client, "reports")).Rows, r => r["Project code"] == "ROC7");
        Assert.Equal("2009-10 Q4", report["Quarter"]);
        Assert.Equal("Amber", report["Status"]);
        Assert.Equal("Yes", report["Current version"]);
        Assert.Equal("'" + comments, report["Project status comments"]); // kept whole, and never a formula
        Assert.Equal("'+Identify other areas in the District", report["Future work"]);
        Assert.Equal("1250.50", report["Expenditure this period"]);

        var ledger = (await CsvAsync(client, "ledger")).Rows;
        Assert.Equal(Codes, ledger.Select(l => l["Project code"]));
        var careline = ledger.Single(l => l["Project code"] == "ROC4");
        Assert.Equal("15000.00", careline["Original award"]);
        Assert.Equal("15000.00", careline["Awarded now"]);
        Assert.Equal("15000.00", careline["Unreleased"]);
        Assert.Equal("0.00", careline["Withdrawn"]);
        Assert.Equal("0.00", careline["Reallocated out"]);

        var activity = (await CsvAsync(client, "activity")).Rows;
        var history = (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>("dev/instances/ROC7/history.json"))!;
        Assert.Equal(history.Length, activity.Count(a => a["Project code"] == "ROC7"));
        Assert.Contains(activity, a => a["Project code"] == "ROC7" && a["Event"] == "ReportSubmitted");
        Assert.All(Codes, code => Assert.Contains(activity, a => a["Project code"] == code && a["Event"] == "MonitoringStarted"));

        var emails = (await CsvAsync(client, "emails")).Rows;
        var request = Assert.Single(emails, e => e["Project code"] == "ROC7" && e["Template"] == "QuarterlyRequest");
        Assert.Equal("roc7.lead@example.org", request["To"]);
        Assert.Equal("Sent", request["State"]);
        Assert.Equal("Not reported", request["Delivery status"]);
        Assert.Equal("2010-03-17T09:00:00Z", request["Queued at (UTC)"]);
    }

    [Theory]
    [InlineData("nothing")]
    [InlineData("projects")]
    [InlineData("..%2Fprojects")]
    public async Task UnknownExport_IsNotFound(string name)
    {
        using var client = await SignedInAsync(fixture);
        var page = await client.GetAsync(name == "projects" ? "exports/projects.txt" : $"exports/{name}.csv");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task Pack_ShowsEveryProjectsObjectiveAndStatus_ThePrioritiesIndicators_AndLinksTheExports()
    {
        await SubmitReportAsync("ROC9", "Green", "Change of Chair from 01 April.", "More cycle tagging events.");
        using var client = await SignedInAsync(fixture);

        var page = await client.GetAsync("pack");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Quarterly performance pack: Jan - Mar 2010", page.H1);
        Assert.Equal("2009-Q4", page.Document.QuerySelector("select#quarter option[selected]")?.GetAttribute("value"));
        foreach (var code in Codes)
        {
            var section = page.Document.QuerySelector($"section[aria-labelledby=project-{code}]");
            Assert.NotNull(section);
            Assert.Contains("Project objective", section.TextContent);
            Assert.NotNull(section.QuerySelector(".govuk-tag"));
        }
        var roc9 = page.Document.QuerySelector("section[aria-labelledby=project-ROC9]")!;
        Assert.Equal("Green", roc9.QuerySelector(".govuk-tag")!.TextContent.Trim());
        Assert.Contains("Increase the number of active Neighbourhood Watch Co-ordinators", roc9.TextContent);
        Assert.Contains("Change of Chair from 01 April.", roc9.TextContent);
        Assert.Contains("More cycle tagging events.", roc9.TextContent);
        var roc1 = page.Document.QuerySelector("section[aria-labelledby=project-ROC1]")!;
        Assert.Contains("Not yet received: due by 15 Apr 2010", roc1.TextContent);

        // The priorities as the action plan prints them, with their projects' statuses.
        var priority3 = page.Document.QuerySelector("section[aria-labelledby=priority-3]")!;
        Assert.Contains("Strategic Priority 3: Strengthening the Third Sector", priority3.TextContent);
        Assert.Contains("NI 7: Environment for a thriving third sector", priority3.TextContent);
        Assert.Contains("15.9% (2008/09)", priority3.TextContent);
        Assert.Contains("17.0% (2009/10); 19.7% (2010/11)", priority3.TextContent);
        Assert.Contains("1 Green", priority3.TextContent);
        Assert.Equal(7, page.Document.QuerySelectorAll("section[aria-labelledby^=priority-]").Length);

        // The stream's figures are the partnership instance's live ledger: the seed's eight awards, all awarded, none paid yet.
        var funding = page.Document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.StartsWith("Each funding stream's ledger", StringComparison.Ordinal) == true);
        var prg = funding.QuerySelectorAll("tbody tr").Single();
        Assert.Equal(["Performance Reward Grant", "£102,000.00", "£102,000.00", "£0.00", "£0.00", "£0.00", "£0.00", "£0.00"],
            prg.Children.Select(c => c.TextContent.Trim()));

        var links = page.Document.QuerySelectorAll("a[href^='/exports/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(ExportNames.Select(n => $"/exports/{n}.csv"), links);
        Assert.NotNull(page.Document.QuerySelector("nav a[href='/partnership']"));
        Assert.Contains("Signed in as LSP Officer A (example)", page.Text);
        Assert.Equal("no-store", page.Response.Headers.CacheControl?.ToString());
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src]), [style], style"));

        var chosen = await client.GetAsync("pack?quarter=2009-10+Q4");
        Assert.Equal(HttpStatusCode.OK, chosen.Status);
        Assert.Equal(page.H1, chosen.H1);
    }

    [Theory]
    [InlineData("2001-Q1")]
    [InlineData("2009-Q5")]
    [InlineData("<script>")]
    public async Task Pack_ForAQuarterNoOneWasAskedAbout_IsNotFound(string quarter)
    {
        using var client = await SignedInAsync(fixture);
        var page = await client.GetAsync($"pack?quarter={Uri.EscapeDataString(quarter)}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("<script>", page.Html);
    }

    [Fact]
    public async Task Partnership_ShowsTheContactsAndTimings_AndSaysWhatAChangeWillDo()
    {
        using var client = await SignedInAsync(fixture);

        var page = await client.GetAsync("partnership");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The partnership", page.H1);
        Assert.Contains("lsp.officer.b@example.org", page.Text);
        Assert.Contains("lsp.executive@example.org", page.Text);
        Assert.Contains("15 days after the quarter ends", page.Text);
        Assert.Contains("8 weeks after its reporting date", page.Text);
        Assert.Contains("become the partnership's, and every email sent from then on goes to them; the partnership applies them to every active project (8: ROC1, ROC3, ROC4, ROC6, ROC7, ROC8, ROC9, ROC10)", page.Text);
        Assert.Contains("record the change in your name, LSP Officer A (example)", page.Text);
        var form = page.Document.Forms[0 + 1]; // the sign-out form comes first
        Assert.Equal("/partnership", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal(OfficerA, form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#officerEmail1")!.Value);
    }

    [Theory]
    [InlineData("one officer", "", "", "lsp.executive@example.org", "#officerName1")]
    [InlineData("same address twice", "Officer Twin", OfficerA, "lsp.executive@example.org", "#officerEmail2")]
    [InlineData("bad officer address", "Officer Typo", "typo.example.org", "lsp.executive@example.org", "#officerEmail2")]
    [InlineData("bad board address", "LSP Officer B (example)", OfficerB, "board@", "#executiveBoardEmail")]
    public async Task PartnershipChange_WithInvalidContacts_Is422WithGovukErrors_AndRaisesNothing(string what, string name2, string email2, string board, string field)
    {
        var before = await ChangesAsync();
        using var client = await SignedInAsync(fixture);
        var page = await client.GetAsync("partnership");

        var answer = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            ["officerName2"] = name2, ["officerEmail2"] = email2, ["executiveBoardEmail"] = board,
        }, formIndex: 1);

        Assert.True(answer.Status == HttpStatusCode.UnprocessableEntity, $"{what}: {answer.Status}");
        Assert.StartsWith("Error:", answer.Document.Title);
        var links = answer.Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(field, links);
        Assert.NotNull(answer.Document.QuerySelector($"{field}-error"));
        Assert.Equal(before, await ChangesAsync());
    }

    [Fact]
    public async Task PartnershipChange_Valid_IsRecordedInEveryActiveProjectsHistory_InTheSignedInOfficersName()
    {
        using var client = await SignedInAsync(fixture);
        var page = await client.GetAsync("partnership");

        var done = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            ["officerName3"] = "LSP Officer C (example)", ["officerEmail3"] = "lsp.officer.c@example.org",
            ["executiveChairEmail"] = "new.chair@example.org",
        }, formIndex: 1);

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal("Contacts changed", done.Document.QuerySelector(".govuk-panel__title")!.TextContent.Trim());
        // The partnership's workflow records it once, then applies it to every active project, each recording it too.
        var partnership = (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>("dev/instances/partnership/history.json"))!;
        var recorded = partnership.Last(h => h.GetProperty("type").GetString() == "PartnershipContactsChanged").GetProperty("explanation").GetString()!;
        Assert.StartsWith("LSP Officer A (example) changed the partnership's contacts: officers LSP Officer A (example)", recorded);
        Assert.EndsWith($", applied to {string.Join(", ", Codes)}.", recorded);
        foreach (var code in Codes)
        {
            var change = await EventuallyAsync(code, "PartnershipContactsChanged");
            var explanation = change.GetProperty("explanation").GetString()!;
            Assert.StartsWith("LSP Officer A (example) changed the partnership's contacts", explanation);
            Assert.Contains("LSP Officer C (example) (lsp.officer.c@example.org)", explanation);
            Assert.Contains("chair new.chair@example.org", explanation);
        }

        var after = await client.GetAsync("partnership");
        Assert.Contains("lsp.officer.c@example.org", after.Document.QuerySelector(".govuk-summary-list")!.TextContent);
        // The page lists the change among the partnership's recent changes, newest first.
        var changes = after.Document.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.StartsWith("The partnership's history", StringComparison.Ordinal) == true);
        Assert.Equal(recorded, changes.QuerySelector("tbody tr td:nth-child(2)")!.TextContent.Trim());
        Assert.Contains("new.chair@example.org", after.Text);
        // The same addresses again change nothing, and say so.
        var same = await client.SubmitAsync(after, formIndex: 1);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.Status);
        Assert.Contains("These are the partnership's contacts already", same.Text);
    }

    /// <summary>The project's latest <paramref name="type"/> event, waiting (up to 20 s) for the partnership's workflow to have applied it.</summary>
    private async Task<JsonElement> EventuallyAsync(string code, string type)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var history = (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>($"dev/instances/{code}/history.json"))!;
            if (history.LastOrDefault(h => h.GetProperty("type").GetString() == type) is { ValueKind: JsonValueKind.Object } found)
                return found;
            Assert.True(DateTimeOffset.UtcNow < until, $"{code} has no {type} after 20 s");
            await Task.Delay(100);
        }
    }

    private async Task<int> ChangesAsync()
    {
        var total = 0;
        foreach (var code in Codes)
            total += (await fixture.HistoryTypesAsync(code)).Count(t => t == "PartnershipContactsChanged");
        return total;
    }
}

/// <summary>A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF between records.</summary>
public static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("An unterminated quoted field.");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\r')) throw new FormatException($"Text after a quoted field at {i}.");
            }
            else if (text[i] == ',') { fields.Add(field.ToString()); field.Clear(); i++; }
            else if (text[i] == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException($"A CR without LF at {i}.");
                fields.Add(field.ToString()); field.Clear();
                records.Add([.. fields]); fields.Clear();
                i += 2;
            }
            else if (text[i] is '"' or '\n') throw new FormatException($"A bare '{text[i]}' at {i}.");
            else field.Append(text[i++]);
        }
        if (field.Length > 0 || fields.Count > 0) throw new FormatException("The last record has no CRLF.");
        return records;
    }
}
