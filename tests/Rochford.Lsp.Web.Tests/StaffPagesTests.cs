// The officers' pages over HTTP on the real app (Azurite, the simulated clock): who may open them, what they show, and
// that their actions act as the signed-in officer, say what is wrong in words, and that no GET changes anything.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Web.Tests;

/// <summary>One app on the simulated clock, moved past the Jan-Mar 2010 due date: ROC4 (no report from its lead) is on Red watch.</summary>
public sealed class StaffAppFixture : IAsyncLifetime
{
    public const string OfficerA = "lsp.officer.a@example.org";
    public const string OfficerB = "lsp.officer.b@example.org";

    public AppProcess App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        App = await AppProcess.StartAsync(azurite, new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" });
        using var moved = await App.Http.PostAsJsonAsync("dev/clock", new { advanceTo = "2010-04-25T09:00:00Z" });
        moved.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }

    public PageClient NewClient() => new(App.BaseAddress);

    /// <summary>A client signed in through the development sign-in as <paramref name="email"/> (an officer, or anyone with "other").</summary>
    public Task<PageClient> SignedInAsync(string email) => SignedInAsync(App, email);

    /// <summary>A client of <paramref name="app"/> signed in through the development sign-in as <paramref name="email"/>.</summary>
    public static async Task<PageClient> SignedInAsync(AppProcess app, string email)
    {
        var client = new PageClient(app.BaseAddress);
        var page = await client.GetAsync("dev/sign-in");
        var officer = page.Document.QuerySelectorAll("input[name=officer]").Any(i => i.GetAttribute("value") == email);
        var fields = PageClient.Fields(FormFor(page, "/dev/sign-in"));
        fields["officer"] = officer ? email : "other";
        fields["otherEmail"] = officer ? "" : email;
        var signedIn = await client.PostAsync("dev/sign-in", fields);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return client;
    }

    public async Task<JsonElement[]> HistoryAsync(string project) =>
        (await App.Http.GetFromJsonAsync<JsonElement[]>($"dev/instances/{project}/history.json"))!;

    /// <summary>The page's form that posts to <paramref name="action"/> (staff pages also have the sign-out form).</summary>
    public static AngleSharp.Html.Dom.IHtmlFormElement FormFor(PageClient.Page page, string action) =>
        page.Document.Forms.Single(f => f.GetAttribute("action") == action);
}

public sealed class StaffPagesTests(StaffAppFixture fixture) : IClassFixture<StaffAppFixture>
{
    /// <summary>An address of every staff route of the table (every step of a route with steps), so a new one is covered here by being added there.</summary>
    /// <summary>An address of every staff route of the table, so a new one is covered here by being added there.</summary>
    private static readonly IReadOnlyList<string> StaffPaths = StaffBrowser.StaffPaths();

    [Fact]
    public void TheStaffRoutesCovered_IncludeEveryKind()
    {
        Assert.Contains("dashboard", StaffPaths);
        Assert.Contains("projects/ROC4/approve-reallocation", StaffPaths);
        Assert.Contains("exports/projects.csv", StaffPaths);
        Assert.Contains("projects/ROC4/reports/2009-Q4", StaffPaths);
        Assert.DoesNotContain(StaffPaths, p => p.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_ForEveryStaffPage_AndAnAnonymousPostIs401()
    {
        using var client = fixture.NewClient();
        foreach (var path in StaffPaths)
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.Equal($"/dev/sign-in?returnUrl={Uri.EscapeDataString("/" + path)}", page.Location);
        }
        var post = await client.PostAsync("projects/ROC4/deadline", new Dictionary<string, string> { ["deadline-day"] = "31", ["deadline-month"] = "5", ["deadline-year"] = "2010" });
        Assert.Equal(HttpStatusCode.Unauthorized, post.Status);
        Assert.Equal("You need to sign in", post.H1);
    }

    [Fact]
    public async Task AForgedAppServicePrincipal_IsIgnoredOutsideAzuresAuthentication()
    {
        using var client = fixture.NewClient();
        var principal = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"{{StaffAppFixture.OfficerA}}"},{"typ":"name","val":"Forger"}]}"""));
        using var request = new HttpRequestMessage(HttpMethod.Get, "dashboard");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dev/sign-in", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnOfficer_IsToldSo_OnEveryStaffPage_AndCannotAct()
    {
        using var client = await fixture.SignedInAsync("someone.else@example.org");
        foreach (var path in StaffPaths)
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Equal("You are not an officer of this partnership", page.H1);
            Assert.Contains("someone.else@example.org", page.Text);
        }
        var before = (await fixture.HistoryAsync("ROC4")).Length;
        var post = await client.PostAsync("projects/ROC4/deadline", new Dictionary<string, string> { ["deadline-day"] = "31", ["deadline-month"] = "5", ["deadline-year"] = "2010" });
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Equal(before, (await fixture.HistoryAsync("ROC4")).Length);
    }

    [Fact]
    public async Task Dashboard_ListsEveryProject_RedWatchWithDaysLeft_AndFilters()
    {
        using var client = await fixture.SignedInAsync(StaffAppFixture.OfficerA);

        var all = await client.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        var rows = all.Document.QuerySelectorAll("#projects tbody tr");
        Assert.Equal(8, rows.Length);
        var careline = rows.Single(r => r.GetAttribute("data-project") == "ROC4");
        Assert.Contains("Red", careline.TextContent);
        Assert.Contains("Missing", careline.TextContent);
        // 26 May 2010 (the usual eight weeks), 31 days from 25 April; or 30 June 2010 (66 days) once the other test has moved it.
        Assert.Matches(@"26 May 2010\s*31 days left|30 Jun 2010\s*66 days left", careline.TextContent);
        Assert.Contains("Signed in as", all.Text);

        var red = await client.GetAsync("dashboard?rag=Red");
        Assert.Contains(red.Document.QuerySelectorAll("#projects tbody tr"), r => r.GetAttribute("data-project") == "ROC4");
        Assert.All(red.Document.QuerySelectorAll("#projects tbody tr"), r => Assert.Contains("Red", r.TextContent));
        var priority5 = await client.GetAsync("dashboard?priority=5");
        Assert.Equal(["ROC1", "ROC10", "ROC8"], priority5.Document.QuerySelectorAll("#projects tbody tr").Select(r => r.GetAttribute("data-project")!).Order(StringComparer.Ordinal));
        var nonsense = await client.GetAsync("dashboard?priority=99&rag=Purple&report=%3Cscript%3E");
        Assert.Equal(8, nonsense.Document.QuerySelectorAll("#projects tbody tr").Length);
    }

    [Fact]
    public async Task ProjectPage_ShowsTheRedWatch_TheHistoryInWords_AndOnlyTheActionsOpenNow()
    {
        using var client = await fixture.SignedInAsync(StaffAppFixture.OfficerA);

        var page = await client.GetAsync("projects/ROC4");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("ROC4 – Careline", page.H1);
        Assert.Contains("No Jan - Mar 2010 report was received", page.Document.QuerySelector("#history")!.TextContent);
        var actions = page.Document.QuerySelectorAll("#actions a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/projects/ROC4/deadline", actions);
        Assert.DoesNotContain("/projects/ROC4/withdrawal", actions);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("projects/ROC99")).Status);
        // Not a project code at all (a control character, a '#', too long): 404 before any storage is asked.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("projects/%01")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("projects/a%23b/deadline")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("projects/" + new string('A', 300))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("projects/ROC4/launch-missiles")).Status);

        var closed = await client.GetAsync("projects/ROC4/withdrawal");
        Assert.Equal(HttpStatusCode.Conflict, closed.Status);
        Assert.Contains("This cannot be done now: ROC4 is on Red watch.", closed.Text);
    }

    [Fact]
    public async Task OpeningEveryStaffPage_ChangesNoHistory()
    {
        using var client = await fixture.SignedInAsync(StaffAppFixture.OfficerB);
        var before = (await fixture.HistoryAsync("ROC4")).Length;
        foreach (var path in StaffPaths.Concat(["dashboard?rag=Red", "pack?quarter=2009-Q4"]))
            await client.GetAsync(path);
        Assert.Equal(before, (await fixture.HistoryAsync("ROC4")).Length);
    }

    [Fact]
    public async Task SettingTheDeadline_SaysWhatWillHappen_RefusesABadDate_ThenActsAsTheSignedInOfficer()
    {
        using var client = await fixture.SignedInAsync(StaffAppFixture.OfficerA);
        var form = await client.GetAsync("projects/ROC4/deadline");
        Assert.Contains("If ROC4 is still Red at the end of that day", form.Document.QuerySelector("#what-happens")!.TextContent);
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, "/projects/ROC4/deadline"));

        fields["deadline-day"] = "31";
        fields["deadline-month"] = "13";
        fields["deadline-year"] = "2010";
        var wrong = await client.PostAsync("projects/ROC4/deadline", fields);
        Assert.Equal((HttpStatusCode)422, wrong.Status);
        Assert.StartsWith("Error:", wrong.Document.Title);
        Assert.Contains("The new recovery deadline must be a real date", wrong.Document.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("13", wrong.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#deadline-month")!.Value);

        fields["deadline-month"] = "6";
        fields["deadline-day"] = "30";
        fields["whatIsNeeded"] = "A recovery plan agreed with the PCT.";
        // The officer named in a form field is ignored: the decision is the signed-in officer's.
        fields["Officer"] = "Someone Else";
        var done = await client.PostAsync("projects/ROC4/deadline", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("/projects/ROC4?done=deadline", done.Location);

        var project = await client.GetAsync(done.Location!);
        Assert.Contains("Done: Set or extend the recovery deadline.", project.Text);
        Assert.Contains("30 Jun 2010", project.Text);
        Assert.Contains("A recovery plan agreed with the PCT.", project.Text);
        var history = await fixture.HistoryAsync("ROC4");
        Assert.Contains(history, h => h.GetProperty("explanation").GetString()!.Contains("deadline 30 Jun 2010 set by LSP Officer A", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PartnershipTimings_SayWhatWillHappen_RefuseOutOfRange_ThenChangeEveryActiveProjectAsTheOfficer()
    {
        using var client = await fixture.SignedInAsync(StaffAppFixture.OfficerB);
        var form = await client.GetAsync("partnership/timings");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("apply to every active project", form.Document.QuerySelector("#what-happens")!.TextContent);
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, "/partnership/timings"));
        Assert.Equal("15", fields["DueDaysAfterQuarterEnd"]);

        fields["DueDaysAfterQuarterEnd"] = "400";
        var wrong = await client.PostAsync("partnership/timings", fields);
        Assert.Equal((HttpStatusCode)422, wrong.Status);
        Assert.Contains("must be a whole number from 1 to 60", wrong.Document.QuerySelector(".govuk-error-summary")!.TextContent);
        fields["DueDaysAfterQuarterEnd"] = "15";
        var unchanged = await client.PostAsync("partnership/timings", fields);
        Assert.Equal((HttpStatusCode)422, unchanged.Status);

        var before = (await fixture.HistoryAsync("ROC9")).Length;
        fields["DueDaysAfterQuarterEnd"] = "20";
        var done = await client.PostAsync("partnership/timings", fields);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("Timings changed", done.H1);
        // The partnership's workflow changes its defaults, then applies the change to every active project (ROC9 among them).
        var history = await fixture.HistoryAsync("ROC9");
        for (var waited = 0; !history.Skip(before).Any(h => h.GetProperty("type").GetString() == "CycleSettingsOverridden") && waited < 200; waited++)
        {
            await Task.Delay(100);
            history = await fixture.HistoryAsync("ROC9");
        }
        Assert.Contains(history.Skip(before), h => h.GetProperty("type").GetString() == "CycleSettingsOverridden"
            && h.GetProperty("explanation").GetString()!.Contains("LSP Officer B", StringComparison.Ordinal));
        Assert.Contains(await fixture.HistoryAsync("partnership"), h => h.GetProperty("type").GetString() == "PartnershipTimingsChanged"
            && h.GetProperty("explanation").GetString()!.StartsWith("LSP Officer B (example) changed the partnership's reporting timings, applied to", StringComparison.Ordinal));
        // The form now shows the partnership's new default.
        Assert.Equal("20", PageClient.Fields(StaffAppFixture.FormFor(await client.GetAsync("partnership/timings"), "/partnership/timings"))["DueDaysAfterQuarterEnd"]);
    }
}
