// The lead's report journey over HTTP against the real app process and Azurite: the link opens the
// prefilled form; validation, "check your answers", submit, confirmation; amendments; interim updates.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Web.Tests;

public sealed class LeadReportPageTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    private static Dictionary<string, string> GoodAnswers(string status = "Green", string comments = "On track: two installs this quarter.") => new()
    {
        ["status"] = status,
        ["statusComments"] = comments,
        ["progressInLastPeriod"] = "Four victims were offered the scheme.\nTwo accepted.",
        ["futureWork"] = "Continue installations through 2010/11.",
        ["expenditure"] = "1,250.50",
    };

    [Fact]
    public async Task ReportLink_OpensTheFormPrefilledFromTheProgressReportTemplate()
    {
        var token = await fixture.MintAsync("ROC4");
        using var client = fixture.NewClient();

        var page = await client.GetAsync($"report/{token}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Funded project progress report", page.H1);
        var summary = page.Document.QuerySelector("dl")!.TextContent;
        Assert.Contains("SEE PCT", summary);
        Assert.Contains("To upgrade an existing monitoring only provision", summary);
        Assert.Contains("31 Mar 2010", summary);
        Assert.Contains("Jan - Mar 2010", summary);
        Assert.Equal(3, page.Document.QuerySelectorAll("input[type=radio][name=status]").Length);
        Assert.Contains("urgent action required", page.Text);
        Assert.Equal(3, page.Document.QuerySelectorAll(".govuk-character-count textarea").Length);
        Assert.NotNull(page.Document.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("no-store", page.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Response.Headers.GetValues("Referrer-Policy").Single());
        var csp = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task EmptyAnswers_ShowTheErrorSummaryAndInlineMessages_AndStoreNothing()
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var form = await client.GetAsync($"report/{token}");

        var page = await client.SubmitAsync(form, new Dictionary<string, string> { ["expenditure"] = "12.345" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.StartsWith("Error:", page.Document.Title);
        var summary = page.Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal(["#status", "#statusComments", "#progressInLastPeriod", "#futureWork", "#expenditure"], summary.Select(s => s.Item1));
        Assert.Contains("Select the project status", summary[0].TextContent);
        Assert.Contains("no more than 2 decimal places", summary[4].TextContent);
        Assert.Equal(5, page.Document.QuerySelectorAll(".govuk-error-message").Length);
        Assert.Equal("12.345", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#expenditure")!.Value);
        Assert.DoesNotContain("ReportSubmitted", await fixture.HistoryTypesAsync("ROC1"));
    }

    [Theory]
    [InlineData("-5", "£0 or more")]
    [InlineData("10,000,000.01", "£10,000,000 or less")]
    [InlineData("lots", "like £1,234.56")]
    public async Task BadExpenditure_IsRefusedWithAClearMessage(string expenditure, string message)
    {
        var token = await fixture.MintAsync("ROC1");
        using var client = fixture.NewClient();
        var form = await client.GetAsync($"report/{token}");

        var answers = GoodAnswers();
        answers["expenditure"] = expenditure;

        var page = await client.SubmitAsync(form, answers);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains(message, page.Document.QuerySelector("#expenditure-error")!.TextContent);
    }

    [Fact]
    public async Task FullJourney_CheckAnswersSubmitConfirm_RecordsTheReportOnce()
    {
        var token = await fixture.MintAsync("ROC6");
        using var client = fixture.NewClient();
        var form = await client.GetAsync($"report/{token}");

        var check = await client.SubmitAsync(form, GoodAnswers("Amber"));
        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Equal("Check your answers before submitting your report", check.H1);
        Assert.Contains("Amber", check.Text);
        Assert.Contains("£1,250.50", check.Text);
        Assert.Contains("Two accepted.", check.Text);

        var submitted = await client.SubmitAsync(check);
        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        Assert.Equal($"/report/{token}/submitted", submitted.Location);
        // A double click sends the same form again: the same submission id is the same input, recorded once.
        var again = await client.SubmitAsync(check);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);

        var confirmation = await client.GetAsync(submitted.Location!);
        Assert.Equal(HttpStatusCode.OK, confirmation.Status);
        Assert.Equal("Report submitted", confirmation.Document.QuerySelector(".govuk-panel__title")!.TextContent.Trim());
        Assert.Contains("Version 1: Amber", confirmation.Text);
        // What the lead sent, read back from the reports table (the workflow keeps only its id).
        Assert.Contains("Continue installations through 2010/11.", confirmation.Text);
        Assert.Contains("£1,250.50", confirmation.Text);
        Assert.Single(await fixture.HistoryTypesAsync("ROC6"), t => t == "ReportSubmitted");
        // The receipt shows the text too: the email activity read it from the reports table.
        var receipt = await ReceiptTextAsync("roc6");
        Assert.Contains("Two accepted.", receipt);
        Assert.Contains("Continue installations through 2010/11.", receipt);
    }

    private async Task<string> ReceiptTextAsync(string project)
    {
        for (var i = 0; i < 200; i++)
        {
            var mail = (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>("dev/mailbox.json"))!;
            var receipt = mail.FirstOrDefault(m => m.GetProperty("template").GetString() == EmailTemplates.SubmissionReceipt
                && m.GetProperty("to").EnumerateArray().Any(a => a.GetString()!.StartsWith(project + ".", StringComparison.OrdinalIgnoreCase)));
            if (receipt.ValueKind == JsonValueKind.Object) return receipt.GetProperty("text").GetString()!;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No receipt for {project} reached the mailbox.");
    }

    [Fact]
    public async Task ChangeYourAnswers_GoesBackToTheFormWithTheAnswersKept()
    {
        var token = await fixture.MintAsync("ROC7");
        using var client = fixture.NewClient();
        var check = await client.SubmitAsync(await client.GetAsync($"report/{token}"), GoodAnswers("Red", "Venue lost."));

        var back = await client.SubmitAsync(check, action: $"/report/{token}/change");

        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Equal("Funded project progress report", back.H1);
        Assert.Equal("Red", back.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=status]:checked")!.Value);
        Assert.Equal("Venue lost.", back.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#statusComments")!.Value);
        Assert.DoesNotContain("ReportSubmitted", await fixture.HistoryTypesAsync("ROC7"));
    }

    [Fact]
    public async Task AmendingBeforeTheDueDate_ShowsThePreviousAnswers_AndHistoryKeepsBoth()
    {
        var token = await fixture.MintAsync("ROC8");
        using var client = fixture.NewClient();
        await client.SubmitAsync(await client.SubmitAsync(await client.GetAsync($"report/{token}"), GoodAnswers("Green", "First version.")));

        var amend = await client.GetAsync($"report/{token}");
        Assert.Contains("You submitted version 1", amend.Text);
        Assert.Equal("Green", amend.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=status]:checked")!.Value);
        Assert.Equal("First version.", amend.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#statusComments")!.Value);
        Assert.Equal("1,250.50", amend.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#expenditure")!.Value);

        var check = await client.SubmitAsync(amend, new Dictionary<string, string> { ["status"] = "Amber", ["statusComments"] = "Second version." });
        var done = await client.SubmitAsync(check);
        var confirmation = await client.GetAsync(done.Location!);

        Assert.Contains("Version 2: Amber", confirmation.Text);
        var history = await fixture.HistoryTypesAsync("ROC8");
        Assert.Contains("ReportSubmitted", history);
        Assert.Contains("ReportAmended", history);
    }

    [Fact]
    public async Task RedProject_InterimUpdateBeforeTheDeadline_IsRecorded()
    {
        var report = await fixture.MintAsync("ROC9");
        using var client = fixture.NewClient();
        await client.SubmitAsync(await client.SubmitAsync(await client.GetAsync($"report/{report}"), GoodAnswers("Red", "No co-ordinators recruited.")));
        var interim = await fixture.MintAsync("ROC9", LinkPurpose.InterimUpdate, expiresOn: new LocalDate(2010, 5, 31));

        var form = await client.GetAsync($"interim/{interim}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("Send an interim update", form.H1);
        var invalid = await client.SubmitAsync(form, new Dictionary<string, string> { ["status"] = "Purple" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        var sent = await client.SubmitAsync(form, new Dictionary<string, string> { ["status"] = "Amber", ["comments"] = "Two co-ordinators recruited." });

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var panel = await client.GetAsync(sent.Location!);
        Assert.Equal("Update sent", panel.Document.QuerySelector(".govuk-panel__title")!.TextContent.Trim());
        Assert.Contains("InterimUpdateReceived", await fixture.HistoryTypesAsync("ROC9"));
        // Back to Amber: the project is off Red watch, so the interim link has nothing more to take.
        var after = await client.GetAsync($"interim/{interim}");
        Assert.Equal(HttpStatusCode.Gone, after.Status);
    }

    [Fact]
    public async Task InterimLink_ForAProjectThatIsNotRed_SaysNoUpdateIsNeeded()
    {
        var interim = await fixture.MintAsync("ROC10", LinkPurpose.InterimUpdate);
        using var client = fixture.NewClient();

        var page = await client.GetAsync($"interim/{interim}");

        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Equal("Interim updates are not needed now", page.H1);
    }
}
