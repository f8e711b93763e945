// The officers' signed-in withdrawal decision (/projects/{code}/withdrawal) and the dashboard's "waiting" column over HTTP
// on the real app, every project's withdrawal proposed on 27 May 2010 (see DecisionAppFixture); then, in Chromium, axe-core
// on the withdrawal form's error state, the decision-recorded page and the reallocation decision link with its error states.
// One project per test. Only DashboardWaiting moves the clock (to 1 June 2010), so every other test here holds on either day.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Web.Tests;

public sealed class WithdrawalActionTests(DecisionAppFixture fixture) : IClassFixture<DecisionAppFixture>
{
    private const string OfficerA = DecisionAppFixture.OfficerA;
    private const string OfficerB = DecisionAppFixture.OfficerB;

    private static string Rows(JsonElement[] history) => string.Join("\n", history.Select(h => h.GetRawText()));

    private static string Explanation(JsonElement row) => row.GetProperty("explanation").GetString()!;

    private async Task<PageClient> SignedInAsync(string officer) => await StaffBrowser.SignInAsync(fixture.NewClient(), officer);

    /// <summary>The app's today, as pages write it (this class's clock moves once).</summary>
    private async Task<string> TodayAsync() =>
        UkCalendar.Display(UkCalendar.Today((await fixture.App.Http.GetFromJsonAsync<JsonElement>("dev/clock")).GetProperty("now").GetDateTimeOffset()));

    private static Dictionary<string, string> Approval(Dictionary<string, string> fields, string day, string month, string year, string minute)
    {
        fields["decision"] = "approve";
        fields["executiveDecisionDate-day"] = day;
        fields["executiveDecisionDate-month"] = month;
        fields["executiveDecisionDate-year"] = year;
        fields["minuteReference"] = minute;
        return fields;
    }

    [Fact]
    public async Task ApprovingAWithdrawal_SaysWhatWillHappen_NeedsTheExecutiveDecisionDateAndMinute_ThenRecordsItAsTheSignedInOfficer()
    {
        using var client = await SignedInAsync(OfficerB);
        var before = Rows(await fixture.HistoryAsync("ROC1"));

        var form = await client.GetAsync("projects/ROC1/withdrawal");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var said = form.Document.QuerySelector("#what-happens")!.TextContent;
        Assert.Contains("of ROC1's funding was proposed on 27 May 2010.", said);
        Assert.Contains("give the date of that decision and its minute reference, which go into ROC1's history and the emails", said);
        Assert.Equal(before, Rows(await fixture.HistoryAsync("ROC1")));
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, "/projects/ROC1/withdrawal"));

        var blank = await client.PostAsync("projects/ROC1/withdrawal", Approval(new(fields), "", "", "", " "));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.Status);
        Assert.StartsWith("Error:", blank.Document.Title);
        Assert.Equal(["Enter the date of the Executive Board's decision", "Enter the minute reference of the Executive Board's decision"],
            blank.Document.QuerySelectorAll(".govuk-error-summary li").Select(li => li.TextContent.Trim()).ToArray());
        Assert.Contains("Enter the minute reference of the Executive Board's decision", blank.Document.QuerySelector("#minuteReference-error")!.TextContent);
        var notADate = await client.PostAsync("projects/ROC1/withdrawal", Approval(new(fields), "31", "4", "2010", "LSP Executive 27 May 2010, item 4"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notADate.Status);
        Assert.Contains("The date of the Executive Board's decision must be a real date", notADate.Document.QuerySelector("#executiveDecisionDate-error")!.TextContent);
        Assert.Equal("LSP Executive 27 May 2010, item 4", notADate.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#minuteReference")!.Value);
        var future = await client.PostAsync("projects/ROC1/withdrawal", Approval(new(fields), "1", "12", "2010", "LSP Executive 1 December 2010"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.Status);
        Assert.Contains($"The date of the Executive Board's decision must be today ({await TodayAsync()}) or earlier", future.Document.QuerySelector(".govuk-error-summary")!.TextContent);
        var tooLong = await client.PostAsync("projects/ROC1/withdrawal", Approval(new(fields), "27", "5", "2010", new string('x', 201)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Contains("The minute reference must be 200 characters or fewer", tooLong.Document.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(before, Rows(await fixture.HistoryAsync("ROC1")));

        // The officer named in a form field is ignored: the decision is the signed-in officer's.
        var good = Approval(new(fields), "27", "5", "2010", "LSP Executive 27 May 2010, item 4");
        good["Officer"] = "Someone Else";
        var done = await client.PostAsync("projects/ROC1/withdrawal", good);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("/projects/ROC1?done=withdrawal", done.Location);

        var withdrawn = Assert.Single(await fixture.HistoryAsync("ROC1"), h => h.GetProperty("type").GetString() == "FundingWithdrawn");
        Assert.StartsWith("LSP Officer B (example) approved withdrawing", Explanation(withdrawn));
        Assert.Contains("following the Executive Board's decision of 27 May 2010 (minute LSP Executive 27 May 2010, item 4)", Explanation(withdrawn));
        var page = await client.GetAsync(done.Location!);
        Assert.Contains("Done: Decide the proposed withdrawal.", page.Text);
        Assert.Contains("following the Executive Board's decision of 27 May 2010 (minute LSP Executive 27 May 2010, item 4)",
            page.Document.QuerySelector("#history tr[data-type=FundingWithdrawn]")!.TextContent);

        // Decided: the page and a second POST say so in words, and nothing more is recorded.
        var again = await client.GetAsync("projects/ROC1/withdrawal");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("This cannot be done now: ROC1 is waiting for its withdrawn funding to be reallocated.", again.Document.QuerySelector("#refusal")!.TextContent.Trim());
        Assert.Null(again.Document.QuerySelector("#what-happens"));
        var twice = await client.PostAsync("projects/ROC1/withdrawal", good);
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Single(await fixture.HistoryAsync("ROC1"), h => h.GetProperty("type").GetString() == "FundingWithdrawn");
    }

    [Fact]
    public async Task RejectingAWithdrawal_NeedsAReason_ThenKeepsTheFundingWithTheNewDeadline()
    {
        using var client = await SignedInAsync(OfficerA);
        var form = await client.GetAsync("projects/ROC3/withdrawal");
        Assert.Contains("Rejecting keeps the funding", form.Document.QuerySelector("#what-happens")!.TextContent);
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, "/projects/ROC3/withdrawal"));
        var before = Rows(await fixture.HistoryAsync("ROC3"));

        fields["decision"] = "reject";
        fields["newDeadline-day"] = "31";
        fields["newDeadline-month"] = "8";
        fields["newDeadline-year"] = "2010";
        var noReason = await client.PostAsync("projects/ROC3/withdrawal", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.Status);
        Assert.Contains("Enter the reason for rejecting the withdrawal", noReason.Document.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.NotNull(noReason.Document.QuerySelector("input[name=decision][value=reject][checked]"));
        Assert.Equal(before, Rows(await fixture.HistoryAsync("ROC3")));

        fields["reason"] = "The volunteer centre has new staff.";
        var done = await client.PostAsync("projects/ROC3/withdrawal", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);

        var history = await fixture.HistoryAsync("ROC3");
        Assert.Equal("LSP Officer A (example) rejected the withdrawal, so ROC3 keeps its funding: The volunteer centre has new staff.",
            Explanation(Assert.Single(history, h => h.GetProperty("type").GetString() == "WithdrawalRejected")));
        Assert.Contains(history, h => h.GetProperty("type").GetString() == "RecoveryDeadlineSet" && Explanation(h).Contains("31 Aug 2010", StringComparison.Ordinal));
        Assert.DoesNotContain(history, h => h.GetProperty("type").GetString() == "FundingWithdrawn");
        var refused = await client.GetAsync("projects/ROC3/withdrawal");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("This cannot be done now: ROC3 is on Red watch.", refused.Document.QuerySelector("#refusal")!.TextContent.Trim());
    }

    [Fact]
    public async Task ExtendingTheDeadline_NeedsADateAfterTodayAndAReason_ThenGivesTheNewDeadline()
    {
        using var client = await SignedInAsync(OfficerA);
        var form = await client.GetAsync("projects/ROC6/withdrawal");
        Assert.Contains("Extending gives the project until a new date.", form.Document.QuerySelector("#what-happens")!.TextContent);
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, "/projects/ROC6/withdrawal"));
        var before = Rows(await fixture.HistoryAsync("ROC6"));

        fields["decision"] = "extend";
        var blank = await client.PostAsync("projects/ROC6/withdrawal", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.Status);
        var summary = blank.Document.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("Enter the new recovery deadline", summary);
        Assert.Contains("Enter the reason for extending the deadline", summary);

        // A real date, but not after today: as the project's rules have it, said at the field, and nothing is recorded.
        fields["newDeadline-day"] = "1";
        fields["newDeadline-month"] = "5";
        fields["newDeadline-year"] = "2010";
        fields["reason"] = "A new venue is booked from August.";
        var past = await client.PostAsync("projects/ROC6/withdrawal", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.Status);
        Assert.Contains($"The new recovery deadline must be after today ({await TodayAsync()})", past.Document.QuerySelector("#newDeadline-error")!.TextContent);
        Assert.Equal("A new venue is booked from August.", past.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#reason")!.Value);
        Assert.Equal(before, Rows(await fixture.HistoryAsync("ROC6")));

        fields["newDeadline-day"] = "31";
        fields["newDeadline-month"] = "8";
        var done = await client.PostAsync("projects/ROC6/withdrawal", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        var extended = Assert.Single(await fixture.HistoryAsync("ROC6"), h => h.GetProperty("type").GetString() == "DeadlineExtended");
        Assert.StartsWith("LSP Officer A (example) extended the recovery deadline to 31 Aug 2010", Explanation(extended));
        var page = await client.GetAsync("projects/ROC6");
        Assert.Contains("31 Aug 2010", page.Document.QuerySelector(".govuk-summary-list")!.TextContent);
    }

    [Fact]
    public async Task DashboardWaiting_CountsFromTheDayTheWithdrawalWasApproved_AndFromTheProposalWhileItIsDecided()
    {
        using var client = await SignedInAsync(OfficerA);
        var form = await client.GetAsync("projects/ROC7/withdrawal");
        var approved = await client.PostAsync("projects/ROC7/withdrawal",
            Approval(PageClient.Fields(StaffAppFixture.FormFor(form, "/projects/ROC7/withdrawal")), "27", "5", "2010", "LSP Executive 27 May 2010, item 5"));
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);
        await fixture.WaitForHistoryAsync("ROC7", "FundingWithdrawn");

        using (var moved = await fixture.App.Http.PostAsJsonAsync("dev/clock", new { advanceTo = "2010-06-01T12:00:00Z" }))
            moved.EnsureSuccessStatusCode();
        var dashboard = await client.GetAsync("dashboard");

        Assert.Contains("Showing 8 of 8 projects on 1 Jun 2010", dashboard.Text);
        var withdrawn = dashboard.Document.QuerySelector("#projects tr[data-project=ROC7] td[data-waiting-days]")!;
        Assert.Contains("Reallocation to propose", withdrawn.TextContent);
        Assert.Contains("since 27 May 2010 (5 days)", withdrawn.TextContent);
        Assert.Equal("5", withdrawn.GetAttribute("data-waiting-days"));
        var proposed = dashboard.Document.QuerySelector("#projects tr[data-project=ROC8] td[data-waiting-days]")!;
        Assert.Contains("Withdrawal to decide", proposed.TextContent);
        Assert.Contains("since 27 May 2010 (5 days)", proposed.TextContent);

        // This quarter's report filter: nobody sent the Jan - Mar 2010 report.
        var missing = await client.GetAsync("dashboard?report=Missing");
        Assert.Equal(8, missing.Document.QuerySelectorAll("#projects tbody tr").Length);
        Assert.Equal("Missing", missing.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#report")!.Value);
        var submitted = await client.GetAsync("dashboard?report=Submitted");
        Assert.Empty(submitted.Document.QuerySelectorAll("#projects tbody tr"));
        Assert.Contains("No project matches these filters.", submitted.Text);
    }

    [Fact]
    public async Task WithdrawalFormErrors_DecisionRecorded_AndTheReallocationLinkWithItsErrors_AreAxeClean()
    {
        await using var context = await fixture.NewBrowserContextAsync();

        // The signed-in withdrawal form and its error state (nothing is recorded on ROC8).
        var page = await StaffBrowser.SignInAtAsync(context, "/projects/ROC8/withdrawal", OfficerA);
        await Axe.AssertNoViolationsAsync(page, "the withdrawal action");
        await page.CheckAsync("input[name=decision][value=approve]");
        await page.ClickAsync("main button:has-text('Record the decision')");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.StartsWith("Error:", await page.TitleAsync());
        Assert.Contains("Enter the minute reference of the Executive Board's decision", await page.InnerTextAsync(".govuk-error-summary"));
        await Axe.AssertNoViolationsAsync(page, "the withdrawal action with errors");
        Assert.DoesNotContain("FundingWithdrawn", await fixture.HistoryTypesAsync("ROC8"));

        // ROC10's withdrawal approved from officer B's emailed link: the decision-recorded page. B opens it in a browser where
        // nobody is signed in (A, signed in above, is refused B's link: issue 21).
        await using var linkContext = await fixture.NewBrowserContextAsync();
        page = await linkContext.NewPageAsync();
        var withdrawal = await fixture.LinkFromMailboxAsync("ApprovalRequest", "ROC10", OfficerB, "DecideWithdrawal");
        await page.GotoAsync(withdrawal);
        await page.CheckAsync("input[name=decision][value=approve]");
        await page.FillAsync("#approveDate-day", "27");
        await page.FillAsync("#approveDate-month", "5");
        await page.FillAsync("#approveDate-year", "2010");
        await page.FillAsync("#minuteReference", "LSP Executive 27 May 2010, item 6");
        await page.ClickAsync("main button:has-text('Record decision')");
        await page.Locator(".govuk-panel__title").WaitForAsync();
        Assert.Equal("Withdrawal approved", (await page.InnerTextAsync(".govuk-panel__title")).Trim());
        await Axe.AssertNoViolationsAsync(page, "the decision-recorded page");

        // Officer A proposes a reallocation (as the officers' page raises it); officer B opens the emailed approval link.
        await fixture.WaitForHistoryAsync("ROC10", "FundingWithdrawn");
        await fixture.RaiseAsync("ROC10", "test:axe-propose", "ProposeReallocation", new
        {
            Officer = new { Name = "LSP Officer A (example)", Email = OfficerA },
            Allocations = new[] { new { ProjectCode = "ROC4", Amount = 100_00 } },
        });
        await fixture.WaitForHistoryAsync("ROC10", "ReallocationProposed");
        var reallocation = await fixture.LinkFromMailboxAsync("ReallocationProposal", "ROC10", OfficerB, "ApproveReallocation");
        await page.GotoAsync(reallocation);
        Assert.Equal("Decide on reallocating ROC10's withdrawn funding", (await page.InnerTextAsync("h1")).Trim());
        await Axe.AssertNoViolationsAsync(page, "the reallocation decision link");

        await page.ClickAsync("main button:has-text('Record decision')");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.StartsWith("Error:", await page.TitleAsync());
        await Axe.AssertNoViolationsAsync(page, "the reallocation decision link with no choice (422)");
        await page.CheckAsync("input[name=decision][value=reject]");
        await page.ClickAsync("main button:has-text('Record decision')");
        await page.Locator("#rejectReason-error").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "the reallocation decision link without a reason (422)");

        var types = await fixture.HistoryTypesAsync("ROC10");
        Assert.DoesNotContain("ReallocationApproved", types);
        Assert.DoesNotContain("ReallocationRejected", types);
    }
}
