// "Every link in every email opens a working page" (issue 13), checked on the real app on the simulated clock: a story
// through one financial quarter that makes the app send every kind of email it has, and every link of every message
// (the HTML's and the text's) opened as its reader would, when it arrives: personal links (report/, interim/, summary/,
// decide/, packs/) with no sign-in and no cookies, links to officers' pages signed in as the officer it was sent to, and
// only in messages every reader of which is an officer. Each must answer 200 with its page: links are opened when their
// email arrives because that is when people follow them; later the story itself uses single-use decision links and the
// clock passes expiry dates, which other tests cover (LinkProblemPageTests, ExecutiveDecisionTests). The one later answer
// checked here is for the decision links the story used: "This link has already been used" (410), a page, not an error.
// Run: dotnet test tests/Rochford.Lsp.Web.Tests -c Release --filter "FullyQualifiedName~EmailLinksTests"

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Testing;
using Xunit.Abstractions;

namespace Rochford.Lsp.Web.Tests;

public sealed partial class EmailLinksTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string OfficerA = "lsp.officer.a@example.org";
    private const string OfficerB = "lsp.officer.b@example.org";

    /// <summary>
    /// The templates whose messages carry at least one link. With <see cref="WithoutLinks"/> they are every template: a new
    /// one fails this test until the story sends it and it is listed here, so a new kind of link cannot go unopened.
    /// </summary>
    private static readonly string[] WithLinks =
    [
        EmailTemplates.QuarterlyRequest, EmailTemplates.Reminder, EmailTemplates.OverdueChase, EmailTemplates.NoReportReceived,
        EmailTemplates.SubmissionReceipt, EmailTemplates.DueDateChanged, EmailTemplates.ChangesRequested, EmailTemplates.RedNotice,
        EmailTemplates.DeadlineExtended, EmailTemplates.ExecutiveEscalation, EmailTemplates.ApprovalRequest, EmailTemplates.ApprovalReminder,
        EmailTemplates.ExecutiveChairReEscalation, EmailTemplates.ReallocationProposal, EmailTemplates.ReallocationRejected,
        EmailTemplates.ReallocationRefused, EmailTemplates.FundingNotRecorded, EmailTemplates.QuarterlyDigest,
    ];

    /// <summary>The templates that say what happened and link nowhere.</summary>
    private static readonly string[] WithoutLinks =
    [
        EmailTemplates.InterimUpdateReceipt, EmailTemplates.WithdrawalApproved, EmailTemplates.WithdrawalRejected,
        EmailTemplates.ReallocationApproved, EmailTemplates.FundsReceived,
    ];

    private static readonly HtmlParser Parser = new();

    // Every message read, in the order read (the simulated clock gives messages of one moment the same sentAt).
    private readonly List<JsonElement> _read = [];
    private readonly SortedDictionary<string, SortedSet<string>> _linksByTemplate = new(StringComparer.Ordinal);
    private readonly HashSet<LinkPurpose> _purposes = [];
    private readonly List<string> _usedDecisionLinks = [];
    private AppProcess _app = null!;
    private PageClient _officerA = null!;
    private PageClient _officerB = null!;

    public async Task InitializeAsync()
    {
        _app = await AppProcess.StartAsync(await AzuriteServer.SharedAsync(),
            new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" });
        _officerA = await StaffAppFixture.SignedInAsync(_app, OfficerA);
        _officerB = await StaffAppFixture.SignedInAsync(_app, OfficerB);
    }

    public async Task DisposeAsync()
    {
        _officerA?.Dispose();
        _officerB?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    [Fact]
    public async Task EveryLinkInEveryKindOfEmail_OpensAWorkingPageForItsReader_WhenItArrives()
    {
        // 17 Mar 2010: every lead is asked for the Jan - Mar 2010 report.
        await AdvanceAsync("2010-03-17T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.QuarterlyRequest, "ROC1"), (EmailTemplates.QuarterlyRequest, "ROC10"));

        // ROC1 and ROC7 report Green; ROC3 and ROC8 report Red, which starts their Red watch (an interim-update link).
        await SendReportAsync(LinkPath(EmailTemplates.QuarterlyRequest, "ROC1", LinkPurpose.SubmitReport), "Green");
        await SendReportAsync(LinkPath(EmailTemplates.QuarterlyRequest, "ROC7", LinkPurpose.SubmitReport), "Green");
        await SendReportAsync(LinkPath(EmailTemplates.QuarterlyRequest, "ROC3", LinkPurpose.SubmitReport), "Red");
        await SendReportAsync(LinkPath(EmailTemplates.QuarterlyRequest, "ROC8", LinkPurpose.SubmitReport), "Red");
        await ReadNewMailAsync((EmailTemplates.SubmissionReceipt, "ROC1"), (EmailTemplates.SubmissionReceipt, "ROC7"),
            (EmailTemplates.RedNotice, "ROC3"), (EmailTemplates.RedNotice, "ROC8"));

        // ROC3's lead sends an Amber interim update: its watch closes.
        await SendInterimAsync(LinkPath(EmailTemplates.RedNotice, "ROC3", LinkPurpose.InterimUpdate), "Amber");
        // An officer moves ROC6's due date to 20 April.
        await ActAsync(_officerA, "ROC6", "due-date", new() { ["dueOn-day"] = "20", ["dueOn-month"] = "4", ["dueOn-year"] = "2010", ["reason"] = "The co-ordinator is away." });
        await ReadNewMailAsync((EmailTemplates.InterimUpdateReceipt, "ROC3"), (EmailTemplates.DueDateChanged, "ROC6"));

        // Reminders (10 Apr, ROC6's on 15 Apr), overdue chases (16 Apr, ROC6's on 21 Apr).
        await AdvanceAsync("2010-04-10T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.Reminder, "ROC4"));
        await AdvanceAsync("2010-04-16T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.OverdueChase, "ROC4"), (EmailTemplates.Reminder, "ROC6"));
        // 25 Apr: no report from ROC4, ROC9 and ROC10, so they are Red; 26 Apr: the quarter's digest to the Executive Board.
        await AdvanceAsync("2010-04-26T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.NoReportReceived, "ROC4"), (EmailTemplates.RedNotice, "ROC4"), (EmailTemplates.OverdueChase, "ROC6"),
            (EmailTemplates.QuarterlyDigest, null));

        // An officer sets ROC4's recovery deadline to 20 May.
        await ActAsync(_officerA, "ROC4", "deadline", new() { ["deadline-day"] = "20", ["deadline-month"] = "5", ["deadline-year"] = "2010", ["whatIsNeeded"] = "A recovery plan." });
        await ReadNewMailAsync((EmailTemplates.RedNotice, "ROC4"));
        await AdvanceAsync("2010-05-01T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.NoReportReceived, "ROC6"), (EmailTemplates.RedNotice, "ROC6"));

        // 21 May: ROC4 is still Red after its deadline: the Executive is told and the officers asked to decide.
        await AdvanceAsync("2010-05-21T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.ExecutiveEscalation, "ROC4"), (EmailTemplates.ApprovalRequest, "ROC4"));
        // Officer A approves the withdrawal from the emailed link, proposes a reallocation to ROC1; B rejects it from the email.
        await DecideByLinkAsync(LinkPath(EmailTemplates.ApprovalRequest, "ROC4", LinkPurpose.DecideWithdrawal, OfficerA),
            new() { ["decision"] = "approve", ["approveDate-day"] = "21", ["approveDate-month"] = "5", ["approveDate-year"] = "2010", ["minuteReference"] = "LSP Executive 21 May 2010, item 3" });
        await ReadNewMailAsync((EmailTemplates.WithdrawalApproved, "ROC4"));
        await ActAsync(_officerA, "ROC4", "reallocate", new() { ["amount-ROC1"] = "5,000", ["note"] = "ROC1 serves the same residents." });
        await ReadNewMailAsync((EmailTemplates.ReallocationProposal, "ROC4"));
        await DecideByLinkAsync(LinkPath(EmailTemplates.ReallocationProposal, "ROC4", LinkPurpose.ApproveReallocation, OfficerB),
            new() { ["decision"] = "reject", ["rejectReason"] = "Share it with ROC7 too." });
        await ReadNewMailAsync((EmailTemplates.ReallocationRejected, "ROC4"));
        // A proposes ROC1 and ROC7; ROC1 is then completed, so when B approves, ROC1 refuses its share and ROC7 receives its own.
        await ActAsync(_officerA, "ROC4", "reallocate", new() { ["amount-ROC1"] = "5,000", ["amount-ROC7"] = "5,000" });
        await ReadNewMailAsync((EmailTemplates.ReallocationProposal, "ROC4"));
        await ActAsync(_officerA, "ROC1", "complete", new() { ["note"] = "Every installation is done." });
        await WaitForHistoryAsync("ROC1", nameof(Reporting.ProjectCompleted));
        await DecideByLinkAsync(LinkPath(EmailTemplates.ReallocationProposal, "ROC4", LinkPurpose.ApproveReallocation, OfficerB), new() { ["decision"] = "approve" });
        await ReadNewMailAsync((EmailTemplates.ReallocationApproved, "ROC4"), (EmailTemplates.FundsReceived, "ROC7"), (EmailTemplates.ReallocationRefused, "ROC4"));
        // A movement the partnership's ledger cannot take (ROC9 paid more than it was awarded) is put before the officers.
        await DecisionAppFixture.RaiseAsync(_app, PartnershipCycle.InstanceId, "test:overpayment", RecordFunding.Name,
            new RecordFunding(FundingStream.PerformanceRewardGrant, FundingMove.Release, "test-overpayment", "ROC9", Money.Pounds(1_000_000)).ToJson());
        await ReadNewMailAsync((EmailTemplates.FundingNotRecorded, "ROC9"));

        // 27 May: ROC6, ROC8, ROC9 and ROC10 passed the usual 26 May deadline while Red.
        await AdvanceAsync("2010-05-27T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.ApprovalRequest, "ROC6"), (EmailTemplates.ApprovalRequest, "ROC8"), (EmailTemplates.ExecutiveEscalation, "ROC10"));
        // ROC6 gets more time; ROC8's lead is asked to correct its report, sends it Green, and the withdrawal is rejected.
        await ActAsync(_officerB, "ROC6", "withdrawal", new()
        {
            ["decision"] = "extend",
            ["newDeadline-day"] = "30",
            ["newDeadline-month"] = "6",
            ["newDeadline-year"] = "2010",
            ["reason"] = "A new co-ordinator starts in June.",
        });
        await ActAsync(_officerA, "ROC8", "review", new() { ["outcome"] = "ChangesRequested", ["note"] = "The officer is in post: is the project still Red?" },
            [new("sections", "Status"), new("sections", "StatusComments")]);
        await ReadNewMailAsync((EmailTemplates.DeadlineExtended, "ROC6"), (EmailTemplates.ChangesRequested, "ROC8"));
        await SendReportAsync(LinkPath(EmailTemplates.ChangesRequested, "ROC8", LinkPurpose.SubmitReport), "Green");
        await ReadNewMailAsync((EmailTemplates.SubmissionReceipt, "ROC8"));
        await ActAsync(_officerA, "ROC8", "withdrawal", new() { ["decision"] = "reject", ["reason"] = "The corrected report is Green." });
        await ReadNewMailAsync((EmailTemplates.WithdrawalRejected, "ROC8"));

        // ROC9 and ROC10 stay undecided: the officers are reminded (1 Jun), then the Executive's chair is told (6 Jun).
        await AdvanceAsync("2010-06-01T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.ApprovalReminder, "ROC9"), (EmailTemplates.ApprovalReminder, "ROC10"));
        await AdvanceAsync("2010-06-06T12:00:00Z");
        await ReadNewMailAsync((EmailTemplates.ExecutiveChairReEscalation, "ROC9"), (EmailTemplates.ExecutiveChairReEscalation, "ROC10"));
        await ReadNewMailAsync();

        var sent = _read.Select(m => m.GetProperty("template").GetString()!).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"{_read.Count} messages read. Templates with links, and what their links opened:");
        foreach (var (template, links) in _linksByTemplate) output.WriteLine($"  {template}: {string.Join(", ", links)}");
        // Every kind of email was sent, each is listed as linking or not, and exactly the listed ones carried links.
        Assert.Equal(AllTemplates().Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
        Assert.Equal(AllTemplates().Order(StringComparer.Ordinal), WithLinks.Concat(WithoutLinks).Order(StringComparer.Ordinal));
        Assert.Equal(WithLinks.Order(StringComparer.Ordinal), _linksByTemplate.Keys);
        Assert.Equal(Enum.GetValues<LinkPurpose>().Order(), _purposes.Order());

        // A decision link works once: the story used these, and afterwards each says so on a plain page (410), not an error.
        Assert.Equal(3, _usedDecisionLinks.Count);
        foreach (var path in _usedDecisionLinks)
        {
            using var anyone = new PageClient(_app.BaseAddress);
            var again = await anyone.GetAsync(path);
            Assert.True(again.Status == HttpStatusCode.Gone && again.H1 == "This link has already been used", $"{path} after use: {(int)again.Status} {again.H1}");
        }
    }

    private static IEnumerable<string> AllTemplates() =>
        typeof(EmailTemplates).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    private async Task AdvanceAsync(string to)
    {
        using var moved = await _app.Http.PostAsJsonAsync("dev/clock", new { advanceTo = to });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        // The timer's work (the quarterly digest) at the new time, as the app's own timer would do within a minute.
        using var tick = await _app.Http.PostAsync("dev/tick", null);
        Assert.Equal(HttpStatusCode.OK, tick.StatusCode);
    }

    /// <summary>
    /// Waits until the mailbox has a message not read yet of each <paramref name="expected"/> template (about the project,
    /// when one is named), then reads every new message and opens each of its links.
    /// </summary>
    private async Task ReadNewMailAsync(params (string Template, string? Project)[] expected)
    {
        JsonElement[] fresh = [];
        var missing = expected.ToList();
        for (var waited = 0; waited < 600; waited++)
        {
            fresh = [.. (await _app.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!
                .Where(m => !_read.Any(r => r.GetProperty("messageId").GetString() == m.GetProperty("messageId").GetString()))];
            missing = [.. expected.Where(e => !fresh.Any(m => m.GetProperty("template").GetString() == e.Template && About(m, e.Project)))];
            if (missing.Count == 0) break;
            await Task.Delay(100);
        }
        Assert.True(missing.Count == 0, $"No new {string.Join(", ", missing)} email arrived. New: {string.Join(", ", fresh.Select(m => m.GetProperty("subject").GetString()))}");
        foreach (var message in fresh.OrderBy(m => m.GetProperty("sentAt").GetDateTimeOffset()))
        {
            await OpenEveryLinkAsync(message);
            _read.Add(message);
        }
    }

    private static bool About(JsonElement message, string? project) =>
        project is null || Regex.IsMatch(message.GetProperty("subject").GetString()!, $@"\b{project}\b");

    /// <summary>Opens every link of <paramref name="message"/> as its reader would, and checks that the page works.</summary>
    private async Task OpenEveryLinkAsync(JsonElement message)
    {
        var template = message.GetProperty("template").GetString()!;
        var id = message.GetProperty("messageId").GetString()!;
        var recipients = message.GetProperty("to").EnumerateArray().Concat(message.GetProperty("cc").EnumerateArray()).Select(a => a.GetString()!).ToList();
        var links = message.GetProperty("links").EnumerateArray().Select(l => (
            Url: l.GetProperty("url").GetString()!,
            Purpose: l.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.String ? Enum.Parse<LinkPurpose>(p.GetString()!) : (LinkPurpose?)null)).ToList();
        // Every link in the HTML and in the text is one the message lists (mailto: is the contact line, not a page).
        var hrefs = Parser.ParseDocument(message.GetProperty("html").GetString()!).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .Where(h => !h.StartsWith("mailto:", StringComparison.Ordinal));
        var inText = UrlPattern().Matches(message.GetProperty("text").GetString()!).Select(m => m.Value);
        foreach (var url in hrefs.Concat(inText))
            Assert.True(links.Any(l => l.Url == url), $"{id} ({template}) has a link it does not list: {url}");

        foreach (var (url, purpose) in links)
        {
            Assert.StartsWith(_app.BaseAddress.AbsoluteUri, url);
            var path = url[_app.BaseAddress.AbsoluteUri.Length..];
            var route = RouteOf(path);
            string opened;
            PageClient.Page page;
            if (purpose is { } personal)
            {
                // A personal link is the key: opened with no sign-in and no cookies, on the page of its own kind.
                Assert.True(route?.Kind == RouteKind.LinkPage, $"{id} ({template}): the {personal} link {path} is not a personal-link page ({route?.Name ?? "no route"}).");
                using var anyone = new PageClient(_app.BaseAddress);
                page = await anyone.GetAsync(path);
                opened = $"{personal} ({route!.Template})";
                _purposes.Add(personal);
            }
            else
            {
                // A link to an officers' page is only for officers: every reader of this message must be one.
                Assert.True(route?.Kind == RouteKind.StaffPage, $"{id} ({template}): {path} is neither a personal link nor an officers' page ({route?.Name ?? "no route"}).");
                Assert.True(recipients.All(r => r is OfficerA or OfficerB), $"{id} ({template}) to {string.Join(", ", recipients)} links to the officers' page {path}, which would refuse them.");
                page = await (recipients.Contains(OfficerA) ? _officerA : _officerB).GetAsync(path);
                opened = $"officers' {route!.Template}";
            }
            Assert.True(page.Status == HttpStatusCode.OK && page.H1.Length > 0,
                $"{id} ({template}) to {string.Join(", ", recipients)}: {path} answered {(int)page.Status} \"{page.H1}\" {page.Location}");
            if (!_linksByTemplate.TryGetValue(template, out var kinds)) _linksByTemplate[template] = kinds = new(StringComparer.Ordinal);
            kinds.Add(opened);
        }
    }

    /// <summary>The route of the table a path (without the leading slash) is served by; null for the "not found" fallback.</summary>
    private static PageRoute? RouteOf(string pathAndQuery)
    {
        var segments = pathAndQuery.Split('?')[0].Split('/');
        return PageRoutes.All.Where(r => r.Kind != RouteKind.Fallback).FirstOrDefault(r =>
        {
            var parts = r.Template.Split('/');
            if (parts.Length > 0 && parts[^1].StartsWith("{*", StringComparison.Ordinal))
                return segments.Length >= parts.Length && parts[..^1].Zip(segments).All(p => Matches(p.First, p.Second));
            return parts.Length == segments.Length && parts.Zip(segments).All(p => Matches(p.First, p.Second))
                && (!r.Template.EndsWith("{step}", StringComparison.Ordinal) || r.Steps.Contains(segments[^1]));
        });

        // "{token}" and "{name}.csv" take any segment; other parts must be the same.
        static bool Matches(string part, string segment) =>
            part.StartsWith('{') ? segment.Length > 0 : string.Equals(part, segment, StringComparison.Ordinal);
    }

    private Task WaitForHistoryAsync(string project, string type) => _app.WaitForHistoryAsync(project, type);

    /// <summary>The path of the <paramref name="purpose"/> link in the newest <paramref name="template"/> email about <paramref name="project"/> (to <paramref name="to"/>).</summary>
    private string LinkPath(string template, string project, LinkPurpose purpose, string? to = null)
    {
        var url = Enumerable.Reverse(_read)
            .Where(m => m.GetProperty("template").GetString() == template && About(m, project)
                && (to is null || m.GetProperty("to").EnumerateArray().Any(a => a.GetString() == to)))
            .SelectMany(m => m.GetProperty("links").EnumerateArray())
            .Where(l => l.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == purpose.ToString())
            .Select(l => l.GetProperty("url").GetString()!)
            .FirstOrDefault() ?? throw new Xunit.Sdk.XunitException($"No {template} email about {project} with a {purpose} link was read.");
        return url[_app.BaseAddress.AbsoluteUri.Length..];
    }

    /// <summary>A lead sends the report form at <paramref name="path"/> with <paramref name="status"/>, as in a browser.</summary>
    private async Task SendReportAsync(string path, string status)
    {
        using var lead = new PageClient(_app.BaseAddress);
        var form = await lead.GetAsync(path);
        var answers = PageClient.GreenAnswers(form, $"The project is {status}.");
        answers["status"] = status;
        var check = await lead.PostAsync(form.Document.Forms[0].GetAttribute("action")!, answers);
        Assert.True(check.Status == HttpStatusCode.OK, $"{path}: {(int)check.Status} {check.Text}");
        var sent = await lead.SubmitAsync(check);
        Assert.True(sent.Status == HttpStatusCode.Redirect, $"{path}: {(int)sent.Status} {sent.Text}");
    }

    private async Task SendInterimAsync(string path, string status)
    {
        using var lead = new PageClient(_app.BaseAddress);
        var sent = await lead.SubmitAsync(await lead.GetAsync(path), new Dictionary<string, string> { ["status"] = status, ["comments"] = "A plan is agreed." });
        Assert.True(sent.Status == HttpStatusCode.Redirect, $"{path}: {(int)sent.Status} {sent.Text}");
    }

    /// <summary>An officer takes the action <paramref name="step"/> on <paramref name="code"/>'s page.</summary>
    private static async Task ActAsync(PageClient officer, string code, string step, Dictionary<string, string> answers,
        IEnumerable<KeyValuePair<string, string>>? more = null)
    {
        var form = await officer.GetAsync($"projects/{code}/{step}");
        Assert.True(form.Status == HttpStatusCode.OK, $"projects/{code}/{step}: {(int)form.Status} {form.Text}");
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, $"/projects/{code}/{step}"));
        foreach (var (name, value) in answers) fields[name] = value;
        var done = await officer.PostAsync($"projects/{code}/{step}", [.. fields, .. more ?? []]);
        Assert.True(done.Status == HttpStatusCode.Redirect && done.Location == $"/projects/{code}?done={step}",
            $"projects/{code}/{step}: {(int)done.Status} {done.Document.QuerySelector("main")?.TextContent}");
    }

    /// <summary>Decides from a decision link (single-use), with no sign-in, as the officer it was sent to.</summary>
    private async Task DecideByLinkAsync(string path, Dictionary<string, string> answers)
    {
        using var client = new PageClient(_app.BaseAddress);
        var done = await client.SubmitAsync(await client.GetAsync(path), answers);
        Assert.True(done.Status == HttpStatusCode.OK, $"{path}: {(int)done.Status} {done.Text}");
        _usedDecisionLinks.Add(path);
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex UrlPattern();
}
