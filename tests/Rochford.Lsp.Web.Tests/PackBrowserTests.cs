// The officers' quarterly pack and partnership pages in real Chromium: signing in through the development sign-in,
// then axe-core on the pack, the partnership page and its error state. No violations.

using Microsoft.Playwright;

namespace Rochford.Lsp.Web.Tests;

public sealed class PackBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PackAndPartnership_WithTheErrorState_HaveNoAxeViolations()
    {
        // BypassCSP only so that axe-core can be injected.
        await using var context = await browser.NewContextAsync(bypassCsp: true);
        var page = await StaffBrowser.SignInAtAsync(context, "/pack", PackAndExportsTests.OfficerA);
        Assert.Equal("Quarterly performance pack: Jan - Mar 2010", (await page.InnerTextAsync("main h1")).Trim());
        Assert.Equal(8, await page.Locator("section[aria-labelledby^=project-]").CountAsync());
        await Axe.AssertNoViolationsAsync(page, "the quarterly performance pack");

        // The quarter selector is a GET form: choosing a quarter changes the address, nothing else.
        await page.ClickAsync("button:has-text('Show this quarter')");
        await StaffBrowser.ArriveAtAsync(page, "/pack?quarter=2009-Q4");

        await page.ClickAsync("nav a:has-text('Partnership')");
        await StaffBrowser.ArriveAtAsync(page, "/partnership");
        Assert.Equal("The partnership", (await page.InnerTextAsync("main h1")).Trim());
        await Axe.AssertNoViolationsAsync(page, "the partnership page");

        // Leave one officer and a mistyped Executive Board address: the error state.
        await page.FillAsync("#officerName2", "");
        await page.FillAsync("#officerEmail2", "");
        await page.FillAsync("#executiveBoardEmail", "board-at-example.org");
        await page.ClickAsync("button:has-text(\"Change the partnership's contacts\")");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.StartsWith("Error:", await page.TitleAsync());
        Assert.Equal(2, await page.Locator(".govuk-error-summary__list a").CountAsync());
        await Axe.AssertNoViolationsAsync(page, "the partnership page with errors");
    }
}
