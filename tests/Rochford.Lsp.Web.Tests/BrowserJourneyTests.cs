// End-to-end in real Chromium: the lead follows the link, fills in the report, checks the answers, submits,
// sees the confirmation; the receipt reaches the local mailbox and the project's history shows the report.
// axe-core checks every page of the journey, error states included; a second journey uses only the keyboard.

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Rochford.Lsp.Web.Tests;

public sealed class BrowserJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private LeadAppFixture Lead => browser.Lead;

    private async Task<JsonElement[]> MailboxAsync() => (await Lead.App.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!;

    /// <summary>The personal link of <paramref name="purpose"/> in the newest <paramref name="template"/> email to <paramref name="to"/>, as the lead would click it.</summary>
    private async Task<string> LinkFromMailboxAsync(string template, string to, string purpose)
    {
        for (var i = 0; i < 50; i++)
        {
            var message = (await MailboxAsync()).FirstOrDefault(m => m.GetProperty("template").GetString() == template
                && m.GetProperty("to").EnumerateArray().Any(t => t.GetString() == to));
            if (message.ValueKind == JsonValueKind.Object)
            {
                var link = message.GetProperty("links").EnumerateArray()
                    .Single(l => l.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == purpose);
                var url = link.GetProperty("url").GetString()!;
                Assert.StartsWith(Lead.App.BaseAddress.ToString(), url);
                return url;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No {template} email to {to} in the mailbox.");
    }

    /// <summary>Waits for the page to reach <paramref name="url"/>; on a timeout, says where the browser is and what the page says.</summary>
    private async Task ArriveAtAsync(IPage page, string url)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var events = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Note(string what) => events.Enqueue($"{started.ElapsedMilliseconds,6} ms {what}");
        EventHandler<IRequest> request = (_, r) => Note($"request {r.Method} {r.Url}");
        EventHandler<IRequest> finished = (_, r) => Note($"finished {r.Url}");
        EventHandler<IRequest> failed = (_, r) => Note($"failed {r.Url}: {r.Failure}");
        EventHandler<IResponse> response = (_, r) => Note($"response {r.Status} {r.Url}");
        EventHandler<IFrame> navigated = (_, f) => Note($"navigated {f.Url}");
        EventHandler<IPage> loaded = (_, _) => Note("load");
        EventHandler<IPage> domLoaded = (_, _) => Note("DOMContentLoaded");
        page.Request += request; page.RequestFinished += finished; page.RequestFailed += failed; page.Response += response;
        page.FrameNavigated += navigated; page.Load += loaded; page.DOMContentLoaded += domLoaded;
        Note($"waiting at {page.Url}");
        try
        {
            // Arrived means the browser is at the address and the page shows its heading. Not Playwright's WaitForURL: with
            // its default (the load event) it twice waited 30 s for a page that had loaded, in fresh CI runs; with
            // WaitUntil.Commit, when the page is already at the address, it waits for a "commit" load state that never comes.
            var pattern = new System.Text.RegularExpressions.Regex(
                "^" + System.Text.RegularExpressions.Regex.Escape(url).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$");
            while (!pattern.IsMatch(page.Url))
            {
                if (started.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"Timeout 30000ms exceeded waiting for {url}.");
                await Task.Delay(50);
            }
            await page.Locator("main h1").WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            var heading = await page.Locator("h1").AllInnerTextsAsync();
            var main = await page.Locator("main").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException(
                $"After {started.ElapsedMilliseconds} ms the browser was at {page.Url}, not {url}. Title: {await page.TitleAsync()}; h1: {string.Join(" | ", heading)}; "
                + $"page: {string.Join(" ", main).ReplaceLineEndings(" ")[..Math.Min(600, string.Join(" ", main).Length)]}. {ex.Message}\nWhat the page did:\n{string.Join("\n", events)}\nThe app's log ends:\n"
                + string.Join("\n", Lead.App.Log.Split('\n').TakeLast(60)));
        }
        finally
        {
            page.Request -= request; page.RequestFinished -= finished; page.RequestFailed -= failed; page.Response -= response;
            page.FrameNavigated -= navigated; page.Load -= loaded; page.DOMContentLoaded -= domLoaded;
        }
    }

    private static async Task AssertReceiptSentAsync(Func<Task<JsonElement[]>> mailbox, string leadEmail)
    {
        // The receipt is an outbox effect delivered just after the commit: allow it a moment.
        for (var i = 0; i < 50; i++)
        {
            if ((await mailbox()).Any(m => m.GetProperty("template").GetString() == "SubmissionReceipt"
                    && m.GetProperty("to").EnumerateArray().Any(t => t.GetString() == leadEmail)))
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"No SubmissionReceipt to {leadEmail} in the mailbox.");
    }

    [Fact]
    public async Task LeadJourney_RequestEmailLinkFillInCheckSubmit_ReceiptAndHistory_AxeCleanOnEveryPage()
    {
        var link = await LinkFromMailboxAsync("QuarterlyRequest", "roc1.lead@example.org", "SubmitReport");
        var token = link[(link.LastIndexOf('/') + 1)..];
        // BypassCSP only so that axe-core can be injected; the CSP itself is exercised by the keyboard journey.
        await using var context = await browser.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);
        Assert.Equal("Funded project progress report", await page.InnerTextAsync("h1"));
        await Axe.AssertNoViolationsAsync(page, "the report form");

        // Continue with nothing filled in: the error state.
        await page.ClickAsync("button:has-text('Continue')");
        Assert.StartsWith("Error:", await page.TitleAsync());
        Assert.True(await page.IsVisibleAsync(".govuk-error-summary"));
        await Axe.AssertNoViolationsAsync(page, "the report form with errors");

        await page.CheckAsync("input[name=status][value=Green]");
        await page.FillAsync("#statusComments", "Green: no expenditure on schemes in this quarter.");
        await page.FillAsync("#progressInLastPeriod", "4 High Risk Victims were offered the Sanctuary Scheme but declined.");
        await page.FillAsync("#futureWork", "Continued installation of Sanctuary Schemes throughout 2010/2011.");
        await page.FillAsync("#expenditure", "1,234.5");
        await page.ClickAsync("button:has-text('Continue')");
        Assert.Equal("Check your answers before submitting your report", await page.InnerTextAsync("h1"));
        Assert.Contains("£1,234.50", await page.InnerTextAsync(".govuk-summary-list"));
        await Axe.AssertNoViolationsAsync(page, "check your answers");

        await page.ClickAsync("button:has-text('Submit report')");
        await ArriveAtAsync(page, $"**/report/{token}/submitted");
        Assert.Equal("Report submitted", (await page.InnerTextAsync(".govuk-panel__title")).Trim());
        await Axe.AssertNoViolationsAsync(page, "the confirmation");

        await AssertReceiptSentAsync(MailboxAsync, "roc1.lead@example.org");
        Assert.Contains("ReportSubmitted", await Lead.HistoryTypesAsync("ROC1"));

        // The problem pages, in the browser too.
        await page.GotoAsync("report/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal("This link is not recognised", await page.InnerTextAsync("h1"));
        await Axe.AssertNoViolationsAsync(page, "the unknown-link page");
        var expired = await Lead.MintAsync("ROC1", expiresOn: new NodaTime.LocalDate(2010, 3, 1));
        await page.GotoAsync($"report/{expired}");
        Assert.Equal("This link has expired", await page.InnerTextAsync("h1"));
        await Axe.AssertNoViolationsAsync(page, "the expired-link page");
    }

    [Fact]
    public async Task InterimUpdate_FormAndErrors_AreAxeClean()
    {
        var token = await Lead.MintAsync("ROC7");
        await using var context = await browser.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"report/{token}");
        await page.CheckAsync("input[name=status][value=Red]");
        await page.FillAsync("#statusComments", "Venue lost.");
        await page.FillAsync("#progressInLastPeriod", "None.");
        await page.FillAsync("#futureWork", "Find a venue.");
        await page.ClickAsync("button:has-text('Continue')");
        await page.ClickAsync("button:has-text('Submit report')");
        await ArriveAtAsync(page, "**/submitted");
        // The Red report opened a Red watch: its notice email carries the interim-update link.
        var interim = await LinkFromMailboxAsync("RedNotice", "roc7.lead@example.org", "InterimUpdate");

        await page.GotoAsync(interim);
        await Axe.AssertNoViolationsAsync(page, "the interim update form");
        await page.ClickAsync("button:has-text('Send update')");
        Assert.StartsWith("Error:", await page.TitleAsync());
        await Axe.AssertNoViolationsAsync(page, "the interim update form with errors");
        await page.CheckAsync("input[name=status][value=Amber]");
        await page.FillAsync("#comments", "New venue booked.");
        await page.ClickAsync("button:has-text('Send update')");
        await ArriveAtAsync(page, "**/sent*");
        Assert.Equal("Update sent", (await page.InnerTextAsync(".govuk-panel__title")).Trim());
        await Axe.AssertNoViolationsAsync(page, "the interim update confirmation");
        Assert.Contains("InterimUpdateReceived", await Lead.HistoryTypesAsync("ROC7"));
    }

    [Fact]
    public async Task LeadJourney_KeyboardOnly_WithTheContentSecurityPolicyEnforced()
    {
        var link = await LinkFromMailboxAsync("QuarterlyRequest", "roc8.lead@example.org", "SubmitReport");
        var token = link[(link.LastIndexOf('/') + 1)..];
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var cspErrors = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) cspErrors.Add(message.Text); };
        page.PageError += (_, error) => cspErrors.Add(error);

        await page.GotoAsync(link);
        // GOV.UK Frontend started from the static module (no inline script): the character count is live.
        await page.WaitForSelectorAsync("body.govuk-frontend-supported");

        await TabToAsync(page, "input[name=status]");
        // Arrow keys move through a radio group and select as they go: Red, then Amber, then Green.
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.IsCheckedAsync("input[name=status][value=Green]"));
        await TabToAsync(page, "#statusComments");
        await page.Keyboard.TypeAsync("On target.");
        Assert.Contains("3,990 characters remaining", await page.InnerTextAsync(".govuk-character-count__status >> nth=0"));
        await TabToAsync(page, "#progressInLastPeriod");
        await page.Keyboard.TypeAsync("Officer appointed.");
        await TabToAsync(page, "#futureWork");
        await page.Keyboard.TypeAsync("Action plan produced.");
        await TabToAsync(page, "#expenditure");
        await page.Keyboard.TypeAsync("500");
        await TabToAsync(page, "button.govuk-button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("h1:has-text('Check your answers')");

        await TabToAsync(page, "button:not(.govuk-button--secondary)");
        await page.Keyboard.PressAsync("Enter");
        await ArriveAtAsync(page, $"**/report/{token}/submitted");

        Assert.Equal("Report submitted", (await page.InnerTextAsync(".govuk-panel__title")).Trim());
        Assert.Contains("Version 1: Green", await page.InnerTextAsync(".govuk-panel__body"));
        Assert.Empty(cspErrors);
        await AssertReceiptSentAsync(MailboxAsync, "roc8.lead@example.org");
        Assert.Contains("ReportSubmitted", await Lead.HistoryTypesAsync("ROC8"));
    }

    [Fact]
    public async Task OtherPagesAreAxeClean_AndTheHarnessReportsViolations_SoACleanRunMeansSomething()
    {
        await using var context = await browser.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("");
        await Axe.AssertNoViolationsAsync(page, "the home page");
        await page.GotoAsync("no/such/page");
        await Axe.AssertNoViolationsAsync(page, "the page-not-found page");
        await page.GotoAsync($"interim/{await Lead.MintAsync("ROC10", Reporting.Email.LinkPurpose.InterimUpdate)}");
        Assert.Equal("Interim updates are not needed now", await page.InnerTextAsync("h1"));
        await Axe.AssertNoViolationsAsync(page, "the interim-not-needed page");

        await page.SetContentAsync("<html><body><main><img src='x.png'><input type='text'></main></body></html>");
        var violations = await Axe.RunAsync(page);

        Assert.Contains(violations, v => v.Id == "image-alt");
        Assert.Contains(violations, v => v.Id == "label");
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/> (reading focus is not using the mouse).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
        }
        Assert.Fail($"Tabbing never reached {selector}.");
    }
}
