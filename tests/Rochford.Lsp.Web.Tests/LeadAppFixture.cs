// One app process per test class on a simulated clock, moved to just after every project's Q4 2009-10
// request (17 March 2010), with helpers to mint personal links through the app's own LinkTokenStore.

using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using NodaTime;
using Rochford.Lsp.Workflow;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Services.Links;

namespace Rochford.Lsp.Web.Tests;

public sealed class LeadAppFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2010-03-16T09:00:00Z");
    public static readonly DateTimeOffset RequestsSent = DateTimeOffset.Parse("2010-03-17T09:00:00Z");
    public static readonly FinancialQuarter Q4 = new(2009, 4);

    public AppProcess App { get; private set; } = null!;

    /// <summary>The simulated "now" the app is at, for minting links whose expiry the app judges.</summary>
    public SimulatedClock Clock { get; } = new(RequestsSent);

    public LinkTokenStore Links { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        App = await AppProcess.StartAsync(azurite, new Dictionary<string, string> { ["Clock__SimulatedStart"] = Start.ToString("O") });
        using var moved = await App.Http.PostAsJsonAsync("dev/clock", new { advanceTo = RequestsSent });
        moved.EnsureSuccessStatusCode();
        Links = new LinkTokenStore(new TableClient(App.ConnectionString, App.TablePrefix + "links"), Clock);
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>Mints a link the way the email glue does (through the store), returning the token.</summary>
    public Task<string> MintAsync(string project, LinkPurpose purpose = LinkPurpose.SubmitReport, FinancialQuarter? quarter = null, LocalDate? expiresOn = null) =>
        Links.CreateAsync(new EmailLink(purpose, project, purpose == LinkPurpose.SubmitReport ? quarter ?? Q4 : quarter, expiresOn ?? new LocalDate(2010, 5, 31)),
            $"{project.ToLowerInvariant()}.lead@example.org", $"test-{Guid.NewGuid():N}", CancellationToken.None);

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (so tests see them).</summary>
    public PageClient NewClient() => new(App.BaseAddress);

    /// <summary>The types of <paramref name="project"/>'s history rows, oldest first (the dev view waits for what was raised).</summary>
    public async Task<string[]> HistoryTypesAsync(string project) =>
        [.. (await App.Http.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"dev/instances/{project}/history.json"))!.Select(e => e.GetProperty("type").GetString()!)];
}

/// <summary>A cookie-keeping HTTP client that reads pages with AngleSharp and posts their forms.</summary>
public sealed class PageClient : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public PageClient(Uri baseAddress)
    {
        Http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public async Task<Page> GetAsync(string path) => await Page.ReadAsync(await Http.GetAsync(path));

    /// <summary>Posts the page's form <paramref name="formIndex"/> with its fields, overridden by <paramref name="changes"/>.</summary>
    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string>? changes = null, string? action = null, int formIndex = 0)
    {
        var form = page.Document.Forms[formIndex];
        var fields = Fields(form);
        foreach (var (key, value) in changes ?? new Dictionary<string, string>()) fields[key] = value;
        return await PostAsync(action ?? form.GetAttribute("action")!, fields);
    }

    public async Task<Page> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        await Page.ReadAsync(await Http.PostAsync(path, new FormUrlEncodedContent(fields)));

    /// <summary>The report form's fields answered Green with <paramref name="comments"/> (for tests about what is sent, not what is said).</summary>
    public static Dictionary<string, string> GreenAnswers(Page form, string comments = "Fine.")
    {
        var fields = Fields(form.Document.Forms[0]);
        fields["status"] = "Green";
        fields["statusComments"] = comments;
        fields["progressInLastPeriod"] = "Some.";
        fields["futureWork"] = "More.";
        return fields;
    }

    public static Dictionary<string, string> Fields(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            if (input.Type is "radio" or "checkbox" && !input.IsChecked) continue;
            fields[input.Name!] = input.Value;
        }
        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea")) fields[area.Name!] = area.Value;
        return fields;
    }

    public void Dispose() => Http.Dispose();

    public sealed record Page(HttpResponseMessage Response, string Html, IHtmlDocument Document)
    {
        public HttpStatusCode Status => Response.StatusCode;
        public string? Location => Response.Headers.Location?.OriginalString;
        public string Text => Document.Body?.TextContent ?? "";
        public string H1 => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            return new Page(response, html, Parser.ParseDocument(html));
        }
    }
}
