// Money is promised only by the ledger, and a page shows the outcome the workflow decided (issue 21, ARCHITECTURE.md rule
// 10), over HTTP on the real app (Azurite, the simulated clock at 17 Mar 2010, see LeadAppFixture): forms posted together
// that together ask for more than there is get one "done" each for what was recorded and a refusal in words for the rest,
// never "done" for something refused; an edited form sent again is not a second payment; a form without its id is refused.
// Each test has its own stream or project: new projects from the Additional Voluntary Support funding (8 forms) and the
// Performance Reward Grant (12 forms for ROC30), payments on ROC3 and ROC7.

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rochford.Lsp.Web.Tests;

public sealed class OfficerMoneyTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    private const string OfficerA = StaffAppFixture.OfficerA;
    private const string OfficerB = StaffAppFixture.OfficerB;

    private Task<PageClient> SignedInAsync(string officer) => StaffBrowser.SignInAsync(fixture.NewClient(), officer);

    private static Dictionary<string, string> FormOf(PageClient.Page page, string action) => PageClient.Fields(StaffAppFixture.FormFor(page, action));

    private static IEnumerable<string> Types(JsonElement[] history) => history.Select(h => h.GetProperty("type").GetString()!);

    /// <summary>Records <paramref name="amount"/> received into <paramref name="stream"/> through the money-received form.</summary>
    private static async Task ReceiveAsync(PageClient client, string stream, string amount)
    {
        var form = FormOf(await client.GetAsync("partnership/funds"), "/partnership/funds");
        form["stream"] = stream;
        form["amount"] = amount;
        form["reference"] = $"{stream} top-up {Guid.NewGuid():N}";
        var done = await client.PostAsync("partnership/funds", form);
        Assert.Equal((HttpStatusCode.Redirect, "/partnership"), (done.Status, done.Location));
    }

    /// <summary>A new-project form as the page gives it (its own submission id), filled in for <paramref name="code"/>.</summary>
    private static async Task<Dictionary<string, string>> NewProjectFormAsync(PageClient client, string code, string stream, string amount, string name = "Youth Cafe")
    {
        var form = FormOf(await client.GetAsync("partnership/projects/new"), "/partnership/projects/new");
        form["code"] = code;
        form["name"] = name;
        form["organisation"] = "Rochford Youth Trust";
        form["objective"] = "An evening cafe for young people in Rayleigh.";
        form["priority"] = "3";
        form["indicators"] = "NI 110";
        form["stream"] = stream;
        form["amount"] = amount;
        form["leadName"] = "Yusuf Lead";
        form["leadEmail"] = $"{code.ToLowerInvariant()}.lead@youth.example.org";
        return form;
    }

    private async Task<bool> ExistsAsync(string project) =>
        (await fixture.App.Http.GetAsync($"dev/instances/{project}/history.json")).StatusCode == HttpStatusCode.OK;

    private static string Refusal(PageClient.Page page) => page.Document.QuerySelector("#refusal")?.TextContent.Trim() ?? $"(no refusal: {page.Status} {page.H1})";

    [Fact]
    public async Task EightProjectsPostedTogether_FromAStreamWith1000Unallocated_OneIsAdded_AndSevenAreToldThereIsNotEnoughMoney()
    {
        using var a = await SignedInAsync(OfficerA);
        await ReceiveAsync(a, "AdditionalVoluntarySupport", "1,000");
        var codes = Enumerable.Range(21, 8).Select(n => $"ROC{n}").ToList();
        var forms = new List<Dictionary<string, string>>();
        foreach (var code in codes) forms.Add(await NewProjectFormAsync(a, code, "AdditionalVoluntarySupport", "1,000"));

        var answers = await Task.WhenAll(forms.Select(f => a.PostAsync("partnership/projects/new", f)));

        // Added: the project's page (redirect), or 202 when the ledger's acceptance was still on its way as the page stopped waiting.
        var added = answers.Where(p => p.Status is HttpStatusCode.Redirect or HttpStatusCode.Accepted).ToList();
        Assert.True(added.Count == 1, $"One project should be added, not {added.Count}: {string.Join(", ", answers.Select(p => $"{(int)p.Status} {p.Location}"))}");
        // The others are told there is not enough money: by the ledger (409), or by the form's own check (422) when the
        // reservation was recorded before their form was read.
        var refused = answers.Except(added).ToList();
        Assert.Equal(7, refused.Count);
        Assert.All(refused, page => Assert.Contains(page.Status, new[] { HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
        Assert.All(refused.Where(p => p.Status == HttpStatusCode.Conflict), page => Assert.Equal(
            "Only £0.00 of the Additional Voluntary Support funding is unallocated, so £1,000.00 cannot be awarded; your entry was not added.", Refusal(page)));
        Assert.All(refused, page => Assert.Contains("Only £0.00 of the Additional Voluntary Support funding is unallocated", page.Text));
        var winner = added[0].Status == HttpStatusCode.Redirect ? added[0].Location!["/projects/".Length..] : null;
        var existing = new List<string>();
        for (var tries = 0; existing.Count == 0 && tries < 60; tries++)
        {
            if (tries > 0) await Task.Delay(500);
            foreach (var code in codes) if (await ExistsAsync(code)) existing.Add(code);
        }
        var only = Assert.Single(existing);
        if (winner is not null) Assert.Equal(winner, only);
        // The ledger promised £1,000 once, and had nothing it could not record.
        var partnership = await fixture.App.HistoryAsync("partnership");
        Assert.DoesNotContain("FundingNotRecorded", Types(partnership));
        Assert.Single(partnership, h => h.GetProperty("type").GetString() == "AwardReserved"
            && h.GetProperty("explanation").GetString()!.Contains("Additional Voluntary Support", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwelveFormsForOneCode_OneIsAdded_AndEveryOtherOfficerIsToldWhoAddedItAndWhen()
    {
        using var a = await SignedInAsync(OfficerA);
        using var b = await SignedInAsync(OfficerB);
        await ReceiveAsync(a, "PerformanceRewardGrant", "20,000");
        var forms = new List<(PageClient Client, Dictionary<string, string> Form)>();
        for (var i = 0; i < 12; i++)
        {
            var client = i % 2 == 0 ? a : b;
            forms.Add((client, await NewProjectFormAsync(client, "ROC30", "PerformanceRewardGrant", "1,000", name: $"Cafe entry {i}")));
        }

        var answers = await Task.WhenAll(forms.Select(f => f.Client.PostAsync("partnership/projects/new", f.Form)));

        var added = Assert.Single(answers, p => p.Status == HttpStatusCode.Redirect);
        Assert.Equal("/projects/ROC30", added.Location);
        var losers = answers.Where(p => p != added).ToList();
        Assert.All(losers, page => Assert.Equal(HttpStatusCode.Conflict, page.Status));
        Assert.All(losers, page => Assert.Matches(
            new Regex(@"^ROC30 was added by LSP Officer [AB] \(example\) at \d\d:\d\d on 17 Mar 2010; your entry was not added\.$"), Refusal(page)));
        var history = await fixture.App.HistoryAsync("ROC30");
        Assert.Single(history, h => h.GetProperty("type").GetString() == "MonitoringStarted");
    }

    [Fact]
    public async Task TenPaymentsPostedTogether_WithRoomForFour_FourAreDone_SixAreRefusedInWords_AndTheProjectPageShowsTheRefusals()
    {
        using var a = await SignedInAsync(OfficerA);
        // ROC3 has £30,000 awarded: £6,000 paid leaves £24,000 unreleased.
        var first = FormOf(await a.GetAsync("projects/ROC3/payment"), "/projects/ROC3/payment");
        Fill(first, "6,000");
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostAsync("projects/ROC3/payment", first)).Status);
        var forms = new List<Dictionary<string, string>>();
        for (var i = 0; i < 10; i++)
        {
            var form = FormOf(await a.GetAsync("projects/ROC3/payment"), "/projects/ROC3/payment");
            Fill(form, "5,000");
            forms.Add(form);
        }

        var answers = await Task.WhenAll(forms.Select(f => a.PostAsync("projects/ROC3/payment", f)));

        var history = await fixture.App.HistoryAsync("ROC3");
        var payments = history.Count(h => h.GetProperty("type").GetString() == "PaymentReleased");
        var done = answers.Count(p => p.Status == HttpStatusCode.Redirect);
        Assert.Equal(5, payments); // £6,000 and four of £5,000
        Assert.True(done == 4, $"Four payments were recorded, but {done} pages said done: {string.Join(", ", answers.Select(p => $"{(int)p.Status}"))}");
        var refused = answers.Where(p => p.Status == HttpStatusCode.Conflict).ToList();
        Assert.Equal(6, refused.Count);
        Assert.All(refused, page => Assert.Equal("ROC3 has only £4,000.00 unreleased, so £5,000.00 cannot be released.", Refusal(page)));
        // The refusals are on the project's page, with the reason.
        var project = await a.GetAsync("projects/ROC3");
        var shown = project.Document.QuerySelector("#refusals")?.TextContent ?? "";
        Assert.Contains("ROC3 has only £4,000.00 unreleased, so £5,000.00 cannot be released.", shown);
    }

    private static void Fill(Dictionary<string, string> payment, string amount)
    {
        payment["amount"] = amount;
        payment["releasedOn-day"] = "16";
        payment["releasedOn-month"] = "3";
        payment["releasedOn-year"] = "2010";
    }

    [Fact]
    public async Task APaymentFormSentAgainWithAnEditedAmount_IsNotASecondPayment_AndAFormWithoutItsIdIsRefused()
    {
        using var a = await SignedInAsync(OfficerA);
        var form = FormOf(await a.GetAsync("projects/ROC7/payment"), "/projects/ROC7/payment");
        Fill(form, "1,000");
        Assert.Equal(HttpStatusCode.Redirect, (await a.PostAsync("projects/ROC7/payment", form)).Status);

        form["amount"] = "1,500";
        var edited = await a.PostAsync("projects/ROC7/payment", form);

        Assert.Equal(HttpStatusCode.Conflict, edited.Status);
        Assert.Equal("This payment form was sent already: £1,000.00 released on 16 Mar 2010 was recorded from it. Your change to £1,500.00 was not recorded; to record another payment, open the payment form again.",
            Refusal(edited));
        Assert.Single(await fixture.App.HistoryAsync("ROC7"), h => h.GetProperty("type").GetString() == "PaymentReleased");

        var withoutId = FormOf(await a.GetAsync("projects/ROC7/payment"), "/projects/ROC7/payment");
        Fill(withoutId, "250");
        withoutId.Remove("submissionId");
        var refused = await a.PostAsync("projects/ROC7/payment", withoutId);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("did not say which form it was", refused.Text);
        Assert.Single(await fixture.App.HistoryAsync("ROC7"), h => h.GetProperty("type").GetString() == "PaymentReleased");
    }
}
