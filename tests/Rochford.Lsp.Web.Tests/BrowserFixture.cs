// Real Chromium (Debian's /usr/bin/chromium, installed by scripts/ensure-chromium.sh) driven by Playwright's
// .NET driver, which runs offline from the NuGet package. Playwright never downloads a browser here.

using System.Text.Json;
using Microsoft.Playwright;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Web.Tests;

/// <summary>The app on a simulated clock (see <see cref="LeadAppFixture"/>) and one Chromium for a test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public LeadAppFixture Lead { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/ensure-chromium.sh (./test.sh does).");
        await Lead.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, as every browser test drives it.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Lead.DisposeAsync();
    }

    /// <summary>A new browser context on the app. <paramref name="bypassCsp"/> only so axe-core can be injected.</summary>
    public Task<IBrowserContext> NewContextAsync(bool bypassCsp = false) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Lead.App.BaseAddress.ToString(),
        BypassCSP = bypassCsp,
        JavaScriptEnabled = true,
    });
}

/// <summary>Runs axe-core (from node_modules, pinned in package.json) in the page and returns its violations.</summary>
public static class Axe
{
    private static readonly string Script = File.ReadAllText(Path.Combine(AzuriteServer.RepositoryRoot(), "node_modules", "axe-core", "axe.min.js"));

    public sealed record Violation(string Id, string Help, string[] Targets)
    {
        public override string ToString() => $"{Id}: {Help} ({string.Join(", ", Targets)})";
    }

    /// <summary>The WCAG 2.2 A/AA and best-practice violations on the page as it is now.</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
              return r.violations.map(v => ({ id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """);
        return [.. result.EnumerateArray().Select(v => new Violation(v.GetProperty("id").GetString()!, v.GetProperty("help").GetString()!,
            [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))];
    }

    /// <summary>Fails with the list of violations, naming the page.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await RunAsync(page);
        Assert.True(violations.Count == 0, $"axe-core found violations on {what} ({page.Url}):\n{string.Join("\n", violations)}");
    }
}
