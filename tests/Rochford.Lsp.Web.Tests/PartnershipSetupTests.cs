// A deployment with no seed (as in Azure): the officers its settings list set the partnership up, record money it received
// and add its projects through the pages, and the projects' leads are asked for their reports. Over HTTP on the real app
// (Azurite, the simulated clock), and in Chromium with axe for each form and its errors.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Web.Tests;

/// <summary>An app on empty storage without the Rochford seed, its officers only in its settings.</summary>
public sealed class SetupAppFixture : IAsyncLifetime
{
    public const string Olivia = "olivia.officer@council.example.org";
    public const string Omar = "omar.officer@council.example.org";
    public const string Tariq = "tariq.formerofficer@council.example.org";

    public AppProcess App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        App = await AppProcess.StartAsync(azurite, new Dictionary<string, string>
        {
            ["Seed__Rochford"] = "false",
            ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z",
            ["Partnership__Officers"] = $"Olivia Officer <{Olivia}>; Omar Officer <{Omar}>; Tariq Former <{Tariq}>",
            ["Partnership__ExecutiveBoardEmail"] = "lsp.executive@council.example.org",
            ["Partnership__ExecutiveChairEmail"] = "lsp.chair@council.example.org",
        });
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>A client signed in through the development sign-in as <paramref name="email"/>, one of the officers it offers.</summary>
    public Task<PageClient> SignedInAsync(string email) => StaffBrowser.SignInAsync(new PageClient(App.BaseAddress), email);
}

public sealed class PartnershipSetupTests(SetupAppFixture fixture) : IClassFixture<SetupAppFixture>
{
    private static string Explanations(IEnumerable<JsonElement> history) =>
        string.Join("\n", history.Select(h => h.GetProperty("explanation").GetString()));

    [Fact]
    public async Task TheSettingsOfficers_SetThePartnershipUp_RecordMoney_AndAddAProject_WhoseLeadIsAskedForReports()
    {
        // Before the partnership exists: anonymous is sent to sign in; the settings' officers may; the pages say what to do first.
        using (var anonymous = new PageClient(fixture.App.BaseAddress))
            Assert.Equal("/dev/sign-in?returnUrl=%2Fpartnership%2Fsetup", (await anonymous.GetAsync("partnership/setup")).Location);
        using var olivia = await fixture.SignedInAsync(SetupAppFixture.Olivia);
        Assert.Contains("has not been set up yet", (await olivia.GetAsync("partnership")).Document.QuerySelector("#not-set-up")!.TextContent);
        Assert.Contains("/partnership/setup", (await olivia.GetAsync("dashboard")).Document.QuerySelector("#no-projects")!.InnerHtml);
        foreach (var path in new[] { "partnership/funds", "partnership/projects/new" })
        {
            var blocked = await olivia.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, blocked.Status);
            Assert.Equal("/partnership/setup", blocked.Document.QuerySelector("#blocked a")!.GetAttribute("href"));
            Assert.DoesNotContain(blocked.Document.Forms, f => f.GetAttribute("action") == "/" + path);
        }

        // The form comes prefilled from the settings; a form that would lock its sender out, or money that is not money, is refused in words.
        var setup = await olivia.GetAsync("partnership/setup");
        Assert.Contains("the partnership starts with these people and this money", setup.Document.QuerySelector("#what-happens")!.TextContent);
        var fields = PageClient.Fields(StaffAppFixture.FormFor(setup, "/partnership/setup"));
        Assert.Equal([SetupAppFixture.Olivia, SetupAppFixture.Omar, SetupAppFixture.Tariq], new[] { fields["officerEmail1"], fields["officerEmail2"], fields["officerEmail3"] });
        Assert.Equal(("lsp.executive@council.example.org", "lsp.chair@council.example.org"), (fields["executiveBoardEmail"], fields["executiveChairEmail"]));
        fields["officerName1"] = fields["officerEmail1"] = "";
        fields["totalPerformanceRewardGrant"] = "lots";
        var wrong = await olivia.PostAsync("partnership/setup", fields);
        Assert.Equal((HttpStatusCode)422, wrong.Status);
        var summary = wrong.Document.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains($"List yourself (Olivia Officer, {SetupAppFixture.Olivia}) among the officers", summary);
        Assert.Contains("The Performance Reward Grant received must be an amount in pounds", summary);
        Assert.Contains("has not been set up yet", (await olivia.GetAsync("partnership")).Text);

        // Set up: Olivia and Omar (Tariq left out), £20,000 of Performance Reward Grant.
        fields["officerName1"] = "Olivia Officer";
        fields["officerEmail1"] = SetupAppFixture.Olivia;
        fields["officerName3"] = fields["officerEmail3"] = "";
        fields["totalPerformanceRewardGrant"] = "20,000";
        var done = await olivia.PostAsync("partnership/setup", fields);
        Assert.Equal((HttpStatusCode.Redirect, "/partnership"), (done.Status, done.Location));
        var partnership = await olivia.GetAsync("partnership");
        var streams = partnership.Document.QuerySelector("#streams")!.TextContent;
        Assert.Contains("Performance Reward Grant", streams);
        Assert.Contains("£20,000.00", streams);
        Assert.Equal(HttpStatusCode.Conflict, (await olivia.PostAsync("partnership/setup", fields)).Status);
        Assert.Contains("The partnership is set up", (await olivia.GetAsync("partnership/setup")).Document.QuerySelector("#already")!.TextContent);
        // Now the partnership's list decides who is an officer: Tariq, only in the settings, is not offered.
        using (var anyone = new PageClient(fixture.App.BaseAddress))
        {
            var signIn = await anyone.GetAsync("dev/sign-in");
            var offered = signIn.Document.QuerySelectorAll("input[name=officer]").Select(i => i.GetAttribute("value")).ToList();
            Assert.Contains(SetupAppFixture.Omar, offered);
            Assert.DoesNotContain(SetupAppFixture.Tariq, offered);
        }

        // Money received into the other stream.
        var funds = await olivia.GetAsync("partnership/funds");
        var fundFields = PageClient.Fields(StaffAppFixture.FormFor(funds, "/partnership/funds"));
        var noStream = await olivia.PostAsync("partnership/funds", fundFields);
        Assert.Equal((HttpStatusCode)422, noStream.Status);
        Assert.Contains("Select the funding stream that received the money", noStream.Document.QuerySelector(".govuk-error-summary")!.TextContent);
        fundFields["stream"] = "AdditionalVoluntarySupport";
        fundFields["amount"] = "5,000";
        fundFields["reference"] = "AVS 2010-11, first instalment";
        Assert.Equal("/partnership", (await olivia.PostAsync("partnership/funds", fundFields)).Location);
        var received = await fixture.App.WaitForHistoryAsync("partnership", "FundingReceived");
        Assert.Contains("Olivia Officer recorded £5,000.00 received into the Additional Voluntary Support funding (AVS 2010-11, first instalment)", Explanations(received));
        Assert.Contains("£5,000.00", (await olivia.GetAsync("partnership")).Document.QuerySelector("#streams")!.TextContent);

        // A project: a bad code and more money than the stream has are refused, and nothing starts.
        var form = await olivia.GetAsync("partnership/projects/new");
        Assert.Contains("its lead is emailed a request for each quarter's report", form.Document.QuerySelector("#what-happens")!.TextContent);
        var project = PageClient.Fields(StaffAppFixture.FormFor(form, "/partnership/projects/new"));
        Assert.Equal(("16", "3", "2010"), (project["starts-day"], project["starts-month"], project["starts-year"]));
        project["code"] = "11ROC";
        project["name"] = "Befriending";
        project["organisation"] = "Rochford Voluntary Action";
        project["objective"] = "Weekly visits to isolated older residents.";
        project["priority"] = "2";
        project["indicators"] = "LI 2.1, NI 6";
        project["stream"] = "PerformanceRewardGrant";
        project["amount"] = "25,000";
        project["leadName"] = "Bea Lead";
        project["leadEmail"] = "bea.lead@rva.example.org";
        project["starts-year"] = "2001";
        var refused = await olivia.PostAsync("partnership/projects/new", project);
        Assert.Equal((HttpStatusCode)422, refused.Status);
        var problems = refused.Document.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("The project code must be letters followed by digits, like ROC11", problems);
        Assert.Contains("Only £20,000.00 of the Performance Reward Grant is unallocated", problems);
        Assert.Contains("Monitoring must start between 14 Dec 2009 and 17 Mar 2011", problems);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.Http.GetAsync("dev/instances/ROC11/history.json")).StatusCode);

        project["code"] = "roc11";
        project["starts-year"] = "2010";
        project["amount"] = "15,000";
        var added = await olivia.PostAsync("partnership/projects/new", project);
        Assert.Equal((HttpStatusCode.Redirect, "/projects/ROC11"), (added.Status, added.Location));
        // The same form sent again (a second click) is the same project, not a refusal and not a second start.
        Assert.Equal("/projects/ROC11", (await olivia.PostAsync("partnership/projects/new", project)).Location);
        var page = await olivia.GetAsync("projects/ROC11");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Befriending", page.Text);
        Assert.Single(await fixture.App.HistoryAsync("ROC11"), h => h.GetProperty("type").GetString() == "MonitoringStarted");
        // ROC11's award is not unallocated any more: the ledger reserved it before ROC11 started. (Another project is another form,
        // with its own submission id: the same form again is ROC11, whatever it says.)
        async Task<string> NewFormIdAsync() =>
            PageClient.Fields(StaffAppFixture.FormFor(await olivia.GetAsync("partnership/projects/new"), "/partnership/projects/new"))["submissionId"];
        var more = new Dictionary<string, string>(project) { ["code"] = "ROC13", ["amount"] = "10,000", ["leadEmail"] = "other.lead@example.org", ["submissionId"] = await NewFormIdAsync() };
        Assert.Contains("Only £5,000.00 of the Performance Reward Grant is unallocated",
            (await olivia.PostAsync("partnership/projects/new", more)).Document.QuerySelector(".govuk-error-summary")!.TextContent);
        var ledger = await fixture.App.WaitForHistoryAsync("partnership", h => Explanations(h).Contains("reserving £15,000.00 of the Performance Reward Grant", StringComparison.Ordinal));
        Assert.Contains("The Performance Reward Grant has £5,000.00 unallocated of its £20,000.00.", Explanations(ledger));

        // The same form sent twice at the same moment (a double click): both are shown the project, which starts once.
        more["code"] = "ROC14";
        more["submissionId"] = await NewFormIdAsync();
        more["amount"] = "2,000";
        var both = await Task.WhenAll(olivia.PostAsync("partnership/projects/new", more), olivia.PostAsync("partnership/projects/new", more));
        Assert.All(both, answer => Assert.Equal((HttpStatusCode.Redirect, "/projects/ROC14"), (answer.Status, answer.Location)));
        Assert.Single(await fixture.App.HistoryAsync("ROC14"), h => h.GetProperty("type").GetString() == "MonitoringStarted");

        // The quarter's request reaches the lead, with the partnership's officers copied as its contacts say.
        using var moved = await fixture.App.Http.PostAsJsonAsync("dev/clock", new { advanceTo = "2010-03-18T09:00:00Z" });
        moved.EnsureSuccessStatusCode();
        var mailbox = await fixture.App.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json");
        Assert.Equal(2, mailbox!.Count(m => m.GetProperty("template").GetString() == "QuarterlyRequest")); // ROC11 and ROC14
        var request = Assert.Single(mailbox!, m => m.GetProperty("template").GetString() == "QuarterlyRequest"
            && m.GetProperty("to").EnumerateArray().Any(a => a.GetString() == "bea.lead@rva.example.org"));
        Assert.Contains(request.GetProperty("links").EnumerateArray(), l => l.GetProperty("url").GetString()!.Contains("/report/", StringComparison.Ordinal));
    }
}

/// <summary>The set-up app (its own, not yet set up) and Chromium.</summary>
public sealed class SetupBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public SetupAppFixture Setup { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Setup.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Setup.DisposeAsync();
    }
}

public sealed class PartnershipSetupBrowserTests(SetupBrowserFixture fixture) : IClassFixture<SetupBrowserFixture>
{
    [Fact]
    public async Task SettingUp_RecordingMoney_AndAddingAProject_InChromium_HaveNoAxeViolations_WithTheirErrorsToo()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Setup.App.BaseAddress.ToString(),
            BypassCSP = true, // only so axe-core can be injected
        });
        var page = await StaffBrowser.SignInAtAsync(context, "/partnership/setup", SetupAppFixture.Omar);
        await Axe.AssertNoViolationsAsync(page, "the set-up form");
        await page.FillAsync("#totalAdditionalVoluntarySupport", "a lot");
        await page.ClickAsync("main button:has-text('Set up the partnership')");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "the set-up form with an error");
        await page.FillAsync("#totalAdditionalVoluntarySupport", "");
        await page.FillAsync("#totalPerformanceRewardGrant", "40,000");
        await page.ClickAsync("main button:has-text('Set up the partnership')");
        await StaffBrowser.ArriveAtAsync(page, "/partnership");
        Assert.Contains("£40,000.00", await page.Locator("#streams").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "the partnership with its money");

        await page.ClickAsync("a:has-text('Record money received')");
        await StaffBrowser.ArriveAtAsync(page, "/partnership/funds");
        await Axe.AssertNoViolationsAsync(page, "the money-received form");
        await page.ClickAsync("main button:has-text('Record the money received')");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "the money-received form with errors");

        await page.GotoAsync("partnership/projects/new");
        await page.Locator("main h1").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "the new-project form");
        await page.FillAsync("#code", "ROC12");
        await page.CheckAsync("#stream");
        await page.FillAsync("#amount", "50,000");
        await page.ClickAsync("main button:has-text('Add the project')");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Only £40,000.00 of the", await page.Locator(".govuk-error-summary").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "the new-project form with errors");
        await page.FillAsync("#name", "Youth Cafe");
        await page.FillAsync("#organisation", "Rochford Youth Trust");
        await page.FillAsync("#objective", "An evening cafe for young people in Rayleigh.");
        await page.CheckAsync("#priority-3");
        await page.FillAsync("#indicators", "NI 110");
        await page.FillAsync("#amount", "12,500");
        await page.FillAsync("#leadName", "Yusuf Lead");
        await page.FillAsync("#leadEmail", "yusuf.lead@youth.example.org");
        await page.ClickAsync("main button:has-text('Add the project')");
        await StaffBrowser.ArriveAtAsync(page, "/projects/ROC12");
        Assert.Contains("Youth Cafe", await page.Locator("main").InnerTextAsync());
    }
}
