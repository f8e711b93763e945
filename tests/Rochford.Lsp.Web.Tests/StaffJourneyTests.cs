// The staff side end to end in real Chromium on the simulated clock, as issue 13 describes it: a Red report; officer A
// signs in (development sign-in) and sets a recovery deadline; the clock passes it; the escalation reaches the Executive's
// mailbox and its summary link works; A approves the withdrawal from the emailed link; A proposes a reallocation, is
// refused (in words) when approving it, and B approves it; then the dashboard, project pages, ledger, history, pack and
// CSV agree. axe-core runs on every officer and Executive page on the way, error states included.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Rochford.Lsp.Web.Tests;

public sealed class StaffJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string OfficerA = "lsp.officer.a@example.org";
    private const string OfficerB = "lsp.officer.b@example.org";

    private AppProcess App => browser.Lead.App;

    /// <summary>The link of <paramref name="purpose"/> in the newest <paramref name="template"/> email about <paramref name="project"/> to <paramref name="to"/>.</summary>
    private async Task<string> LinkAsync(string template, string to, string project, string purpose)
    {
        for (var i = 0; i < 100; i++)
        {
            var mailbox = (await App.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!;
            foreach (var message in mailbox.Where(m => m.GetProperty("template").GetString() == template
                         && m.GetProperty("to").EnumerateArray().Any(t => t.GetString() == to)
                         && m.GetProperty("subject").GetString()!.Contains(project, StringComparison.Ordinal)))
            {
                var link = message.GetProperty("links").EnumerateArray()
                    .FirstOrDefault(l => l.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == purpose);
                if (link.ValueKind == JsonValueKind.Object) return link.GetProperty("url").GetString()!;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No {template} email about {project} to {to} with a {purpose} link.");
    }

    /// <summary>The lead of <paramref name="project"/> reports <paramref name="status"/> from the emailed link (over HTTP: the lead's pages have their own browser journey).</summary>
    private async Task ReportAsync(string project, string status)
    {
        var url = await LinkAsync("QuarterlyRequest", $"{project.ToLowerInvariant()}.lead@example.org", project, "SubmitReport");
        using var lead = new PageClient(App.BaseAddress);
        var form = await lead.GetAsync(url);
        var answers = PageClient.GreenAnswers(form, $"{project} is {status}.");
        answers["status"] = status;
        var check = await lead.PostAsync(form.Document.Forms[0].GetAttribute("action")!, answers);
        var sent = await lead.SubmitAsync(check);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
    }

    private async Task AdvanceAsync(string to)
    {
        using var moved = await App.Http.PostAsJsonAsync("dev/clock", new { advanceTo = to });
        moved.EnsureSuccessStatusCode();
    }

    private static async Task<string> FundingAsync(IPage page, string project, string line)
    {
        await page.GotoAsync($"projects/{project}");
        await StaffBrowser.ArriveAtAsync(page, $"/projects/{project}");
        return (await page.Locator($"#funding .govuk-summary-list__row:has(dt:text-is('{line}')) dd").InnerTextAsync()).Trim();
    }

    [Fact]
    public async Task RedReport_Deadline_Escalation_WithdrawalFromTheEmail_ReallocationByTwoOfficers_AndEveryViewAgrees()
    {
        await ReportAsync("ROC4", "Red");
        await ReportAsync("ROC3", "Green");

        // Officer A signs in from the project's address (as from the link in the receipt) and sets the recovery deadline.
        await using var a = await browser.NewContextAsync(bypassCsp: true);
        var pageA = await StaffBrowser.SignInAtAsync(a, "/projects/ROC4", OfficerA);
        Assert.Contains("On Red watch", await pageA.InnerTextAsync("main"));
        await Axe.AssertNoViolationsAsync(pageA, "the project page");
        var awardedRoc3Before = await FundingAsync(pageA, "ROC3", "Awarded");
        await pageA.GotoAsync("dashboard");
        await StaffBrowser.ArriveAtAsync(pageA, "/dashboard");
        await Axe.AssertNoViolationsAsync(pageA, "the dashboard");

        await pageA.GotoAsync("projects/ROC4");
        await StaffBrowser.ArriveAtAsync(pageA, "/projects/ROC4");
        await pageA.ClickAsync("#actions a:has-text('Set or extend the recovery deadline')");
        await StaffBrowser.ArriveAtAsync(pageA, "/projects/ROC4/deadline");
        await Axe.AssertNoViolationsAsync(pageA, "the deadline action");
        await pageA.ClickAsync("main button:has-text('Set the deadline')");
        await pageA.Locator(".govuk-error-summary").WaitForAsync();
        Assert.StartsWith("Error:", await pageA.TitleAsync());
        await Axe.AssertNoViolationsAsync(pageA, "the deadline action with an error");
        await pageA.FillAsync("#deadline-day", "31");
        await pageA.FillAsync("#deadline-month", "5");
        await pageA.FillAsync("#deadline-year", "2010");
        await pageA.FillAsync("#whatIsNeeded", "A recovery plan agreed with the PCT.");
        await pageA.ClickAsync("main button:has-text('Set the deadline')");
        await StaffBrowser.ArriveAtAsync(pageA, "/projects/ROC4?done=deadline");
        Assert.Contains("31 May 2010", await pageA.InnerTextAsync("main"));

        // The deadline passes with the project still Red: the Executive is told, with a summary link that needs no sign-in.
        await AdvanceAsync("2010-06-01T09:00:00Z");
        var summaryUrl = await LinkAsync("ExecutiveEscalation", "lsp.executive@example.org", "ROC4", "ProjectSummary");
        await using (var executive = await browser.NewContextAsync(bypassCsp: true))
        {
            var summary = await executive.NewPageAsync();
            await summary.GotoAsync(summaryUrl);
            await summary.Locator("main h1").WaitForAsync();
            var text = await summary.InnerTextAsync("main");
            Assert.Contains("Careline", text);
            Assert.Contains("31 May 2010", text);
            Assert.Contains("£15,000.00", text);
            await Axe.AssertNoViolationsAsync(summary, "the Executive's summary");
        }

        // A approves the withdrawal from the link in the ApprovalRequest email.
        var decideUrl = await LinkAsync("ApprovalRequest", OfficerA, "ROC4", "DecideWithdrawal");
        var decision = await a.NewPageAsync();
        await decision.GotoAsync(decideUrl);
        await decision.Locator("main h1").WaitForAsync();
        await Axe.AssertNoViolationsAsync(decision, "the withdrawal decision from the email");
        await decision.CheckAsync("input[name=decision][value=approve]");
        await decision.FillAsync("#approveDate-day", "1");
        await decision.FillAsync("#approveDate-month", "6");
        await decision.FillAsync("#approveDate-year", "2010");
        await decision.FillAsync("#minuteReference", "LSP Executive 1 June 2010, item 4");
        await decision.ClickAsync("main button[type=submit]");
        await decision.GetByText("approved", new() { Exact = false }).First.WaitForAsync();

        // A proposes a reallocation to ROC3 (same stream), then cannot approve it: a different officer must.
        await pageA.GotoAsync("projects/ROC4");
        await StaffBrowser.ArriveAtAsync(pageA, "/projects/ROC4");
        Assert.Contains("Funding withdrawn", await pageA.InnerTextAsync("main"));
        await pageA.ClickAsync("#actions a:has-text('Propose a reallocation')");
        await StaffBrowser.ArriveAtAsync(pageA, "/projects/ROC4/reallocate");
        await Axe.AssertNoViolationsAsync(pageA, "the reallocation proposal");
        // More than was withdrawn (in one field, or enough to overflow in two) is a field error, not a fault.
        await pageA.FillAsync("#amount-ROC3", "90,000");
        await pageA.ClickAsync("main button:has-text('Propose the reallocation')");
        await pageA.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("must be at most the £15,000.00 withdrawn", await pageA.InnerTextAsync(".govuk-error-summary"));
        await Axe.AssertNoViolationsAsync(pageA, "the reallocation proposal with an error");
        await pageA.FillAsync("#amount-ROC3", "10,000");
        await pageA.FillAsync("#note", "ROC3 addresses the same priority's residents.");
        await pageA.ClickAsync("main button:has-text('Propose the reallocation')");
        await StaffBrowser.ArriveAtAsync(pageA, "/projects/ROC4?done=reallocate");

        await pageA.ClickAsync("#actions a:has-text('Approve or reject the proposed reallocation')");
        await StaffBrowser.ArriveAtAsync(pageA, "/projects/ROC4/approve-reallocation");
        await pageA.CheckAsync("input[name=decision][value=approve]");
        await pageA.ClickAsync("main button:has-text('Record the decision')");
        await pageA.Locator("#refusal").WaitForAsync();
        Assert.Contains("so a different officer must approve it", await pageA.InnerTextAsync("#refusal"));
        await Axe.AssertNoViolationsAsync(pageA, "the reallocation approval refused");

        // B approves it.
        await using var b = await browser.NewContextAsync(bypassCsp: true);
        var pageB = await StaffBrowser.SignInAtAsync(b, "/projects/ROC4/approve-reallocation", OfficerB);
        Assert.Contains("proposed on", await pageB.InnerTextAsync("#what-happens"));
        await pageB.CheckAsync("input[name=decision][value=approve]");
        await pageB.ClickAsync("main button:has-text('Record the decision')");
        await StaffBrowser.ArriveAtAsync(pageB, "/projects/ROC4?done=approve-reallocation");

        // Every view agrees: the project pages' funding, the history, the dashboard, the pack and the ledger CSV.
        Assert.Equal("£15,000.00", await FundingAsync(pageB, "ROC4", "Withdrawn"));
        var history = await pageB.InnerTextAsync("#history");
        Assert.Contains("LSP Officer A", history);
        Assert.Contains("LSP Officer B", history);
        var awardedRoc3After = await FundingAsync(pageB, "ROC3", "Awarded");
        Assert.Equal(Money(awardedRoc3Before) + 10_000m, Money(awardedRoc3After));

        await pageB.GotoAsync("dashboard");
        await StaffBrowser.ArriveAtAsync(pageB, "/dashboard");
        var row = await pageB.InnerTextAsync("#projects tr[data-project=ROC4]");
        Assert.DoesNotContain("Withdrawal to decide", row);
        Assert.DoesNotContain("Reallocation to approve", row);

        // The dashboard's status and phase for ROC4 are the projects export's, and the pack's Careline section has that status.
        var projects = Rfc4180.Parse((await (await b.APIRequest.GetAsync("exports/projects.csv")).TextAsync()).TrimStart('\uFEFF'));
        var roc4 = projects.Single(r => r[0] == "ROC4");
        string Column(string name) => roc4[Array.IndexOf(projects[0], name)];
        var phase = Enum.Parse<Rochford.Lsp.Reporting.Phase>(Column("Phase"));
        Assert.Equal(Rochford.Lsp.Reporting.Phase.Closed, phase);
        Assert.Contains(Rochford.Lsp.Pages.Components.PhaseText.For(phase), row);
        Assert.Contains(Column("Latest status"), row);
        Assert.Equal("Red", Column("Latest status"));

        await pageB.GotoAsync("pack?quarter=2009-Q4");
        await pageB.Locator("main h1").WaitForAsync();
        var careline = await pageB.InnerTextAsync("section:has(#project-ROC4)");
        Assert.Contains("Careline", careline);
        Assert.Contains("Red", careline);

        // The activity export names who did what, as the project's history does.
        var activity = Rfc4180.Parse((await (await b.APIRequest.GetAsync("exports/activity.csv")).TextAsync()).TrimStart('\uFEFF'));
        var by = Array.IndexOf(activity[0], "By");
        var roc4Actors = activity.Skip(1).Where(r => r[0] == "ROC4").Select(r => r[by]).ToHashSet();
        Assert.Contains(roc4Actors, a => a.StartsWith("LSP Officer A", StringComparison.Ordinal) && a.Contains(OfficerA, StringComparison.Ordinal));
        Assert.Contains(roc4Actors, a => a.StartsWith("LSP Officer B", StringComparison.Ordinal) && a.Contains(OfficerB, StringComparison.Ordinal));

        var csv = await b.APIRequest.GetAsync("exports/ledger.csv");
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',').ToList();
        string Cell(string project, string column) =>
            lines.Single(l => l.StartsWith(project + ",", StringComparison.Ordinal)).Split(',')[header.IndexOf(column)];
        Assert.Equal("15000.00", Cell("ROC4", "Withdrawn"));
        Assert.Equal("10000.00", Cell("ROC4", "Reallocated out"));
        Assert.Equal("10000.00", Cell("ROC3", "Reallocated in"));

        // The partnership's timings page, and its error state.
        await pageB.GotoAsync("partnership/timings");
        await StaffBrowser.ArriveAtAsync(pageB, "/partnership/timings");
        await Axe.AssertNoViolationsAsync(pageB, "the timings page");
        await pageB.FillAsync("#ChaseDaysAfterDue", "400");
        await pageB.ClickAsync("main button:has-text('Change the timings')");
        await pageB.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(pageB, "the timings page with an error");
    }

    private static decimal Money(string text) => decimal.Parse(text.Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
