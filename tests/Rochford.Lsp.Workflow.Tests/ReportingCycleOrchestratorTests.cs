// The reporting cycle on the Durable Task engine (in memory, real replay) on a simulated clock, with its read model
// in Azurite: Careline's 2009-10 story end to end, money moving between instances by SendEvent, and idempotent inputs.
// Run: dotnet test tests/Rochford.Lsp.Workflow.Tests

using System.Text.Json;
using NodaTime;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class ReportingCycleOrchestratorTests
{
    private static readonly object OfficerA = Officer(0);
    private static readonly object OfficerB = Officer(1);

    [Fact]
    public async Task Careline_RedPastItsDeadline_IsEscalatedWithdrawnAndReallocatedAcrossInstances()
    {
        await using var host = await WorkflowHost.StartAsync();
        await CarelineStoryAsync(host);
    }

    /// <summary>Careline's 2009-10 story: Red past its deadline, escalated, withdrawn, and its money reallocated to ROC3 and ROC6.</summary>
    internal static async Task CarelineStoryAsync(IWorkflowTestHost host)
    {
        await StartAsync(host, "ROC4", "ROC3", "ROC6");

        await host.Clock.AdvanceToAsync(At(2010, 3, 17));
        Assert.Contains(host.Emails.Of(EmailTemplates.QuarterlyRequest), e => e.InstanceId == "ROC4" && e.To.SequenceEqual(["roc4.lead@example.org"]));
        await ReportGreenAsync(host, "ROC3", "ROC6");

        await RaiseAsync(host, "ROC4", "report-1", "SubmitQuarterlyReport", RedReport, At(2010, 4, 9, 15));
        await RaiseAsync(host, "ROC4", "deadline-1", "SetRecoveryDeadline", new
        {
            Officer = OfficerA,
            Deadline = "2010-05-31",
            WhatIsNeeded = "A time scale for delivery over the next year and a key contact who will report on the project.",
        }, At(2010, 4, 12, 10));

        await host.Clock.AdvanceToAsync(At(2010, 5, 31, 23));
        Assert.Empty(host.Emails.Of(EmailTemplates.ExecutiveEscalation));
        await host.Clock.AdvanceToAsync(At(2010, 6, 2));
        var escalation = Assert.Single(host.Emails.Of(EmailTemplates.ExecutiveEscalation));
        Assert.Equal("ROC4", escalation.InstanceId);
        Assert.Equal(["lsp.executive@example.org"], escalation.To);
        Assert.Equal("WithdrawalProposed", (await host.SummaryAsync("ROC4"))!.GetString("Phase"));

        await RaiseAsync(host, "ROC4", "approve-1", "ApproveWithdrawal", new { Officer = OfficerB, ExecutiveDecisionDate = "2010-06-07", MinuteReference = "LSP Executive 7 June 2010, item 6" }, At(2010, 6, 8));
        await RaiseAsync(host, "ROC4", "propose-1", "ProposeReallocation", new
        {
            Officer = OfficerA,
            Allocations = new[] { new { ProjectCode = "ROC3", Amount = "£10,000.00" }, new { ProjectCode = "ROC6", Amount = "£5,000.00" } },
        }, At(2010, 6, 9));

        // The proposer cannot approve their own proposal: refused in words, and nothing changes.
        await RaiseAsync(host, "ROC4", "approve-own", "ApproveReallocation", new { Officer = OfficerA }, At(2010, 6, 10));
        var refusal = Assert.Single(await host.RowsAsync(host.Tables.RefusalsAsync(default), "ROC4"));
        Assert.Equal("LSP Officer A (example) proposed this reallocation, so a different officer must approve it.", refusal.GetString("Reason"));
        Assert.Equal("ReallocationProposed", (await host.SummaryAsync("ROC4"))!.GetString("Phase"));

        await RaiseAsync(host, "ROC4", "approve-2", "ApproveReallocation", new { Officer = OfficerB }, At(2010, 6, 10));

        var careline = await host.SummaryAsync("ROC4");
        Assert.Equal("Closed", careline!.GetString("Phase"));
        Assert.Equal("1500000", careline.GetString("WithdrawnPence"));
        Assert.Equal("4000000", (await host.SummaryAsync("ROC3"))!.GetString("AwardedPence"));
        Assert.Equal(Pence(8_500 + 5_000), (await host.SummaryAsync("ROC6"))!.GetString("AwardedPence"));
        Assert.Equal(2, host.Emails.Of(EmailTemplates.FundsReceived).Count);

        var story = (await host.HistoryAsync("ROC4")).OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.GetString("Type")).ToList();
        Assert.Equal(
            ["MonitoringStarted", "ReportRequested", "ReportSubmitted", "RecoveryDeadlineSet", "RecoveryDeadlineSet",
             "DeadlinePassedWhileRed", "WithdrawalProposed", "FundingWithdrawn", "ReallocationProposed", "ReallocationApproved"],
            story.Where(t => t is not ("ReminderSent" or "OverdueChaseSent" or "ApprovalReminderSent")).ToList());
        var deadline = (await host.HistoryAsync("ROC4")).Single(r => r.GetString("InputId") == "deadline-1");
        Assert.Equal("Red report for Jan - Mar 2010: deadline 31 May 2010 set by LSP Officer A (example).", deadline.GetString("Explanation"));
    }

    [Fact]
    public async Task ReallocatedFunds_RefusedByACompletedProject_TravelBackToTheSenderByEvent()
    {
        await using var host = await WorkflowHost.StartAsync();
        await RefusedFundsTravelBackAsync(host);
    }

    /// <summary>Money reallocated to a project that has completed is refused there, and the refusal travels back to the sender.</summary>
    internal static async Task RefusedFundsTravelBackAsync(IWorkflowTestHost host)
    {
        await StartAsync(host, "ROC4", "ROC3", "ROC6");
        await host.Clock.AdvanceToAsync(At(2010, 3, 17));
        await ReportGreenAsync(host, "ROC3", "ROC6");
        await RaiseAsync(host, "ROC4", "report-1", "SubmitQuarterlyReport", RedReport, At(2010, 4, 9, 15));
        await host.Clock.AdvanceToAsync(At(2010, 6, 2));
        Assert.Equal("WithdrawalProposed", (await host.SummaryAsync("ROC4"))!.GetString("Phase"));
        await RaiseAsync(host, "ROC4", "approve-1", "ApproveWithdrawal", new { Officer = OfficerB, ExecutiveDecisionDate = "2010-06-07", MinuteReference = "LSP Executive 7 June 2010, item 6" }, At(2010, 6, 8));
        await RaiseAsync(host, "ROC6", "complete-1", "MarkProjectCompleted", new { Officer = OfficerA, Note = "All volunteering outcomes met." }, At(2010, 6, 8));
        Assert.Equal("Completed", (await host.SummaryAsync("ROC6"))!.GetString("Phase"));
        await RaiseAsync(host, "ROC4", "propose-1", "ProposeReallocation", new
        {
            Officer = OfficerA,
            Allocations = new[] { new { ProjectCode = "ROC6", Amount = "£5,000.00" } },
        }, At(2010, 6, 9));

        await RaiseAsync(host, "ROC4", "approve-2", "ApproveReallocation", new { Officer = OfficerB }, At(2010, 6, 10));

        Assert.Equal(Pence(8_500), (await host.SummaryAsync("ROC6"))!.GetString("AwardedPence"));
        var refused = Assert.Single(await host.RowsAsync(host.Tables.RefusalsAsync(default), "ROC6"));
        Assert.Equal("ROC4/", refused.GetString("InputId")![..5]);
        var backAtSender = (await host.HistoryAsync("ROC4")).Where(r => r.GetString("InputId")!.StartsWith("refused:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(backAtSender);
        Assert.Contains("ROC6", backAtSender[0].GetString("Explanation"));
        Assert.Single(host.Emails.Of(EmailTemplates.ReallocationRefused));
    }

    [Fact]
    public async Task SameInput_RaisedFiftyTimesAtOnce_IsOneReportVersionAndOneReceipt()
    {
        await using var host = await WorkflowHost.StartAsync();
        await SameInputFiftyTimesAtOnceAsync(host);
    }

    /// <summary>Fifty copies of one report raised at once: one report version, one receipt.</summary>
    internal static async Task SameInputFiftyTimesAtOnceAsync(IWorkflowTestHost host)
    {
        await StartAsync(host, "ROC4");
        await host.Clock.AdvanceToAsync(At(2010, 3, 17));

        var input = new WorkflowInput("report-1", "SubmitQuarterlyReport", await InputPayloadAsync(host, "ROC4", "SubmitQuarterlyReport", AmberReport), At(2010, 3, 20));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Client.RaiseAsync("ROC4", input)));
        await host.Clock.WaitUntilHandledAsync([new SentInput("ROC4", "report-1")]);
        // A later input is handled after all fifty copies were delivered: once it is, no copy can still be pending.
        await RaiseAsync(host, "ROC4", "probe", "ChangeLeadContact", new { Officer = OfficerA, Lead = new { Name = "New Lead", Email = "new.lead@example.org" } }, At(2010, 3, 21));

        Assert.Single(await host.HistoryAsync("ROC4"), r => r.GetString("Type") == "ReportSubmitted");
        Assert.Single(host.Emails.Of(EmailTemplates.SubmissionReceipt), e => e.To.Contains("roc4.lead@example.org"));
    }

    [Fact]
    public async Task ReportsAmendedAThenBThenA_LeaveALatest_WithAReceiptEachTime()
    {
        await using var host = await WorkflowHost.StartAsync();
        await StartAsync(host, "ROC4");
        await host.Clock.AdvanceToAsync(At(2010, 3, 17));
        var a = AmberReport;
        var b = AmberReport with { Status = "Green" };

        await RaiseAsync(host, "ROC4", "r1", "SubmitQuarterlyReport", a, At(2010, 3, 20));
        await RaiseAsync(host, "ROC4", "r2", "SubmitQuarterlyReport", b, At(2010, 3, 21));
        await RaiseAsync(host, "ROC4", "r3", "SubmitQuarterlyReport", a, At(2010, 3, 22));

        Assert.Equal(["ReportSubmitted", "ReportAmended", "ReportAmended"],
            (await host.HistoryAsync("ROC4")).Where(r => r.GetString("Type")!.StartsWith("Report", StringComparison.Ordinal) && r.GetString("Type") != "ReportRequested")
                .OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.GetString("Type")).ToList());
        Assert.Equal(3, host.Emails.Of(EmailTemplates.SubmissionReceipt).Count(e => e.To.Contains("roc4.lead@example.org")));
        var quarters = JsonDocument.Parse((await host.SummaryAsync("ROC4"))!.GetString("QuartersJson")!).RootElement;
        Assert.Equal("Amber", quarters[0].GetProperty("rag").GetString());
    }

    [Fact]
    public async Task GreekReport_ThreeFieldsOf4000Characters_IsAcceptedRecordedAndEmailed()
    {
        await using var host = await WorkflowHost.StartAsync();
        await StartAsync(host, "ROC4");
        await host.Clock.AdvanceToAsync(At(2010, 3, 17));
        var greek = string.Concat(Enumerable.Repeat("Καλημέρα σας, ", 400))[..4000];

        await RaiseAsync(host, "ROC4", "greek", "SubmitQuarterlyReport",
            new { Quarter = "2009-10 Q4", Status = "Amber", StatusComments = greek, ProgressInLastPeriod = greek, FutureWork = greek }, At(2010, 3, 20));

        // The texts live in the reports table (read back whole from Azurite); the history, the receipt's model and the state carry the id.
        var id = ReportIds.For(FinancialQuarter.Parse("2009-10 Q4"), new ReportContent(Rag.Amber, greek, greek, greek, null));
        var stored = await new TableReportTexts(host.Tables).FindReportAsync("ROC4", id, default);
        Assert.Equal(new ReportContent(Rag.Amber, greek, greek, greek, null), stored!.Content);
        var submitted = Assert.Single(await host.HistoryAsync("ROC4"), r => r.GetString("Type") == "ReportSubmitted");
        Assert.DoesNotContain(greek, submitted.GetString("DataJson"));
        Assert.Contains(id, submitted.GetString("DataJson"));
        var receipt = Assert.Single(host.Emails.Of(EmailTemplates.SubmissionReceipt), e => e.To.Contains("roc4.lead@example.org"));
        Assert.DoesNotContain(greek, receipt.ModelJson);
        Assert.Contains(id, receipt.ModelJson);
        var summary = (await host.SummaryAsync("ROC4"))!;
        Assert.True(summary.GetInt32("StateChunks") == 1, "The state fits one property of the summary row.");
        Assert.DoesNotContain(greek, summary.GetString("State00"));
    }

    [Fact]
    public async Task Clock_AdvancedRightAfterTheStarts_WaitsForTheInstancesStillStarting()
    {
        await using var host = await WorkflowHost.StartAsync();
        await AdvancedRightAfterTheStartsAsync(host);
    }

    /// <summary>
    /// The clock moved at once after starting instances (as the seed loader and ./simulate.sh do) still wakes every one of
    /// them: an instance that shows no status yet is waited for, not passed over.
    /// </summary>
    internal static async Task AdvancedRightAfterTheStartsAsync(IWorkflowTestHost host)
    {
        string[] codes = ["ROC3", "ROC4", "ROC6"];
        foreach (var code in codes)
            Assert.True(await host.Client.StartAsync(code, RochfordSeed.StartPayloadFor(code, new LocalDate(2010, 1, 4)).ToJson(), WorkflowClock.Simulated, At(2010, 1, 4)));

        var wakeUps = await host.Clock.AdvanceToAsync(At(2010, 3, 17));

        Assert.Equal(codes.Length, wakeUps);
        Assert.Equal(codes, host.Emails.Of(EmailTemplates.QuarterlyRequest).Select(e => e.InstanceId).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The eight seeded projects, started on 4 Jan 2010 and asked for their Jan - Mar reports, send none; the clock is then
    /// moved through the next quarter (1 Apr to 1 Jul 2010): each is reminded, chased, and asked for its Apr - Jun report,
    /// and none is left with a wake-up in the past. Returns what the clock driver raised in that quarter and how long it took.
    /// Run on the Azurite engine only (LocalEngineTests): the in-memory host took 42-54 s for it on two shared cores (it runs
    /// at most one orchestration work item per core at a time), against 4-14 s for the Azurite engine.
    /// </summary>
    internal static async Task<(int WakeUps, int DueTimes, TimeSpan Elapsed)> EightProjectsThroughAQuarterAsync(IWorkflowTestHost host)
    {
        string[] codes = ["ROC1", "ROC10", "ROC3", "ROC4", "ROC6", "ROC7", "ROC8", "ROC9"];
        await StartAsync(host, codes);
        await host.Clock.AdvanceToAsync(At(2010, 4, 1));
        var target = At(2010, 7, 1);
        var dueTimes = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var wakeUps = await host.Clock.AdvanceToAsync(target, new SynchronousProgress(_ => dueTimes++));

        clock.Stop();
        foreach (var template in new[] { EmailTemplates.Reminder, EmailTemplates.OverdueChase })
            Assert.Equal(codes, host.Emails.Of(template).Select(e => e.InstanceId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(codes, code => Assert.Equal(2, host.Emails.Of(EmailTemplates.QuarterlyRequest).Count(e => e.InstanceId == code)));
        var statuses = await host.Client.GetStatusesAsync();
        Assert.All(codes, code => Assert.True(statuses[code].NextWakeUp is not { } next || next > target, $"{code} still asks to wake at {statuses[code].NextWakeUp:u}."));
        return (wakeUps, dueTimes, clock.Elapsed);
    }

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> would post to the thread pool, after the count is read).</summary>
    private sealed class SynchronousProgress(Action<DateTimeOffset> report) : IProgress<DateTimeOffset>
    {
        public void Report(DateTimeOffset value) => report(value);
    }

    internal static async Task StartAsync(IWorkflowTestHost host, params string[] codes)
    {
        foreach (var code in codes)
            Assert.True(await host.Client.StartAsync(code, RochfordSeed.StartPayloadFor(code, new LocalDate(2010, 1, 4)).ToJson(), WorkflowClock.Simulated, At(2010, 1, 4)));
        await host.WaitForStatusAsync(codes);
    }

    private static async Task ReportGreenAsync(IWorkflowTestHost host, params string[] codes)
    {
        foreach (var code in codes)
            await RaiseAsync(host, code, $"green-{code}", "SubmitQuarterlyReport", AmberReport with { Status = "Green" }, At(2010, 3, 18));
    }

    internal static async Task RaiseAsync(IWorkflowTestHost host, string instance, string inputId, string name, object payload, DateTimeOffset at)
    {
        await host.Client.RaiseAsync(instance, new WorkflowInput(inputId, name, await InputPayloadAsync(host, instance, name, payload), at));
        await host.Clock.WaitUntilHandledAsync([new SentInput(instance, inputId)]);
    }

    /// <summary>As the page does: a lead's form in full is stored in the reports table and raised as a reference; anything else as it is.</summary>
    internal static async Task<string> InputPayloadAsync(IWorkflowTestHost host, string instance, string name, object payload)
    {
        var json = JsonSerializer.Serialize(payload);
        var texts = new TableReportTexts(host.Tables);
        switch (name)
        {
            case "SubmitQuarterlyReport":
                var report = ReportForm.Parse(json);
                await texts.SaveAsync(StoredReport.From(instance, report, DateTimeOffset.UtcNow), default);
                return report.ToInputPayload();
            case "SubmitInterimUpdate":
                var update = InterimUpdateForm.Parse(json);
                await texts.SaveAsync(StoredUpdate.From(instance, update, DateTimeOffset.UtcNow), default);
                return update.ToInputPayload();
            default:
                return json;
        }
    }

    internal static DateTimeOffset At(int year, int month, int day, int hour = 9) => UkCalendar.At(new LocalDate(year, month, day), new LocalTime(hour, 0));

    private static string Pence(long pounds) => (pounds * 100).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static object Officer(int index) => new { RochfordSeed.Contacts.Officers[index].Name, RochfordSeed.Contacts.Officers[index].Email };

    private static readonly object RedReport = new
    {
        Quarter = "2009-10 Q4",
        Status = "Red",
        StatusComments = "No progress has been made on this project to date and no funds have been released.",
        ProgressInLastPeriod = "No progress has been made on this project to date and no funds have been released.",
        FutureWork = "South East Essex PCT has been requested to provide a time scale for delivery over the next year and a key contact.",
    };

    private static readonly ReportPayload AmberReport = new(
        "2009-10 Q4", "Amber", "Some delay in recruiting volunteers.", "Two sessions were held.", "Recruit two more volunteers.");

    private sealed record ReportPayload(string Quarter, string Status, string StatusComments, string ProgressInLastPeriod, string FutureWork);
}
