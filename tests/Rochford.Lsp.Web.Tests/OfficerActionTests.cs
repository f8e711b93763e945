// The officers' housekeeping actions over HTTP on the real app (the simulated clock at 17 Mar 2010, every project's
// Jan - Mar 2010 report requested and due by 15 Apr 2010): record a payment released (and one held, released with an
// override reason), pause and resume reporting, change the lead contact, mark completed; the lead's interim updates on
// the project page; the dashboard's report filter. Then, in Chromium, axe-core on every staff page of the table and on
// each action form's error state. Each test has its own projects and the clock never moves here, so the order is free:
// ROC1 payment, ROC6 pause, ROC8 lead, ROC9 completed, ROC4 interim updates, ROC10 filter, ROC7 and ROC3 axe (read only).

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Web.Tests;

public sealed class OfficerActionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string OfficerA = StaffAppFixture.OfficerA;
    private const string OfficerB = StaffAppFixture.OfficerB;

    private LeadAppFixture Fixture => browser.Lead;

    private Task<JsonElement[]> HistoryAsync(string project) => Fixture.App.HistoryAsync(project);

    private static string Rows(JsonElement[] history) => string.Join("\n", history.Select(h => h.GetRawText()));

    private static IEnumerable<string> Explanations(JsonElement[] history, string type) =>
        history.Where(h => h.GetProperty("type").GetString() == type).Select(h => h.GetProperty("explanation").GetString()!);

    private async Task<PageClient> SignedInAsync(string officer) => await StaffBrowser.SignInAsync(Fixture.NewClient(), officer);

    private static Dictionary<string, string> FormOf(PageClient.Page page, string action) => PageClient.Fields(StaffAppFixture.FormFor(page, action));

    /// <summary>The lead of <paramref name="project"/> sends the Jan - Mar 2010 report through their personal link, once.</summary>
    private async Task ReportAsync(string project, string status)
    {
        if (Explanations(await HistoryAsync(project), "ReportSubmitted").Any()) return;
        var token = await Fixture.MintAsync(project);
        using var lead = Fixture.NewClient();
        var form = await lead.GetAsync($"report/{token}");
        var answers = PageClient.GreenAnswers(form, $"{project} is {status}.");
        answers["status"] = status;
        var check = await lead.PostAsync(form.Document.Forms[0].GetAttribute("action")!, answers);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(check)).Status);
        Assert.Contains("ReportSubmitted", await Fixture.HistoryTypesAsync(project));
    }

    [Fact]
    public async Task RecordingAPayment_SaysWhatWillHappen_RefusesBadAmountsAndDates_HeldWithoutAReason_ThenRecordsItAsTheOfficer()
    {
        using var client = await SignedInAsync(OfficerA);
        var before = Rows(await HistoryAsync("ROC1"));
        var form = await client.GetAsync("projects/ROC1/payment");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var said = form.Document.QuerySelector("#what-happens")!.TextContent;
        Assert.Contains("The payment is added to what Sanctuary Scheme has been paid (£0.00 of £12,000.00 so far; £12,000.00 unreleased).", said);
        Assert.Contains("a payment is held, unless you give a reason to release it anyway", said);
        Assert.Equal(before, Rows(await HistoryAsync("ROC1")));
        var fields = FormOf(form, "/projects/ROC1/payment");

        fields["amount"] = "lots";
        fields["releasedOn-day"] = "30";
        fields["releasedOn-month"] = "2";
        fields["releasedOn-year"] = "2010";
        var wrong = await client.PostAsync("projects/ROC1/payment", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.StartsWith("Error:", wrong.Document.Title);
        var summary = wrong.Document.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("The amount released must be an amount in pounds, like 1,250.00", summary);
        Assert.Contains("The date released must be a real date", summary);
        Assert.Equal("lots", wrong.Document.QuerySelector<IHtmlInputElement>("#amount")!.Value);
        fields["amount"] = "1,000.00";
        fields["releasedOn-day"] = "18";
        fields["releasedOn-month"] = "3";
        var tomorrow = await client.PostAsync("projects/ROC1/payment", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tomorrow.Status);
        Assert.Contains("The date released must be today or earlier", tomorrow.Document.QuerySelector("#releasedOn-error")!.TextContent);
        Assert.Equal(before, Rows(await HistoryAsync("ROC1")));

        // Nothing is overdue and no report has come yet: nothing holds the payment.
        fields["releasedOn-day"] = "16";
        fields["reference"] = "BACS 1001";
        var paid = await client.PostAsync("projects/ROC1/payment", fields);
        Assert.Equal(HttpStatusCode.Redirect, paid.Status);
        Assert.Equal("/projects/ROC1?done=payment", paid.Location);
        Assert.Equal(["LSP Officer A (example) recorded £1,000.00 released to Sanctuary Scheme on 16 Mar 2010."], Explanations(await HistoryAsync("ROC1"), "PaymentReleased"));

        // The lead's report is not yet reviewed: a payment is held, said in words, unless an officer gives a reason.
        await ReportAsync("ROC1", "Green");
        var again = FormOf(await client.GetAsync("projects/ROC1/payment"), "/projects/ROC1/payment");
        again["amount"] = "500";
        again["releasedOn-day"] = "17";
        again["releasedOn-month"] = "3";
        again["releasedOn-year"] = "2010";
        var held = await client.PostAsync("projects/ROC1/payment", again);
        Assert.Equal(HttpStatusCode.Conflict, held.Status);
        Assert.Equal("ROC1: the payment of £500.00 is held because version 1 of the Jan - Mar 2010 report has not been reviewed by an officer; give an override reason to record it anyway.",
            held.Document.QuerySelector("#refusal")!.TextContent.Trim());
        Assert.Single(Explanations(await HistoryAsync("ROC1"), "PaymentReleased"));

        again["overrideReason"] = "The venue deposit is due this week.";
        var released = await client.PostAsync("projects/ROC1/payment", again);
        Assert.Equal(HttpStatusCode.Redirect, released.Status);
        Assert.Equal("LSP Officer A (example) recorded £500.00 released to Sanctuary Scheme on 17 Mar 2010, overriding the hold for the unreviewed Jan - Mar 2010 report: The venue deposit is due this week.",
            Explanations(await HistoryAsync("ROC1"), "PaymentReleased").Last());
        var project = await client.GetAsync("projects/ROC1");
        Assert.Equal("£1,500.00", project.Document.QuerySelector("#funding .govuk-summary-list__row:nth-child(3) dd")!.TextContent.Trim());
    }

    [Fact]
    public async Task PausingAndResuming_SayWhatWillHappen_PauseNeedsAReason_ResumingWhileReportingIsRefusedInWords()
    {
        using var client = await SignedInAsync(OfficerB);
        var before = Rows(await HistoryAsync("ROC6"));

        var notPaused = await client.GetAsync("projects/ROC6/resume");
        Assert.Equal(HttpStatusCode.Conflict, notPaused.Status);
        Assert.Equal("This cannot be done now: ROC6 is reporting normally.", notPaused.Document.QuerySelector("#refusal")!.TextContent.Trim());
        Assert.Null(notPaused.Document.QuerySelector("form[action='/projects/ROC6/resume']"));
        var form = await client.GetAsync("projects/ROC6/pause");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("No more quarterly reports are requested from ROC6, and any report still owed is excused, until an officer resumes reporting.",
            form.Document.QuerySelector("#what-happens")!.TextContent);
        var fields = FormOf(form, "/projects/ROC6/pause");

        fields["reason"] = "   ";
        var blank = await client.PostAsync("projects/ROC6/pause", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.Status);
        Assert.Contains("Enter why reporting is paused", blank.Document.QuerySelector("#reason-error")!.TextContent);
        Assert.Equal(before, Rows(await HistoryAsync("ROC6")));

        fields["reason"] = "The centre is closed for refurbishment until June.";
        var paused = await client.PostAsync("projects/ROC6/pause", fields);
        Assert.Equal(HttpStatusCode.Redirect, paused.Status);
        Assert.Equal("/projects/ROC6?done=pause", paused.Location);
        Assert.Equal(["LSP Officer B (example) paused quarterly reporting, excusing the Jan - Mar 2010 report: The centre is closed for refurbishment until June."],
            Explanations(await HistoryAsync("ROC6"), "ReportingPaused"));
        var page = await client.GetAsync("projects/ROC6");
        Assert.Contains("Reporting paused", page.Document.QuerySelector(".govuk-summary-list")!.TextContent);
        Assert.Equal("Not needed (paused)", page.Document.QuerySelector(".govuk-summary-list__row:nth-child(2) dd")!.TextContent.Trim());

        var pausedAgain = await client.GetAsync("projects/ROC6/pause");
        Assert.Equal(HttpStatusCode.Conflict, pausedAgain.Status);
        Assert.Equal("This cannot be done now: ROC6 is paused: no reports are requested.", pausedAgain.Document.QuerySelector("#refusal")!.TextContent.Trim());
        var resume = await client.GetAsync("projects/ROC6/resume");
        Assert.Equal(HttpStatusCode.OK, resume.Status);
        Assert.Equal("Quarterly reports are requested from ROC6 again, from the current quarter.", resume.Document.QuerySelector("#what-happens")!.TextContent.Trim());
        var resumed = await client.PostAsync("projects/ROC6/resume", FormOf(resume, "/projects/ROC6/resume"));
        Assert.Equal(HttpStatusCode.Redirect, resumed.Status);
        Assert.Equal(["LSP Officer B (example) resumed quarterly reporting from the Apr - Jun 2010 report."], Explanations(await HistoryAsync("ROC6"), "ReportingResumed"));
    }

    [Fact]
    public async Task ChangingTheLead_SaysWhoItIsNow_RefusesABadAddress_ThenEmailsGoToTheNewLead()
    {
        using var client = await SignedInAsync(OfficerA);
        var before = Rows(await HistoryAsync("ROC8"));
        var form = await client.GetAsync("projects/ROC8/lead");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("The lead now is Domestic Abuse Officer project lead (example) (roc8.lead@example.org).", form.Document.QuerySelector("#what-happens")!.TextContent);
        var fields = FormOf(form, "/projects/ROC8/lead");

        fields["leadName"] = "";
        fields["leadEmail"] = "sam.jones at example.org";
        var wrong = await client.PostAsync("projects/ROC8/lead", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Equal(["Enter the lead's name", "Enter the lead's email address in the right format, like name@example.org"],
            wrong.Document.QuerySelectorAll(".govuk-error-summary li").Select(li => li.TextContent.Trim()).ToArray());
        Assert.Equal("sam.jones at example.org", wrong.Document.QuerySelector<IHtmlInputElement>("#leadEmail")!.Value);
        Assert.Equal(before, Rows(await HistoryAsync("ROC8")));

        fields["leadName"] = "Sam Jones (example)";
        fields["leadEmail"] = "sam.jones@example.org";
        var done = await client.PostAsync("projects/ROC8/lead", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(["LSP Officer A (example) changed the project lead from Domestic Abuse Officer project lead (example) to Sam Jones (example)."],
            Explanations(await HistoryAsync("ROC8"), "LeadContactChanged"));
        var page = await client.GetAsync("projects/ROC8");
        Assert.Contains("Sam Jones (example) (sam.jones@example.org)", page.Document.QuerySelector(".govuk-summary-list")!.TextContent);
        Assert.Contains("The lead now is Sam Jones (example) (sam.jones@example.org).",
            (await client.GetAsync("projects/ROC8/lead")).Document.QuerySelector("#what-happens")!.TextContent);
    }

    [Fact]
    public async Task MarkingCompleted_SaysWhatWillHappen_RefusesATooLongNote_ThenStopsReporting_AndLaterActionsAreRefusedInWords()
    {
        using var client = await SignedInAsync(OfficerB);
        var before = Rows(await HistoryAsync("ROC9"));
        var form = await client.GetAsync("projects/ROC9/complete");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("ROC9 is recorded as delivered and finished: no more reports are requested, and it can no longer receive reallocated funds.",
            form.Document.QuerySelector("#what-happens")!.TextContent);
        var fields = FormOf(form, "/projects/ROC9/complete");

        fields["note"] = new string('x', 2001);
        var tooLong = await client.PostAsync("projects/ROC9/complete", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Contains("The note must be 2,000 characters or fewer", tooLong.Document.QuerySelector("#note-error")!.TextContent);
        Assert.Equal(before, Rows(await HistoryAsync("ROC9")));

        fields["note"] = "All 40 co-ordinators recruited.";
        var done = await client.PostAsync("projects/ROC9/complete", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        // What it had unreleased goes back to its stream (issue 21).
        Assert.Equal(["LSP Officer B (example) marked ROC9 Neighbourhood Watch as delivered and finished, so quarterly reporting stopped; the £3,000.00 still unreleased returned to the Performance Reward Grant's unallocated balance."],
            Explanations(await HistoryAsync("ROC9"), "ProjectCompleted"));
        var page = await client.GetAsync("projects/ROC9");
        Assert.Contains("Completed", page.Document.QuerySelector(".govuk-summary-list")!.TextContent);

        var completed = Rows(await HistoryAsync("ROC9"));
        foreach (var step in new[] { "complete", "lead", "pause" })
        {
            var refused = await client.GetAsync($"projects/ROC9/{step}");
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Equal("This cannot be done now: ROC9 is completed.", refused.Document.QuerySelector("#refusal")!.TextContent.Trim());
        }
        var lead = await client.PostAsync("projects/ROC9/lead", new Dictionary<string, string>(fields) { ["leadName"] = "Someone", ["leadEmail"] = "someone@example.org" });
        Assert.Equal(HttpStatusCode.Conflict, lead.Status);
        Assert.Equal(completed, Rows(await HistoryAsync("ROC9")));
    }

    [Fact]
    public async Task InterimUpdates_AreOnTheProjectPage_LatestFirst_WithDateStatusAndComments()
    {
        await ReportAsync("ROC4", "Red");
        using var client = await SignedInAsync(OfficerA);
        var none = await client.GetAsync("projects/ROC4");
        Assert.Contains("has not sent an interim update since the project went Red", none.Document.QuerySelector("#interim-updates-none")!.TextContent);

        var token = await Fixture.MintAsync("ROC4", LinkPurpose.InterimUpdate, expiresOn: new NodaTime.LocalDate(2010, 5, 31));
        using var lead = Fixture.NewClient();
        foreach (var (status, comments) in new[] { ("Red", "The PCT has not yet named a key contact."), ("Amber", "The PCT named a key contact on 17 March.\nA plan follows.") })
        {
            var sent = await lead.SubmitAsync(await lead.GetAsync($"interim/{token}"), new Dictionary<string, string> { ["status"] = status, ["comments"] = comments });
            Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        }
        Assert.Equal(2, (await Fixture.HistoryTypesAsync("ROC4")).Count(t => t == "InterimUpdateReceived"));

        var page = await client.GetAsync("projects/ROC4");
        var rows = page.Document.QuerySelectorAll("#interim-updates tbody tr");
        Assert.Equal(["Amber", "Red"], rows.Select(r => r.GetAttribute("data-status")!).ToArray());
        Assert.Equal("Amber", rows[0].QuerySelector(".govuk-tag")!.TextContent.Trim());
        Assert.StartsWith("17 Mar 2010", rows[0].Children[0].TextContent.Trim());
        Assert.Contains("The PCT named a key contact on 17 March.", rows[0].Children[2].TextContent);
        Assert.Contains("A plan follows.", rows[0].Children[2].TextContent);
        Assert.Single(rows[0].Children[2].QuerySelectorAll("br")); // the lead's line break kept
        Assert.Equal("The PCT has not yet named a key contact.", rows[1].Children[2].TextContent.Trim());
        Assert.Null(page.Document.QuerySelector("#interim-updates-none"));
    }

    [Fact]
    public async Task DashboardReportFilter_ShowsOnlyProjectsWhoseReportIsInThatState()
    {
        await ReportAsync("ROC10", "Green");
        using var client = await SignedInAsync(OfficerB);

        var submitted = await client.GetAsync("dashboard?report=Submitted");
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        var rows = submitted.Document.QuerySelectorAll("#projects tbody tr");
        Assert.Contains(rows, r => r.GetAttribute("data-project") == "ROC10");
        Assert.All(rows, r => Assert.StartsWith("Submitted (version", r.Children[3].TextContent.Trim()));
        Assert.Equal("Submitted", submitted.Document.QuerySelector<IHtmlSelectElement>("#report")!.Value);
        Assert.Contains($"Showing {rows.Length} of 8 projects", submitted.Text);

        var requested = await client.GetAsync("dashboard?report=requested");
        var waiting = requested.Document.QuerySelectorAll("#projects tbody tr");
        Assert.DoesNotContain(waiting, r => r.GetAttribute("data-project") == "ROC10");
        Assert.Contains(waiting, r => r.GetAttribute("data-project") == "ROC3");
        Assert.All(waiting, r => Assert.Equal("Requested, due 15 Apr 2010", r.Children[3].TextContent.Trim()));

        // Combined with a priority (ROC10 is in priority 5), and a state nobody is in on 17 March.
        var priority5 = await client.GetAsync("dashboard?report=Submitted&priority=5");
        Assert.Contains(priority5.Document.QuerySelectorAll("#projects tbody tr"), r => r.GetAttribute("data-project") == "ROC10");
        Assert.All(priority5.Document.QuerySelectorAll("#projects tbody tr"), r => Assert.Equal("5", r.Children[1].TextContent.Trim()));
        var missing = await client.GetAsync("dashboard?report=Missing");
        Assert.Empty(missing.Document.QuerySelectorAll("#projects tbody tr"));
        Assert.Contains("No project matches these filters.", missing.Text);
    }

    [Fact]
    public async Task EveryStaffPageOfTheTable_OpenOrRefused_HasNoAxeViolations_AndSoDoTheSignInPages()
    {
        // ROC7's report is in and nothing else here changes ROC7, so the same pages are open whatever ran before.
        await ReportAsync("ROC7", "Green");
        await using var context = await browser.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("dev/sign-in");
        await page.Locator("main h1").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "the development sign-in");
        await page.ClickAsync("main button:has-text('Sign in')");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "the development sign-in with an error");
        await page.CheckAsync($"input[name=officer][value='{OfficerA}']");
        await page.ClickAsync("main button:has-text('Sign in')");
        await StaffBrowser.ArriveAtAsync(page, "/dashboard");

        // Every staff route of the table (every action step), on ROC7: open ones show their form, others say why not (409).
        var statuses = new Dictionary<string, int>();
        foreach (var path in StaffBrowser.StaffPaths("ROC7").Where(p => !p.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var response = await page.GotoAsync(path);
            statuses[path] = response!.Status;
            Assert.True(response.Status is 200 or 409, $"{path}: {response.Status}");
            await page.Locator("main h1").WaitForAsync();
            await Axe.AssertNoViolationsAsync(page, path);
        }
        // Both kinds were checked: the review form is open, the withdrawal decision is not.
        Assert.Equal(200, statuses["projects/ROC7/review"]);
        Assert.Equal(409, statuses["projects/ROC7/withdrawal"]);

        // Someone signed in who is not an officer.
        await using var other = await browser.NewContextAsync(bypassCsp: true);
        var stranger = await other.NewPageAsync();
        await stranger.GotoAsync("dev/sign-in");
        await stranger.CheckAsync("#officer-other");
        await stranger.FillAsync("#otherEmail", "someone.else@example.org");
        await stranger.ClickAsync("main button:has-text('Sign in')");
        await stranger.Locator("main h1:text-is('You are not an officer of this partnership')").WaitForAsync();
        await Axe.AssertNoViolationsAsync(stranger, "the not-an-officer page");
    }

    [Fact]
    public async Task EachActionFormsErrorState_HasNoAxeViolations_AndRecordsNothing()
    {
        await ReportAsync("ROC7", "Green");
        var before = (Rows(await HistoryAsync("ROC3")), Rows(await HistoryAsync("ROC7")));
        await using var context = await browser.NewContextAsync(bypassCsp: true);
        var page = await StaffBrowser.SignInAtAsync(context, "/projects/ROC3/payment", OfficerB);

        async Task ErrorStateAsync(string step, string button, Func<Task> fill, string expected)
        {
            var project = step == "review" ? "ROC7" : "ROC3";
            await page.GotoAsync($"projects/{project}/{step}");
            await StaffBrowser.ArriveAtAsync(page, $"/projects/{project}/{step}");
            await fill();
            await page.ClickAsync($"main button:has-text('{button}')");
            await page.Locator(".govuk-error-summary").WaitForAsync();
            Assert.StartsWith("Error:", await page.TitleAsync());
            Assert.Contains(expected, await page.InnerTextAsync(".govuk-error-summary"));
            await Axe.AssertNoViolationsAsync(page, $"the {step} action with an error");
        }

        await ErrorStateAsync("payment", "Record the payment", () => page.FillAsync("#amount", "lots"), "The amount released must be an amount in pounds");
        await ErrorStateAsync("review", "Record the review", () => page.CheckAsync("input[name=outcome][value=ChangesRequested]"), "Select the sections the lead should change");
        await ErrorStateAsync("due-date", "Change the due date", () => page.FillAsync("#dueOn-day", "40"), "Enter the reason");
        await ErrorStateAsync("lead", "Change the lead contact", () => page.FillAsync("#leadEmail", "not an address"), "Enter the lead's name");
        await ErrorStateAsync("pause", "Pause reporting", () => Task.CompletedTask, "Enter why reporting is paused");
        await ErrorStateAsync("complete", "Mark completed", () => page.FillAsync("#note", new string('x', 2001)), "The note must be 2,000 characters or fewer");

        Assert.Equal(before, (Rows(await HistoryAsync("ROC3")), Rows(await HistoryAsync("ROC7"))));
    }
}
