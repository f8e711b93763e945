using Azure;
using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Tables.Tests;

public sealed class TransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Transaction_MixedActions_AllApplyAndReturnNewETags()
    {
        var table = await azurite.CreateHandMadeTableAsync("batch");
        var existing = new TableEntity("p", "state") { ["Seq"] = 1 };
        await table.AddEntityAsync(existing, AzuriteFixture.Timeout());
        await table.AddEntityAsync(new TableEntity("p", "gone"), AzuriteFixture.Timeout());
        var before = existing.ETag;

        var update = new TableEntity("p", "state") { ["Seq"] = 2 };
        var result = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, update, before),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "history-0002") { ["Type"] = "ReportSubmitted" }),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "outbox-1") { ["To"] = "lead@example.org" }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "gone"), ETag.All),
        ], AzuriteFixture.Timeout());

        Assert.Equal(4, result.Value.Count);
        Assert.NotEqual(before, update.ETag);
        var state = (await table.GetEntityAsync("p", "state", cancellationToken: AzuriteFixture.Timeout())).Value;
        Assert.Equal(2, state.GetInt32("Seq"));
        Assert.Equal(update.ETag, state.ETag);
        Assert.True((await table.GetEntityIfExistsAsync("p", "history-0002", cancellationToken: AzuriteFixture.Timeout())).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync("p", "gone", cancellationToken: AzuriteFixture.Timeout())).HasValue);
    }

    [Fact]
    public async Task Transaction_WithStaleETag_WritesNothingAndNamesTheFailedAction()
    {
        var table = await azurite.CreateHandMadeTableAsync("batch");
        var state = new TableEntity("p", "state") { ["Seq"] = 1 };
        await table.AddEntityAsync(state, AzuriteFixture.Timeout());
        var stale = state.ETag;
        await table.UpdateEntityAsync(new TableEntity("p", "state") { ["Seq"] = 2 }, stale, TableUpdateMode.Merge, AzuriteFixture.Timeout());

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "history-0002")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "state") { ["Seq"] = 3 }, stale),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "outbox-1")),
        ], AzuriteFixture.Timeout()));

        Assert.Equal(1, ex.FailedTransactionActionIndex);
        Assert.IsType<TablePreconditionFailedException>(ex.Failure);
        Assert.Equal(412, ex.Status);
        var rows = await table.QueryAsync(cancellationToken: AzuriteFixture.Timeout()).ToListAsync();
        Assert.Equal(["state"], rows.Select(r => r.RowKey));
        Assert.Equal(2, rows[0].GetInt32("Seq"));
    }

    [Fact]
    public async Task Transaction_AddOfExistingRow_WritesNothingAndReportsConflict()
    {
        var table = await azurite.CreateHandMadeTableAsync("batch");
        await table.AddEntityAsync(new TableEntity("p", "history-0001"), AzuriteFixture.Timeout());

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "outbox-9")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "history-0001")),
        ], AzuriteFixture.Timeout()));

        Assert.Equal(409, ex.Status);
        Assert.Equal(1, ex.FailedTransactionActionIndex);
        Assert.False((await table.GetEntityIfExistsAsync("p", "outbox-9", cancellationToken: AzuriteFixture.Timeout())).HasValue);
    }

    [Fact]
    public async Task Transaction_OfExactly100Actions_IsAccepted()
    {
        var table = await azurite.CreateHandMadeTableAsync("batch");

        await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}"))), AzuriteFixture.Timeout());

        Assert.Equal(100, (await table.QueryAsync(cancellationToken: AzuriteFixture.Timeout()).ToListAsync()).Count);
    }

    [Fact]
    public async Task Transaction_RuleBreaches_AreRefusedBeforeSendingWithClearMessages()
    {
        var table = await azurite.CreateHandMadeTableAsync("batch");

        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}")))));
        var twoPartitions = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("a", "1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("b", "1")),
        ]));
        var sameRowTwice = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("a", "1")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("a", "1")),
        ]));
        var noETag = Assert.Throws<ArgumentException>(() => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("a", "1")));

        Assert.Contains("at most 100 actions; this one has 101", tooMany.Message);
        Assert.Contains("must share one PartitionKey; action 1 has 'b'", twoPartitions.Message);
        Assert.Contains("RowKey '1' appears twice", sameRowTwice.Message);
        Assert.Contains("needs an ETag", noETag.Message);
    }
}
