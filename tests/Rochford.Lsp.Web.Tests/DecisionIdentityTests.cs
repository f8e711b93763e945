// A decision names what it decides and acts only for whom it was sent (issue 21, ARCHITECTURE.md rule 11), over HTTP on the
// real app, every project's withdrawal proposed on 27 May 2010 (see DecisionAppFixture): a decision link opened by a
// signed-in officer other than its addressee is refused (403) and records nothing; an approval of a reallocation that
// changed after the officer opened it is refused in words; the reallocation form offers no project awaiting its own
// withdrawal. Projects: ROC10 (the withdrawal link), ROC8's reallocation (with ROC6 and ROC9 given more time first).

using System.Net;
using System.Text.Json;

namespace Rochford.Lsp.Web.Tests;

public sealed class DecisionIdentityTests(DecisionAppFixture fixture) : IClassFixture<DecisionAppFixture>
{
    private const string OfficerA = DecisionAppFixture.OfficerA;
    private const string OfficerB = DecisionAppFixture.OfficerB;

    private Task<PageClient> SignedInAsync(string officer) => StaffBrowser.SignInAsync(fixture.NewClient(), officer);

    private static Dictionary<string, string> FormOf(PageClient.Page page, string action) => PageClient.Fields(StaffAppFixture.FormFor(page, action));

    private static IEnumerable<string> Types(JsonElement[] history) => history.Select(h => h.GetProperty("type").GetString()!);

    /// <summary>A's antiforgery field from a page A has open (the sign-out form), for posting where A was shown no form.</summary>
    private static async Task<string> TokenOfAsync(PageClient client) =>
        FormOf(await client.GetAsync("dashboard"), "/sign-out")["__RequestVerificationToken"];

    [Fact]
    public async Task OfficerBsWithdrawalLink_OpenedByOfficerASignedIn_IsRefused_AndRecordsNothing_ButStillWorksForB()
    {
        var linkForB = await fixture.LinkFromMailboxAsync("ApprovalRequest", "ROC10", OfficerB, "DecideWithdrawal");
        using var a = await SignedInAsync(OfficerA);
        var before = Types(await fixture.HistoryAsync("ROC10")).ToList();

        var opened = await a.GetAsync(linkForB);
        var posted = await a.PostAsync(linkForB, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenOfAsync(a),
            ["decision"] = "approve", ["approveDate-day"] = "27", ["approveDate-month"] = "5", ["approveDate-year"] = "2010", ["minuteReference"] = "EX/10/42",
        });

        foreach (var page in new[] { opened, posted })
        {
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Contains("This link was sent to LSP Officer B (example)", page.Text);
            Assert.Contains("You are signed in as LSP Officer A (example)", page.Text);
        }
        Assert.Equal(before, Types(await fixture.HistoryAsync("ROC10")));
        // The link was not used up: B (not signed in here) still opens it.
        using var b = fixture.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync(linkForB)).Status);
    }

    [Fact]
    public async Task AReallocationThatChangedAfterBOpenedIt_IsNotApprovedByBsClick_AndNoProjectAwaitingWithdrawalIsOffered()
    {
        using var a = await SignedInAsync(OfficerA);
        using var b = await SignedInAsync(OfficerB);
        // ROC6 and ROC9 are given more time, so they can receive money; the other projects still await their withdrawal.
        foreach (var code in new[] { "ROC6", "ROC9" })
        {
            var extend = FormOf(await a.GetAsync($"projects/{code}/withdrawal"), $"/projects/{code}/withdrawal");
            extend["decision"] = "extend";
            extend["newDeadline-day"] = "30";
            extend["newDeadline-month"] = "6";
            extend["newDeadline-year"] = "2010";
            extend["reason"] = "A new coordinator starts in June.";
            Assert.Equal(HttpStatusCode.Redirect, (await a.PostAsync($"projects/{code}/withdrawal", extend)).Status);
        }
        var approve = FormOf(await a.GetAsync("projects/ROC8/withdrawal"), "/projects/ROC8/withdrawal");
        approve["decision"] = "approve";
        approve["executiveDecisionDate-day"] = "27";
        approve["executiveDecisionDate-month"] = "5";
        approve["executiveDecisionDate-year"] = "2010";
        approve["minuteReference"] = "LSP Executive 27 May 2010, item 4";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostAsync("projects/ROC8/withdrawal", approve)).Status);

        // The reallocation form offers ROC6 and ROC9, and none of the projects awaiting their own withdrawal (ROC10, ROC1, ...).
        var reallocate = await a.GetAsync("projects/ROC8/reallocate");
        var offered = reallocate.Document.QuerySelectorAll("input[name^=amount-]").Select(i => i.GetAttribute("name")!).ToList();
        Assert.Contains("amount-ROC6", offered);
        Assert.Contains("amount-ROC9", offered);
        Assert.DoesNotContain("amount-ROC10", offered);
        Assert.DoesNotContain("amount-ROC1", offered);

        // A proposes £9,000 to ROC6; B opens the approval page.
        var proposal = FormOf(reallocate, "/projects/ROC8/reallocate");
        proposal["amount-ROC6"] = "9,000";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostAsync("projects/ROC8/reallocate", proposal)).Status);
        var opened = await b.GetAsync("projects/ROC8/approve-reallocation");
        Assert.Contains("£9,000.00 to ROC6", opened.Document.QuerySelector("#what-happens")!.TextContent);
        var seen = FormOf(opened, "/projects/ROC8/approve-reallocation");

        // B's own link to the proposal, opened by A signed in, is refused too.
        var linkForB = await fixture.LinkFromMailboxAsync("ReallocationProposal", "ROC8", OfficerB, "ApproveReallocation");
        var forwarded = await a.GetAsync(linkForB);
        Assert.Equal(HttpStatusCode.Forbidden, forwarded.Status);
        Assert.Contains("This link was sent to LSP Officer B (example)", forwarded.Text);

        // A rejects it and proposes £15,000 to ROC9 instead.
        var reject = FormOf(await a.GetAsync("projects/ROC8/approve-reallocation"), "/projects/ROC8/approve-reallocation");
        reject["decision"] = "reject";
        reject["reason"] = "ROC9 needs it more.";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostAsync("projects/ROC8/approve-reallocation", reject)).Status);
        var again = FormOf(await a.GetAsync("projects/ROC8/reallocate"), "/projects/ROC8/reallocate");
        again["amount-ROC9"] = "15,000";
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostAsync("projects/ROC8/reallocate", again)).Status);

        // B's click on the page they opened does not approve what they never saw.
        seen["decision"] = "approve";
        var clicked = await b.PostAsync("projects/ROC8/approve-reallocation", seen);

        Assert.Equal(HttpStatusCode.Conflict, clicked.Status);
        Assert.StartsWith("This proposal changed after you opened it: it is now LSP Officer A (example)'s proposal of 27 May 2010 to reallocate £15,000.00 to ROC9.",
            clicked.Document.QuerySelector("#refusal")!.TextContent.Trim());
        Assert.DoesNotContain("ReallocationApproved", Types(await fixture.HistoryAsync("ROC8")));

        // Opened again, the proposal now waiting is approved.
        var current = FormOf(await b.GetAsync("projects/ROC8/approve-reallocation"), "/projects/ROC8/approve-reallocation");
        current["decision"] = "approve";
        Assert.Equal(HttpStatusCode.Redirect, (await b.PostAsync("projects/ROC8/approve-reallocation", current)).Status);
        var approved = Assert.Single(await fixture.HistoryAsync("ROC8"), h => h.GetProperty("type").GetString() == "ReallocationApproved");
        Assert.Contains("ROC9 (£15,000.00)", approved.GetProperty("explanation").GetString());
    }
}
