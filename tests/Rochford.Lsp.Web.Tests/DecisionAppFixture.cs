// One app process on a simulated clock moved to 27 May 2010: no project sent its Jan - Mar 2010 report, so each went Red
// on 25 April with a recovery deadline of 26 May, which passed. Every project now has a withdrawal proposed, the
// officers' ApprovalRequest emails carry their decision links and the Executive's escalation its summary link; the
// Jan - Mar 2010 quarterly digest (due 26 April) carries the Executive's pack link. Tests take links from the local
// mailbox, as the officers and the Executive would click them, one project per test.

using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Playwright;
using NodaTime;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Services.Links;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Web.Tests;

public sealed class DecisionAppFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2010-03-16T09:00:00Z");
    public static readonly DateTimeOffset WithdrawalsProposed = DateTimeOffset.Parse("2010-05-27T12:00:00Z");

    public const string OfficerA = "lsp.officer.a@example.org";
    public const string OfficerB = "lsp.officer.b@example.org";
    public const string Executive = "lsp.executive@example.org";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public AppProcess App { get; private set; } = null!;

    public LinkTokenStore Links { get; private set; } = null!;

    public SimulatedClock Clock { get; } = new(WithdrawalsProposed);

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        App = await AppProcess.StartAsync(azurite, new Dictionary<string, string> { ["Clock__SimulatedStart"] = Start.ToString("O") });
        using var moved = await App.Http.PostAsJsonAsync("dev/clock", new { advanceTo = WithdrawalsProposed });
        moved.EnsureSuccessStatusCode();
        Links = new LinkTokenStore(new TableClient(App.ConnectionString, App.TablePrefix + "links"), Clock);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>Chromium, started on first use (see <see cref="BrowserFixture"/>).</summary>
    public async Task<IBrowserContext> NewBrowserContextAsync()
    {
        if (_browser is null)
        {
            if (!File.Exists(BrowserFixture.ChromiumPath))
                throw new InvalidOperationException($"{BrowserFixture.ChromiumPath} is missing: run scripts/ensure-chromium.sh (./test.sh does).");
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserFixture.ChromiumPath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
        }
        // BypassCSP only so that axe-core can be injected.
        return await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString(), BypassCSP = true });
    }

    public PageClient NewClient() => new(App.BaseAddress);

    /// <summary>The path (no leading slash) of the <paramref name="purpose"/> link in the newest <paramref name="template"/> email about <paramref name="project"/> to <paramref name="to"/>.</summary>
    public async Task<string> LinkFromMailboxAsync(string template, string project, string to, string purpose)
    {
        for (var i = 0; i < 100; i++)
        {
            var messages = (await App.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!;
            var message = messages.FirstOrDefault(m => m.GetProperty("template").GetString() == template
                && m.GetProperty("to").EnumerateArray().Any(t => t.GetString() == to)
                && System.Text.RegularExpressions.Regex.IsMatch(m.GetProperty("subject").GetString()!, $@"\b{project}\b"));
            if (message.ValueKind == JsonValueKind.Object)
            {
                var link = message.GetProperty("links").EnumerateArray()
                    .Single(l => l.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == purpose);
                var url = link.GetProperty("url").GetString()!;
                Assert.StartsWith(App.BaseAddress.ToString(), url);
                return url[App.BaseAddress.ToString().Length..];
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No {template} email about {project} to {to} in the mailbox.");
    }

    /// <summary>
    /// The path of the Executive Board's pack link in the Jan - Mar 2010 quarterly digest. The digest was due on 26 April; the
    /// app's timer sends it within Workflow:TickInterval of the clock passing that day, and /dev/tick sends it now.
    /// </summary>
    public async Task<string> PackLinkFromDigestAsync()
    {
        using var tick = await App.Http.PostAsync("dev/tick", null);
        tick.EnsureSuccessStatusCode();
        for (var i = 0; i < 100; i++)
        {
            var digest = (await App.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!.FirstOrDefault(m =>
                m.GetProperty("template").GetString() == "QuarterlyDigest" && m.GetProperty("to").EnumerateArray().Any(t => t.GetString() == Executive));
            if (digest.ValueKind == JsonValueKind.Object)
            {
                var url = digest.GetProperty("links").EnumerateArray()
                    .Single(l => l.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == "QuarterlyPack")
                    .GetProperty("url").GetString()!;
                Assert.StartsWith(App.BaseAddress.ToString(), url);
                return url[App.BaseAddress.ToString().Length..];
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("No quarterly digest to the Executive Board in the mailbox.");
    }

    /// <summary>Mints a quarterly pack link for <paramref name="quarter"/> (none: a link without one) the way the digest does.</summary>
    public Task<string> MintPackAsync(Reporting.Dates.FinancialQuarter? quarter, LocalDate expiresOn, LinkPurpose purpose = LinkPurpose.QuarterlyPack) =>
        Links.CreateAsync(new EmailLink(purpose, "partnership", quarter, expiresOn), Executive, $"test-{Guid.NewGuid():N}", CancellationToken.None);

    /// <summary>Mints a link for <paramref name="recipient"/> the way the email glue does.</summary>
    public Task<string> MintAsync(string project, LinkPurpose purpose, string recipient, LocalDate? expiresOn = null) =>
        Links.CreateAsync(new EmailLink(purpose, project, null, expiresOn ?? new LocalDate(2010, 6, 26)), recipient, $"test-{Guid.NewGuid():N}", CancellationToken.None);

    /// <summary><paramref name="project"/>'s history rows as JSON (the dev view waits for what the app raised).</summary>
    public async Task<JsonElement[]> HistoryAsync(string project) =>
        await App.HistoryAsync(project);

    public async Task<string[]> HistoryTypesAsync(string project) => [.. (await HistoryAsync(project)).Select(e => e.GetProperty("type").GetString()!)];

    /// <summary>Waits until <paramref name="project"/>'s history has a row of <paramref name="type"/> (for inputs this app did not raise).</summary>
    public Task WaitForHistoryAsync(string project, string type) => App.WaitForHistoryAsync(project, type);

    /// <summary>
    /// Raises an officer's input as the officers' own pages will (they are not part of this work): a message on the app's
    /// task hub in Azurite, carrying the same <see cref="WorkflowInput"/> a page would, at the simulated time.
    /// </summary>
    public Task RaiseAsync(string project, string inputId, string name, object payload) =>
        RaiseAsync(App, project, inputId, name, JsonSerializer.Serialize(payload));

    /// <summary>Raises <paramref name="name"/> with <paramref name="payloadJson"/> on <paramref name="app"/>'s instance <paramref name="instanceId"/>, at its simulated time.</summary>
    public static async Task RaiseAsync(AppProcess app, string instanceId, string inputId, string name, string payloadJson)
    {
        var now = (await app.Http.GetFromJsonAsync<JsonElement>("dev/clock")).GetProperty("now").GetDateTimeOffset();
        var input = new WorkflowInput(inputId, name, payloadJson, now);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(app.ConnectionString),
            TaskHubName = new Web.Workflow.WorkflowOptions().TaskHubFor(app.TablePrefix),
            // The hub's partition count, as the app's engine has it: an instance's messages go to the control queue its id hashes to.
            PartitionCount = Rochford.Lsp.LocalEngine.TaskHubSettings.FromRepositoryHostJson().PartitionCount,
        });
        await service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new EventRaisedEvent(-1, JsonSerializer.Serialize(input)) { Name = WorkflowInput.EventName },
        });
    }
}
