// The page of a quarter's report versions in real Chromium: a lead's report amended twice, then an officer signs in
// (development sign-in), opens the versions from the project page, compares two with the GET form, and sees the error
// state of a bad comparison. axe-core finds no violations on any of them.

using Microsoft.Playwright;

namespace Rochford.Lsp.Web.Tests;

public sealed class ReportVersionsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task VersionsAndComparison_WithTheErrorState_HaveNoAxeViolations()
    {
        var token = await browser.Lead.MintAsync("ROC3");
        await ReportVersionsPageTests.SendAsync(browser.Lead, token, new Dictionary<string, string>
        {
            ["status"] = "Green", ["statusComments"] = "On track.", ["progressInLastPeriod"] = "Leaflets printed.\nTwo events held.",
            ["futureWork"] = "Summer events.", ["expenditure"] = "300",
        }, 1);
        await ReportVersionsPageTests.SendAsync(browser.Lead, token, new Dictionary<string, string> { ["status"] = "Amber", ["statusComments"] = "A venue fell through." }, 2);
        await ReportVersionsPageTests.SendAsync(browser.Lead, token, new Dictionary<string, string> { ["futureWork"] = "Autumn events instead." }, 3);

        // BypassCSP only so that axe-core can be injected.
        await using var context = await browser.NewContextAsync(bypassCsp: true);
        var page = await StaffBrowser.SignInAtAsync(context, "/projects/ROC3", PackAndExportsTests.OfficerA);
        Assert.Equal(3, await page.Locator("#reports tr[data-quarter='2009-Q4'] li").CountAsync());
        await Axe.AssertNoViolationsAsync(page, "the project page with its versions and emails");

        await page.ClickAsync("#reports a:has-text('Compare versions')");
        await StaffBrowser.ArriveAtAsync(page, "/projects/ROC3/reports/2009-Q4?from=2&to=3");
        Assert.Equal("Version 2 compared with version 3", (await page.InnerTextAsync("#comparison-title")).Trim());
        Assert.Equal(["future-work"], await page.Locator("#changes tr[data-changed=yes]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.section)"));
        await Axe.AssertNoViolationsAsync(page, "the comparison of two versions");

        // The GET form: choose versions 1 and 3.
        await page.SelectOptionAsync("#from", "1");
        await page.SelectOptionAsync("#to", "3");
        await page.ClickAsync("button:has-text('Compare these versions')");
        await StaffBrowser.ArriveAtAsync(page, "/projects/ROC3/reports/2009-Q4?from=1&to=3");
        Assert.Equal(["status", "status-comments", "future-work"],
            await page.Locator("#changes tr[data-changed=yes]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.section)"));

        // The same version twice: the error state.
        await page.SelectOptionAsync("#from", "2");
        await page.SelectOptionAsync("#to", "2");
        await page.ClickAsync("button:has-text('Compare these versions')");
        await StaffBrowser.ArriveAtAsync(page, "/projects/ROC3/reports/2009-Q4?from=2&to=2");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.StartsWith("Error:", await page.TitleAsync());
        await Axe.AssertNoViolationsAsync(page, "the versions page with a bad comparison");
    }
}
