// The officers' report actions over HTTP on the real app (Azurite, the simulated clock at 17 Mar 2010, every project's
// Jan - Mar 2010 report requested and due by 15 Apr 2010): change a report's due date, and review a report.
// Each page says what will happen before the POST, refuses a wrong form with 422, and records what it did in the history.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rochford.Lsp.Web.Tests;

public sealed class ReportWorkActionTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    private async Task<string[]> ExplanationsAsync(string project) =>
        [.. (await fixture.App.Http.GetFromJsonAsync<JsonElement[]>($"dev/instances/{project}/history.json"))!.Select(e => e.GetProperty("explanation").GetString()!)];

    [Fact]
    public async Task ChangingTheDueDate_SaysWhatWillHappen_RefusesAPastDateAndNoReason_ThenRecordsTheNewDate()
    {
        using var client = await PackAndExportsTests.SignedInAsync(fixture, PackAndExportsTests.OfficerA);
        var form = await client.GetAsync("projects/ROC3/due-date");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var said = form.Document.QuerySelector("#what-happens")!.TextContent;
        Assert.Contains("The Jan - Mar 2010 report is due by 15 Apr 2010.", said);
        Assert.Contains("is emailed the new date and your reason, with the officers copied", said);
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, "/projects/ROC3/due-date"));
        Assert.Equal("2009-10 Q4", fields["quarter"]);

        fields["dueOn-day"] = "1";
        fields["dueOn-month"] = "3";
        fields["dueOn-year"] = "2010";
        var wrong = await client.PostAsync("projects/ROC3/due-date", fields);
        Assert.Equal((HttpStatusCode)422, wrong.Status);
        var summary = wrong.Document.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("The new due date must be today or later", summary);
        Assert.Contains("Enter the reason", summary);

        fields["dueOn-day"] = "14";
        fields["dueOn-month"] = "5";
        fields["reason"] = "The project's finance officer is away until May.";
        var done = await client.PostAsync("projects/ROC3/due-date", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("/projects/ROC3?done=due-date", done.Location);

        Assert.Contains(await ExplanationsAsync("ROC3"), e => e.StartsWith("LSP Officer A (example) moved the due date of the Jan - Mar 2010 report from 15 Apr 2010 to 14 May 2010", StringComparison.Ordinal));
        var again = await client.GetAsync("projects/ROC3/due-date");
        Assert.Contains("The Jan - Mar 2010 report is due by 14 May 2010.", again.Document.QuerySelector("#what-happens")!.TextContent);
    }

    [Fact]
    public async Task ReviewingAReport_SaysWhatWillHappen_RefusesChangesWithoutSections_ThenAsksForChangesTheLeadSees()
    {
        // The lead of ROC7 sends the report through their personal link.
        var token = await fixture.MintAsync("ROC7");
        using var lead = fixture.NewClient();
        var check = await lead.SubmitAsync(await lead.GetAsync($"report/{token}"), new Dictionary<string, string>
        {
            ["status"] = "Green",
            ["statusComments"] = "On track.",
            ["progressInLastPeriod"] = "Two sessions held.",
            ["futureWork"] = "More sessions.",
        });
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(check)).Status);
        Assert.Contains("ReportSubmitted", await fixture.HistoryTypesAsync("ROC7"));

        using var client = await PackAndExportsTests.SignedInAsync(fixture, PackAndExportsTests.OfficerB);
        var form = await client.GetAsync("projects/ROC7/review");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var said = form.Document.QuerySelector("#what-happens")!.TextContent;
        Assert.Contains("You are reviewing version 1 of the Jan - Mar 2010 report (Green, received 17 Mar 2010). It has not been reviewed yet.", said);
        Assert.Contains("payments are held until the latest report is accepted", said);
        Assert.Equal(5, form.Document.QuerySelectorAll("input.govuk-checkboxes__input[name=sections]").Length);
        var fields = PageClient.Fields(StaffAppFixture.FormFor(form, "/projects/ROC7/review"));
        Assert.Equal(("2009-10 Q4", "1"), (fields["quarter"], fields["version"]));

        fields["outcome"] = "ChangesRequested";
        var wrong = await client.PostAsync("projects/ROC7/review", fields);
        Assert.Equal((HttpStatusCode)422, wrong.Status);
        Assert.Contains("Select the sections the lead should change", wrong.Document.QuerySelector(".govuk-error-summary")!.TextContent);

        fields["note"] = "Please say how many people attended and what was spent.";
        var done = await client.PostAsync("projects/ROC7/review",
            [.. fields, new("sections", "ProgressInLastPeriod"), new("sections", "Expenditure")]);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal("/projects/ROC7?done=review", done.Location);

        Assert.Contains(await ExplanationsAsync("ROC7"), e => e.StartsWith(
            "LSP Officer B (example) reviewed version 1 of the Jan - Mar 2010 report and asked Fit for Life project lead (example) to change Progress in last period and Expenditure: Please say how many people attended and what was spent.",
            StringComparison.Ordinal));
        var reopened = await client.GetAsync("projects/ROC7/review");
        Assert.Contains("asked for changes to Progress in last period and Expenditure", reopened.Document.QuerySelector("#what-happens")!.TextContent);

        // The lead's form says what the officers asked for.
        var leadForm = await lead.GetAsync($"report/{token}");
        Assert.Contains("The officers asked you to change: Progress in last period and Expenditure.", leadForm.Document.QuerySelector("#changes-requested")!.TextContent);
        // Only those are reopened: the others are shown, not editable.
        Assert.NotNull(leadForm.Document.QuerySelector("#progressInLastPeriod"));
        Assert.NotNull(leadForm.Document.QuerySelector("#expenditure"));
        Assert.Null(leadForm.Document.QuerySelector("#statusComments"));
        Assert.Null(leadForm.Document.QuerySelector("input[name=status]"));
        Assert.Contains("On track.", leadForm.Document.QuerySelector("#not-reopened")!.TextContent);

        // A form that sends a locked section anyway (a stale tab, a crafted POST) changes only the reopened ones.
        var amended = PageClient.Fields(leadForm.Document.Forms[0]);
        amended["progressInLastPeriod"] = "Two sessions held, 24 people attended.";
        amended["expenditure"] = "350.00";
        amended["statusComments"] = "Rewritten behind the officers' backs.";
        amended["status"] = "Red";
        var checkAgain = await lead.PostAsync(leadForm.Document.Forms[0].GetAttribute("action")!, amended);
        Assert.Equal(HttpStatusCode.OK, checkAgain.Status);
        Assert.Contains("On track.", checkAgain.Text);
        Assert.DoesNotContain("Rewritten behind", checkAgain.Text);
        Assert.Contains("24 people attended", checkAgain.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(checkAgain)).Status);
        var amendedHistory = await fixture.App.Http.GetFromJsonAsync<System.Text.Json.JsonElement[]>("dev/instances/ROC7/history.json");
        Assert.Contains(amendedHistory!, h => h.GetProperty("type").GetString() == "ReportAmended"
            && h.GetProperty("explanation").GetString()!.Contains("Green", StringComparison.Ordinal));
    }
}
