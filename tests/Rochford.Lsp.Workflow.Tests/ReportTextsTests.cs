// The reports table on Azurite: a lead's texts round-trip whole (three fields at the form's 4,000-character limit, in
// Greek), a second save of the same content changes nothing, and reports and interim updates are told apart.

using Azure.Data.Tables;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class ReportTextsTests
{
    private static readonly FinancialQuarter Q4 = FinancialQuarter.Parse("2009-10 Q4");

    private static async Task<(TableReportTexts Texts, WorkflowTables Tables)> NewStoreAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var tables = new WorkflowTables(new TableServiceClient(azurite.ConnectionString), "rt" + Guid.NewGuid().ToString("N")[..10]);
        return (new TableReportTexts(tables), tables);
    }

    [Fact]
    public async Task Report_SavedOnAzurite_ReadsBackWhole_AndASecondSaveChangesNothing()
    {
        var (texts, tables) = await NewStoreAsync();
        var greek = string.Concat(Enumerable.Repeat("Καλημέρα σας, ", 400))[..4000];
        var form = new ReportForm(Q4, new ReportContent(Rag.Amber, greek, greek.ToUpperInvariant(), "Future\nwork", Money.Pounds(10_000_000)), "lead@example.org");
        var first = StoredReport.From("ROC4", form, new DateTimeOffset(2010, 3, 20, 9, 0, 0, TimeSpan.Zero));

        await texts.SaveAsync(first, default);
        await texts.SaveAsync(first with { SubmittedBy = "someone.else@example.org", StoredAt = first.StoredAt.AddDays(1) }, default);

        Assert.Equal(first, await texts.FindReportAsync("ROC4", form.ReportId, default));
        Assert.Equal(first, await texts.FindReportAsync("roc4", form.ReportId, default));
        var table = await tables.ReportsAsync(default);
        var row = Assert.Single(table.Query<TableEntity>(e => e.PartitionKey == "ROC4"));
        Assert.Equal((form.ReportId, "2009-10 Q4", "Amber"), (row.RowKey, row.GetString("Quarter"), row.GetString("Status")));
    }

    [Fact]
    public async Task Update_SavedOnAzurite_ReadsBack_AndIsNotFoundAsAReport()
    {
        var (texts, _) = await NewStoreAsync();
        var form = new InterimUpdateForm(Rag.Red, "Still waiting for County.", null);
        var update = StoredUpdate.From("ROC4", form, new DateTimeOffset(2010, 5, 10, 9, 0, 0, TimeSpan.Zero));

        await texts.SaveAsync(update, default);

        Assert.Equal(update, await texts.FindUpdateAsync("ROC4", form.UpdateId, default));
        Assert.Null(await texts.FindReportAsync("ROC4", form.UpdateId, default));
        Assert.Null(await texts.FindUpdateAsync("ROC3", form.UpdateId, default));
        Assert.Null(await texts.FindReportAsync("ROC4", ReportIds.For(Q4, new ReportContent(Rag.Red, "a", "b", "c", null)), default));
        Assert.Null(await texts.FindReportAsync("ROC4", "not an id", default));
    }

    [Fact]
    public async Task InMemoryStore_KeepsTheFirstSave_LikeTheTable()
    {
        var texts = new InMemoryReportTexts();
        var form = new ReportForm(Q4, new ReportContent(Rag.Green, "a", "b", "c", null), null);
        var first = StoredReport.From("ROC4", form, DateTimeOffset.UnixEpoch);

        await texts.SaveAsync(first, default);
        await texts.SaveAsync(first with { StoredAt = DateTimeOffset.UnixEpoch.AddDays(1) }, default);

        Assert.Equal(first, await texts.FindReportAsync("roc4", form.ReportId, default));
        Assert.Equal(1, texts.Count);
        Assert.Null(await texts.FindUpdateAsync("ROC4", form.ReportId, default));
    }

    /// <summary>
    /// Issue 20, "migration keeps texts": an instance whose state (in its carry and on its summary row) is still version 1, with
    /// the lead's texts in it, handles an input on today's code. Before the first version 2 row replaces the version 1 one,
    /// every report version's text and every interim update's comments are in the reports table, under the ids the migrated
    /// state refers to them by.
    /// </summary>
    [Fact]
    public async Task Version1Instance_FirstTransitionOnVersion2_KeepsEveryTextInTheReportsTable()
    {
        await using var host = await WorkflowHost.StartAsync();
        var v1 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "StoredStates", "reporting-cycle-v1.json"));
        // The summary row as version 1 of the code wrote it, and the instance carrying the same state.
        var summary = new TableEntity(WorkflowTables.ProjectsPartition, "ROC4") { ["Status"] = "Withdrawal proposed", ["LastTransition"] = 9L };
        SummaryState.Write(summary, v1, 1);
        await (await host.Tables.ProjectsAsync(default)).AddEntityAsync(summary);
        var at = new DateTimeOffset(2010, 6, 2, 9, 0, 0, TimeSpan.FromHours(1));
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(ReportingCycleOrchestrator.Name,
            new WorkflowCarry(1, v1, null, 9, null, "Withdrawal proposed", false, WorkflowClock.Simulated, at, [], []),
            new Microsoft.DurableTask.StartOrchestrationOptions("ROC4"));
        await host.WaitForStatusAsync("ROC4");

        await host.Client.RaiseAsync("ROC4", new WorkflowInput("lead-1", "ChangeLeadContact", System.Text.Json.JsonSerializer.Serialize(new
        {
            Officer = new { Name = "LSP Officer A (example)", Email = "lsp.officer.a@example.org" },
            Lead = new { Name = "New lead", Email = "new.lead@example.org" },
        }), at.AddDays(1)));
        await host.Clock.WaitUntilHandledAsync([new SentInput("ROC4", "lead-1")]);

        var row = (await host.SummaryAsync("ROC4"))!;
        Assert.Equal((2, 10L), (SummaryState.Read(row)!.Value.Version, row.GetInt64("LastTransition")));
        var texts = new TableReportTexts(host.Tables);
        var held = ReportingCycle.TextsIn(1, v1);
        Assert.Equal((2, 1), (held.Reports.Count, held.Updates.Count));
        foreach (var report in held.Reports)
        {
            var stored = await texts.FindReportAsync("ROC4", report.ReportId, default);
            Assert.Equal((report.Quarter, report.Content), (stored?.Quarter, stored?.Content));
            Assert.Equal(report.ReceivedAt, stored!.StoredAt);
        }
        Assert.Equal("No progress has been made on this project to date.", held.Reports[1].Content.StatusComments);
        var update = await texts.FindUpdateAsync("ROC4", held.Updates[0].UpdateId, default);
        Assert.Equal((Rag.Red, "Waiting"), (update?.Status, update?.Comments));
        // The migrated state refers to the same ids: the page finds the latest report's text and the latest update's comments.
        var state = (await new ProjectStates<ProjectState>(host.Tables, new ReportingCycle()).GetAsync("ROC4"))!.State;
        Assert.NotNull(await texts.FindReportAsync("ROC4", state.QuarterFor(Q4)!.Latest!.ReportId, default));
        Assert.NotNull(await texts.FindUpdateAsync("ROC4", state.Red!.LatestUpdate!.UpdateId, default));
    }
}
