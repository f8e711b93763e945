// What the staff pages' tests share: waiting for the browser to arrive at an address, signing in through the development
// sign-in (in Chromium or over HTTP), and an address for every staff route of the table (so a route added there is covered here).

using Microsoft.Playwright;
using Rochford.Lsp.Pages.Routing;

namespace Rochford.Lsp.Web.Tests;

public static class StaffBrowser
{
    /// <summary>Waits until the browser's address ends with <paramref name="pathAndQuery"/> and its page shows a heading; says where it is otherwise.</summary>
    public static async Task ArriveAtAsync(IPage page, string pathAndQuery)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!new Uri(page.Url).PathAndQuery.EndsWith(pathAndQuery, StringComparison.Ordinal))
        {
            if (started.Elapsed > TimeSpan.FromSeconds(30))
                throw new Xunit.Sdk.XunitException($"The browser is at {page.Url}, not {pathAndQuery}: {await page.Locator("main").InnerTextAsync()}");
            await Task.Delay(50);
        }
        await page.Locator("main h1").WaitForAsync();
    }

    /// <summary>Opens <paramref name="path"/> in a new page, is sent to the development sign-in, signs in as <paramref name="officer"/> and comes back.</summary>
    public static async Task<IPage> SignInAtAsync(IBrowserContext context, string path, string officer)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path.TrimStart('/'));
        await ArriveAtAsync(page, $"/dev/sign-in?returnUrl={Uri.EscapeDataString(path)}");
        await page.CheckAsync($"input[name=officer][value='{officer}']");
        await page.ClickAsync("main button:has-text('Sign in')");
        await ArriveAtAsync(page, path);
        return page;
    }

    /// <summary>Signs <paramref name="client"/> in through the development sign-in as the configured officer <paramref name="officer"/>.</summary>
    public static async Task<PageClient> SignInAsync(PageClient client, string officer)
    {
        var form = await client.GetAsync("dev/sign-in?returnUrl=%2Fdashboard");
        var done = await client.SubmitAsync(form, new Dictionary<string, string> { ["officer"] = officer });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, done.Status);
        Assert.Equal("/dashboard", done.Location);
        return client;
    }

    /// <summary>An address of every staff route of the table, every step of a route with steps, on <paramref name="project"/> and 2009-Q4.</summary>
    public static IReadOnlyList<string> StaffPaths(string project = "ROC4") =>
    [
        .. PageRoutes.All.Where(r => r.Kind == RouteKind.StaffPage)
            .SelectMany(r => r.Steps.Count > 0 ? r.Steps.Select(step => r.Template.Replace("{step}", step, StringComparison.Ordinal)) : [r.Template])
            .Select(t => t.Replace("{code}", project, StringComparison.Ordinal).Replace("{quarter}", "2009-Q4", StringComparison.Ordinal)
                .Replace("{name}", "projects", StringComparison.Ordinal)),
    ];
}
