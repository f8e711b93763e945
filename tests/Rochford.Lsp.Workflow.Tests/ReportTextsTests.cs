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
}
