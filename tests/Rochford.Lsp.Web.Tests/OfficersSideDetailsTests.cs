// Issue 21 ("Officers' side exactly right"), the smaller items, on the real app (Azurite, the simulated clock): the contacts
// form normalises names as every other form does; dates and amounts are bounded and read by one rule each, said at the
// field; the interim update's confirmation shows what the workflow recorded; a completed project's report is not
// "Missing"; the funding stream is named for people; text is counted as a person sees it; the developer endpoints answer
// bad input with 400 and keep their tokens out of caches.
// The story: 17 March 2010, ROC3's lead reports Red and ROC1 is completed; 27 May 2010, every other project has been Red
// since late April (no report) and is past its recovery deadline, so its withdrawal awaits a decision.
// Run: dotnet test tests/Rochford.Lsp.Web.Tests -c Release --no-build --filter "FullyQualifiedName~OfficersSideDetailsTests"

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using NodaTime;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Services.Links;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Web.Tests;

public sealed class OfficersSideFixture : IAsyncLifetime
{
    public const string OfficerA = StaffAppFixture.OfficerA;
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2010-05-27T12:00:00Z");

    public AppProcess App { get; private set; } = null!;
    public PageClient Officer { get; private set; } = null!;
    public LinkTokenStore Links { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AppProcess.StartAsync(await AzuriteServer.SharedAsync(), new Dictionary<string, string> { ["Clock__SimulatedStart"] = "2010-03-16T09:00:00Z" });
        await AdvanceAsync("2010-03-17T12:00:00Z");
        Officer = await StaffAppFixture.SignedInAsync(App, OfficerA);

        // ROC3's lead reports Red for Jan - Mar 2010; ROC1 is delivered and completed.
        using (var lead = new PageClient(App.BaseAddress))
        {
            var form = await lead.GetAsync(await LinkPathAsync(EmailTemplates.QuarterlyRequest, "ROC3", LinkPurpose.SubmitReport));
            var answers = PageClient.GreenAnswers(form, "The co-ordinator has left.");
            answers["status"] = "Red";
            var check = await lead.PostAsync(form.Document.Forms[0].GetAttribute("action")!, answers);
            Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(check)).Status);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync("ROC1", "complete", new() { ["note"] = "Every installation is done." })).Status);
        await App.WaitForHistoryAsync("ROC1", "ProjectCompleted");
        await App.WaitForHistoryAsync("ROC3", "ReportSubmitted");

        await AdvanceAsync(Now.ToString("O"));
        Links = new LinkTokenStore(new TableClient(App.ConnectionString, App.TablePrefix + "links"), new SimulatedClock(Now));
    }

    public async Task DisposeAsync()
    {
        Officer?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    public async Task AdvanceAsync(string to)
    {
        // Weeks of wake-ups for eight projects: more than the app client's minute on a busy machine.
        using var patient = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        using var moved = await patient.PostAsJsonAsync("dev/clock", new { advanceTo = to });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    /// <summary>The officer's form at /projects/{code}/{step}, sent with <paramref name="answers"/> (the page's own fields otherwise).</summary>
    public async Task<PageClient.Page> ActAsync(string code, string step, Dictionary<string, string> answers)
    {
        var form = await Officer.GetAsync($"projects/{code}/{step}");
        Assert.True(form.Status == HttpStatusCode.OK, $"projects/{code}/{step}: {(int)form.Status} {form.H1}");
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, $"/projects/{code}/{step}"));
        foreach (var (name, value) in answers) fields[name] = value;
        return await Officer.PostAsync($"projects/{code}/{step}", fields);
    }

    /// <summary>The path of the <paramref name="purpose"/> link in the newest <paramref name="template"/> email about <paramref name="project"/>.</summary>
    public async Task<string> LinkPathAsync(string template, string project, LinkPurpose purpose)
    {
        for (var i = 0; i < 300; i++)
        {
            var link = (await App.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!
                .Where(m => m.GetProperty("template").GetString() == template
                    && System.Text.RegularExpressions.Regex.IsMatch(m.GetProperty("subject").GetString()!, $@"\b{project}\b"))
                .SelectMany(m => m.GetProperty("links").EnumerateArray())
                .Where(l => l.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == purpose.ToString())
                .Select(l => l.GetProperty("url").GetString()!)
                .FirstOrDefault();
            if (link is not null) return new Uri(link).PathAndQuery.TrimStart('/');
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No {template} email about {project} with a {purpose} link.");
    }

    /// <summary>The field errors of a 422 page: each summary link's target and its message.</summary>
    public static IReadOnlyList<(string Field, string Message)> Errors(PageClient.Page page) =>
        [.. page.Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.GetAttribute("href")!.TrimStart('#'), a.TextContent.Trim()))];
}

public sealed class OfficersSideDetailsTests(OfficersSideFixture fixture) : IClassFixture<OfficersSideFixture>
{
    private static string Describe(PageClient.Page page) =>
        $"{(int)page.Status} \"{page.H1}\" {page.Location} {string.Join("; ", OfficersSideFixture.Errors(page))}";

    // ---- The contacts form normalises what is typed, as the other forms do.

    [Fact]
    public async Task Contacts_AnOfficersNameOfOnlyAZeroWidthSpace_IsAMissingName()
    {
        var page = await fixture.Officer.GetAsync("partnership");
        var answer = await fixture.Officer.SubmitAsync(page, new Dictionary<string, string> { ["officerName2"] = "\u200B" }, formIndex: 1);

        Assert.True(answer.Status == HttpStatusCode.UnprocessableEntity, Describe(answer));
        Assert.Contains(OfficersSideFixture.Errors(answer), e => e.Field == "officerName2" && e.Message.StartsWith("Enter the name of officer 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contacts_ADirectionOverrideInAName_IsRemoved_SoTheSameContactsAreNoChange()
    {
        var page = await fixture.Officer.GetAsync("partnership");
        var name = page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#officerName2")!.Value;
        var answer = await fixture.Officer.SubmitAsync(page, new Dictionary<string, string> { ["officerName2"] = name.Insert(4, "\u202E") }, formIndex: 1);

        Assert.True(answer.Status == HttpStatusCode.UnprocessableEntity, Describe(answer));
        Assert.Contains(OfficersSideFixture.Errors(answer), e => e.Message.StartsWith("These are the partnership's contacts already", StringComparison.Ordinal));
        Assert.DoesNotContain('\u202E', (await fixture.Officer.GetAsync("partnership")).Html);
    }

    // ---- Dates: bounded, and each rule said once, at the field.

    [Fact]
    public async Task Deadlines_InTheYear2100_AreRefusedAtTheField_WithinTwoYearsOfToday()
    {
        var extend = await fixture.ActAsync("ROC7", "withdrawal", new()
        {
            ["decision"] = "extend", ["newDeadline-day"] = "1", ["newDeadline-month"] = "1", ["newDeadline-year"] = "2100", ["reason"] = "More time.",
        });
        Assert.True(extend.Status == HttpStatusCode.UnprocessableEntity, Describe(extend));
        Assert.Contains(OfficersSideFixture.Errors(extend), e => e.Field == "newDeadline" && e.Message.Contains("within two years of today", StringComparison.Ordinal)
            && e.Message.Contains("27 May 2012", StringComparison.Ordinal));

        var reject = await fixture.ActAsync("ROC7", "withdrawal", new()
        {
            ["decision"] = "reject", ["newDeadline-day"] = "1", ["newDeadline-month"] = "1", ["newDeadline-year"] = "2100", ["reason"] = "Recovering.",
        });
        Assert.True(reject.Status == HttpStatusCode.UnprocessableEntity, Describe(reject));
        Assert.Contains(OfficersSideFixture.Errors(reject), e => e.Field == "newDeadline" && e.Message.Contains("within two years of today", StringComparison.Ordinal));

        await OnRedWatchAsync("ROC6");
        var set = await fixture.ActAsync("ROC6", "deadline", new() { ["deadline-day"] = "1", ["deadline-month"] = "1", ["deadline-year"] = "2100" });
        Assert.True(set.Status == HttpStatusCode.UnprocessableEntity, Describe(set));
        Assert.Contains(OfficersSideFixture.Errors(set), e => e.Field == "deadline" && e.Message.Contains("within two years of today", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADeadlineOfToday_IsRefusedByTheForm_WithTheRulesOwnMessage()
    {
        await OnRedWatchAsync("ROC6");
        var set = await fixture.ActAsync("ROC6", "deadline", new() { ["deadline-day"] = "27", ["deadline-month"] = "5", ["deadline-year"] = "2010" });

        Assert.True(set.Status == HttpStatusCode.UnprocessableEntity, Describe(set));
        Assert.Equal([("deadline", "The recovery deadline must be after today (27 May 2010)")], OfficersSideFixture.Errors(set));
    }

    [Fact]
    public async Task ADateLongPast_IsNotCalledUnreal_TheFormSaysWhatIsWrongWithIt()
    {
        await OnRedWatchAsync("ROC6");
        var set = await fixture.ActAsync("ROC6", "deadline", new() { ["deadline-day"] = "1", ["deadline-month"] = "1", ["deadline-year"] = "1999" });

        Assert.True(set.Status == HttpStatusCode.UnprocessableEntity, Describe(set));
        Assert.Equal([("deadline", "The recovery deadline must be after today (27 May 2010)")], OfficersSideFixture.Errors(set));

        // The whole date typed in the day box, as the hint writes it, is read as day, month and year.
        var typed = await fixture.ActAsync("ROC6", "deadline", new() { ["deadline-day"] = "1 1 1999", ["deadline-month"] = "", ["deadline-year"] = "" });
        Assert.Equal([("deadline", "The recovery deadline must be after today (27 May 2010)")], OfficersSideFixture.Errors(typed));
    }

    [Fact]
    public async Task AnExecutiveDecisionDatedBeforeTheProjectWentRed_IsRefusedAtTheField()
    {
        var approve = await fixture.ActAsync("ROC8", "withdrawal", new()
        {
            ["decision"] = "approve", ["executiveDecisionDate-day"] = "1", ["executiveDecisionDate-month"] = "4", ["executiveDecisionDate-year"] = "2010",
            ["minuteReference"] = "LSP Executive 1 April 2010, item 2",
        });

        Assert.True(approve.Status == HttpStatusCode.UnprocessableEntity, Describe(approve));
        var error = Assert.Single(OfficersSideFixture.Errors(approve));
        Assert.Equal("executiveDecisionDate", error.Field);
        Assert.Matches(@"^The date of the Executive Board's decision must be on or after 2[4-6] Apr 2010, when ROC8 went Red$", error.Message);
        Assert.DoesNotContain("FundingWithdrawn", (await fixture.App.HistoryAsync("ROC8")).Select(h => h.GetProperty("type").GetString()));
    }

    // ---- Money: one parser, and a bound.

    [Fact]
    public async Task FundsOfNearlyAQuadrillionPounds_AreRefused_AboveAHundredMillion()
    {
        var form = await fixture.Officer.GetAsync("partnership/funds");
        var answer = await fixture.Officer.SubmitAsync(form, new Dictionary<string, string>
        {
            ["stream"] = nameof(FundingStream.PerformanceRewardGrant), ["amount"] = "£999,999,999,999,999.99", ["reference"] = "A typo",
        }, formIndex: 1);

        Assert.True(answer.Status == HttpStatusCode.UnprocessableEntity, Describe(answer));
        Assert.Contains(OfficersSideFixture.Errors(answer), e => e.Field == "amount" && e.Message.Contains("£100,000,000.00 or less", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAmountWithSpaces_IsReadAlike_OnTheMoneyForms()
    {
        var form = await fixture.Officer.GetAsync("partnership/funds");
        var funds = await fixture.Officer.SubmitAsync(form, new Dictionary<string, string>
        {
            ["stream"] = nameof(FundingStream.PerformanceRewardGrant), ["amount"] = "£ 1 000", ["reference"] = "Spaced thousands",
        }, formIndex: 1);
        Assert.True(funds.Status is HttpStatusCode.OK or HttpStatusCode.Redirect, Describe(funds));

        var payment = await fixture.ActAsync("ROC9", "payment", new()
        {
            ["amount"] = "£ 1 000", ["releasedOn-day"] = "27", ["releasedOn-month"] = "5", ["releasedOn-year"] = "2010", ["overrideReason"] = "Agreed.",
        });
        Assert.True(payment.Status == HttpStatusCode.Redirect, Describe(payment));
        await fixture.App.WaitForHistoryAsync("ROC9", h => h.Any(e => e.GetProperty("type").GetString() == "PaymentReleased"
            && e.GetProperty("explanation").GetString()!.Contains("£1,000.00", StringComparison.Ordinal)));
    }

    // ---- What the pages say.

    [Fact]
    public async Task ACompletedProject_DoesNotSayItsReportIsMissing()
    {
        var dashboard = await fixture.Officer.GetAsync("dashboard");
        var row = dashboard.Document.QuerySelectorAll("#projects tbody tr").Single(r => r.GetAttribute("data-project") == "ROC1");
        Assert.DoesNotContain("Missing", row.TextContent);
        Assert.Contains("Not needed (project completed)", row.TextContent);

        var project = await fixture.Officer.GetAsync("projects/ROC1");
        var report = project.Document.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == "This quarter's report");
        Assert.Equal("Not needed (project completed)", report.QuerySelector("dd")!.TextContent.Trim());
        Assert.Contains("Not needed (project completed)", project.Document.QuerySelector("#reports")!.TextContent);
    }

    [Fact]
    public async Task TheFundingStream_IsNamedForPeople_OnTheProjectAndReallocationPages()
    {
        var stream = RochfordSeed.Projects.Single(p => p.Code == "ROC10").FundingStream;
        var approved = await fixture.ActAsync("ROC10", "withdrawal", new()
        {
            ["decision"] = "approve", ["executiveDecisionDate-day"] = "27", ["executiveDecisionDate-month"] = "5", ["executiveDecisionDate-year"] = "2010",
            ["minuteReference"] = "LSP Executive 27 May 2010, item 4",
        });
        Assert.True(approved.Status == HttpStatusCode.Redirect, Describe(approved));

        foreach (var path in new[] { "projects/ROC10", "projects/ROC10/reallocate" })
        {
            var page = await fixture.Officer.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.OK, $"{path}: {Describe(page)}");
            Assert.Contains(stream.Describe(), page.Text);
            foreach (var name in Enum.GetNames<FundingStream>()) Assert.DoesNotContain(name, page.Text);
        }
    }

    [Fact]
    public async Task TheInterimConfirmation_ShowsWhatTheWorkflowRecorded_NeverTheAddress()
    {
        // ROC3 (Red report) gets more time: the extension letter links to the interim update.
        var extended = await fixture.ActAsync("ROC3", "withdrawal", new()
        {
            ["decision"] = "extend", ["newDeadline-day"] = "30", ["newDeadline-month"] = "6", ["newDeadline-year"] = "2010", ["reason"] = "A new co-ordinator starts in June.",
        });
        Assert.True(extended.Status == HttpStatusCode.Redirect, Describe(extended));
        var form = await fixture.LinkPathAsync(EmailTemplates.DeadlineExtended, "ROC3", LinkPurpose.InterimUpdate);

        using var lead = new PageClient(fixture.App.BaseAddress);
        var unsent = await lead.GetAsync($"{form}/sent?status=Green");
        Assert.Equal(HttpStatusCode.OK, unsent.Status);
        Assert.Equal("No update received yet", unsent.H1);
        Assert.DoesNotContain("Green", unsent.Text);

        var sent = await lead.SubmitAsync(await lead.GetAsync(form), new Dictionary<string, string> { ["status"] = "Red", ["comments"] = "Interviews next week." });
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.DoesNotContain("status=", sent.Location, StringComparison.Ordinal);
        var confirmation = await lead.GetAsync(sent.Location!.TrimStart('/'));
        Assert.Equal("Update sent", confirmation.H1);
        Assert.Contains("Status recorded: Red", confirmation.Document.QuerySelector(".govuk-panel__body")!.TextContent);
        Assert.Contains("still on Red watch", confirmation.Text);

        var tampered = await lead.GetAsync(sent.Location!.TrimStart('/').Replace("update=", "update=x", StringComparison.Ordinal) + "&status=Green");
        Assert.Equal("No update received yet", tampered.H1);
    }

    [Fact]
    public async Task Text_IsCountedAsAPersonSeesIt_FourThousandEmojiFit()
    {
        // A late report for ROC7's Jan - Mar 2010 quarter (it counts as Red with no report) through a link minted as the Red notice's.
        var token = await fixture.Links.CreateAsync(new EmailLink(LinkPurpose.SubmitReport, "ROC7", new Reporting.Dates.FinancialQuarter(2009, 4), new LocalDate(2010, 6, 30)),
            "roc7.lead@example.org", $"test-{Guid.NewGuid():N}", CancellationToken.None);
        using var lead = new PageClient(fixture.App.BaseAddress);
        var form = await lead.GetAsync($"report/{token}");
        Assert.Equal(HttpStatusCode.OK, form.Status);

        const string thumb = "\U0001F44D\U0001F3FD"; // thumbs up, medium skin tone: one character to see, four UTF-16 units
        var answers = PageClient.GreenAnswers(form);
        answers["statusComments"] = string.Concat(Enumerable.Repeat(thumb, 4_000));
        var fits = await lead.PostAsync(form.Document.Forms[0].GetAttribute("action")!, answers);
        Assert.True(fits.Status == HttpStatusCode.OK, Describe(fits));

        answers["statusComments"] += "!";
        var over = await lead.PostAsync(form.Document.Forms[0].GetAttribute("action")!, answers);
        Assert.True(over.Status == HttpStatusCode.UnprocessableEntity, Describe(over));
        Assert.Contains(OfficersSideFixture.Errors(over), e => e.Field == "statusComments" && e.Message.EndsWith("(you entered 4,001)", StringComparison.Ordinal));

        // An officer's reason goes to the workflow itself: counted the same way there.
        // Accepted by the page's own check either way: done (redirect), or still being decided when the page stopped waiting (202).
        var reject = await fixture.ActAsync("ROC9", "withdrawal", new() { ["decision"] = "reject", ["reason"] = string.Concat(Enumerable.Repeat(thumb, 2_000)) });
        Assert.True(reject.Status is HttpStatusCode.Redirect or HttpStatusCode.Accepted, Describe(reject));
    }

    // ---- The developer endpoints.

    [Fact]
    public async Task DevSignIn_WithANonAsciiReturnAddress_SignsInAndReturnsThere_Escaped()
    {
        using var client = new PageClient(fixture.App.BaseAddress);
        var page = await client.GetAsync("dev/sign-in?returnUrl=%2Fprojects%2FROC%C3%A9");
        Assert.Equal(HttpStatusCode.OK, page.Status);

        var done = await client.SubmitAsync(page, new Dictionary<string, string> { ["officer"] = OfficersSideFixture.OfficerA });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("/projects/ROC%C3%A9", done.Location);
    }

    [Fact]
    public async Task DevClock_AskedToMoveNinetyNineThousandYears_Answers400AndSaysWhy()
    {
        using var moved = await fixture.App.Http.PostAsJsonAsync("dev/clock", new { advanceBy = "P99999Y" });

        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        var problem = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("P99999Y", problem.GetProperty("title").GetString());
        Assert.Equal(OfficersSideFixture.Now, (await fixture.App.Http.GetFromJsonAsync<JsonElement>("dev/clock")).GetProperty("now").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("dev/mailbox")]
    [InlineData("dev/mailbox.json")]
    public async Task DevMailbox_WithLiveTokens_IsNeverCached(string path)
    {
        using var response = await fixture.App.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    /// <summary>Puts <paramref name="code"/> on Red watch (its withdrawal extended to 30 June) if its withdrawal still awaits a decision.</summary>
    private async Task OnRedWatchAsync(string code)
    {
        var project = await fixture.Officer.GetAsync($"projects/{code}");
        if (project.Document.QuerySelector($"a[href='/projects/{code}/deadline']") is not null) return;
        var extended = await fixture.ActAsync(code, "withdrawal", new()
        {
            ["decision"] = "extend", ["newDeadline-day"] = "30", ["newDeadline-month"] = "6", ["newDeadline-year"] = "2010", ["reason"] = "More time.",
        });
        Assert.True(extended.Status == HttpStatusCode.Redirect, Describe(extended));
        for (var i = 0; i < 100 && (await fixture.Officer.GetAsync($"projects/{code}")).Document.QuerySelector($"a[href='/projects/{code}/deadline']") is null; i++)
            await Task.Delay(100);
    }
}
