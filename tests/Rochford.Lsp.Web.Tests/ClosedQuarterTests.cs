// Links replayed after the rules have moved on: an amendment after the due date (refused, saying why; nothing is
// stored), a late first report, and the overdue report after "no report received" (taken late: the quarter is Red
// but the report is still owed).

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rochford.Lsp.Web.Tests;

public sealed class ClosedQuarterTests(LeadAppFixture fixture) : IClassFixture<LeadAppFixture>
{
    private static Dictionary<string, string> Answers(PageClient.Page form)
    {
        var fields = PageClient.Fields(form.Document.Forms[0]);
        fields["status"] = "Amber";
        fields["statusComments"] = "Recruitment under way.";
        fields["progressInLastPeriod"] = "Advertised.";
        fields["futureWork"] = "Interview.";
        return fields;
    }

    private async Task MoveClockAsync(string to)
    {
        using var moved = await fixture.App.Http.PostAsJsonAsync("dev/clock", new { advanceTo = to });
        moved.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AfterTheDueDate_AmendingIsRefused_LateFirstReportsAreTaken_EvenAfterNoReportReceived()
    {
        var roc1 = await fixture.MintAsync("ROC1");
        var roc4 = await fixture.MintAsync("ROC4");
        var roc3 = await fixture.MintAsync("ROC3");
        using var client = fixture.NewClient();
        var roc1Form = await client.GetAsync($"report/{roc1}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"report/{roc1}/confirm", Answers(roc1Form))).Status);
        var roc4Form = await client.GetAsync($"report/{roc4}");
        var roc3Form = await client.GetAsync($"report/{roc3}");

        // 20 April 2010: the Q4 reports were due by 15 April.
        await MoveClockAsync("2010-04-20T09:00:00Z");
        var amend = Answers(roc1Form);
        amend["statusComments"] = "Changed after the due date.";
        amend["submissionId"] = "BBBBBBBBBBBBBBBBBBBBBB";
        var refusedAmendment = await client.PostAsync($"report/{roc1}/confirm", amend);
        var late = await client.PostAsync($"report/{roc4}/confirm", Answers(roc4Form));

        Assert.Equal(HttpStatusCode.Gone, refusedAmendment.Status);
        Assert.Equal("This report can no longer be changed", refusedAmendment.H1);
        Assert.Contains("15 Apr 2010", refusedAmendment.Text);
        Assert.DoesNotContain("ReportAmended", await fixture.HistoryTypesAsync("ROC1"));
        Assert.Equal(HttpStatusCode.Redirect, late.Status);
        Assert.Contains("ReportSubmitted", await fixture.HistoryTypesAsync("ROC4"));

        // 26 April 2010: ten days after the due date with no report, ROC3's quarter counts as Red. The report is still owed:
        // the form says it is late, and it is taken, marked late.
        await MoveClockAsync("2010-04-26T09:00:00Z");
        var lateForm = await client.GetAsync($"report/{roc3}");
        Assert.Equal(HttpStatusCode.OK, lateForm.Status);
        Assert.Contains("This report was due by 15 Apr 2010. You can still send it: it will be marked as late, and if the project is now Amber or Green it stops being Red.",
            lateForm.Text);
        var afterNoReport = await client.PostAsync($"report/{roc3}/confirm", Answers(lateForm));

        Assert.Equal(HttpStatusCode.Redirect, afterNoReport.Status);
        var confirmation = await client.GetAsync(afterNoReport.Location!.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, confirmation.Status);
        Assert.Contains("It was due by 15 Apr 2010, so it is marked as late and it can no longer be changed.", confirmation.Text);
        Assert.DoesNotContain("Change your report", confirmation.Text);
        var history = await fixture.HistoryTypesAsync("ROC3");
        Assert.Contains("NoReportReceived", history);
        Assert.Contains("ReportSubmitted", history);
        Assert.Contains("RedWatchClosed", history);
    }
}
