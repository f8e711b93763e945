// A project lead's browser against the app: the report link from the quarterly request in the local mailbox, the
// form (its cookie and antiforgery token), and the "Submit report" POST, each time with a new submission.

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Benchmarks;

/// <summary>One lead: cookies, the antiforgery token and the report link's token.</summary>
internal sealed partial class LeadBrowser(HttpClient http, string projectCode, string token)
{
    private string _antiforgery = "";
    private int _round;

    public string ProjectCode => projectCode;

    /// <summary>
    /// Each lead's report link, taken from the quarterly request emails in the app's mailbox (GET /dev/mailbox.json), as a
    /// lead would follow it; then each lead opens the form once.
    /// </summary>
    public static async Task<IReadOnlyList<LeadBrowser>> OpenAllAsync(AppUnderTest app, IReadOnlyList<string> projectCodes)
    {
        var tokens = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var mailbox = JsonDocument.Parse(await app.Http.GetStringAsync("dev/mailbox.json")))
        {
            foreach (var message in mailbox.RootElement.EnumerateArray())
            {
                if (message.GetProperty("template").GetString() != EmailTemplates.QuarterlyRequest) continue;
                foreach (var link in message.GetProperty("links").EnumerateArray())
                {
                    if (link.GetProperty("purpose").GetString() != nameof(LinkPurpose.SubmitReport)) continue;
                    var match = ReportPath().Match(new Uri(link.GetProperty("url").GetString()!).AbsolutePath);
                    if (!match.Success) continue;
                    foreach (var to in message.GetProperty("to").EnumerateArray())
                        tokens[to.GetString()!] = match.Groups[1].Value;
                }
            }
        }
        var leads = new List<LeadBrowser>();
        foreach (var code in projectCodes)
        {
            if (!tokens.TryGetValue(BenchProjects.LeadEmail(code), out var token))
                throw new InvalidOperationException($"No quarterly request with a report link reached {code}'s lead ({tokens.Count} did).");
            var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = app.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            leads.Add(new LeadBrowser(http, code, token));
        }
        await Task.WhenAll(leads.Select(l => l.OpenFormAsync()));
        return leads;
    }

    /// <summary>GET the report form; keeps its antiforgery token.</summary>
    public async Task OpenFormAsync()
    {
        using var response = await http.GetAsync($"report/{token}");
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET report form for {projectCode}: {(int)response.StatusCode}");
        _antiforgery = AntiforgeryField().Match(html).Groups[1].Value;
    }

    /// <summary>Submits (then amends) the report, each round a new submission with new comments; returns the submission id.</summary>
    public async Task<string> SubmitAsync()
    {
        var round = Interlocked.Increment(ref _round);
        // 22 letters and digits: the shape the page accepts as a submission id (the input id starts "web:SubmitQuarterlyReport:{id}:").
        var submissionId = $"{projectCode}r{round:D5}".PadRight(22, 'x');
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = _antiforgery,
            ["submissionId"] = submissionId,
            ["status"] = round % 2 == 0 ? "Green" : "Amber",
            ["statusComments"] = $"Round {round}: sessions running in Hullbridge and Great Wakering with excellent numbers.",
            ["progressInLastPeriod"] = "Taster sessions delivered in Canewdon met with limited success.",
            ["futureWork"] = "Identify other areas in the District where sessions can be delivered.",
            ["expenditure"] = $"{round * 10}.50",
        };
        using var response = await http.PostAsync($"report/{token}/confirm", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Submit report for {projectCode}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return submissionId;
    }

    /// <summary>The prefix of the workflow input id the page makes from <paramref name="submissionId"/>.</summary>
    public static string InputIdPrefix(string submissionId) => $"web:SubmitQuarterlyReport:{submissionId}:";

    [GeneratedRegex("^/report/([A-Za-z0-9_-]{20,})$")]
    private static partial Regex ReportPath();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
