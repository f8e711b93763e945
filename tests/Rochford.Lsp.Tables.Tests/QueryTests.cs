using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Tables.Tests;

public sealed class QueryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Query_MoreThan1000Rows_FollowsContinuationAndReturnsEveryRow()
    {
        var table = await azurite.CreateHandMadeTableAsync("query");
        // Three partitions of 450 rows: pages end mid-partition and across partitions.
        for (var p = 0; p < 3; p++)
        {
            for (var chunk = 0; chunk < 450; chunk += 90)
            {
                var actions = Enumerable.Range(chunk, 90)
                    .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"p{p}", $"r{i:D4}") { ["N"] = i }));
                await table.SubmitTransactionAsync(actions, AzuriteFixture.Timeout());
            }
        }

        var pages = new List<int>();
        var keys = new HashSet<string>();
        await foreach (var page in table.QueryAsync(cancellationToken: AzuriteFixture.Timeout()).AsPages())
        {
            pages.Add(page.Values.Count);
            foreach (var e in page.Values) Assert.True(keys.Add(e.PartitionKey + "/" + e.RowKey), "a row came back twice");
        }

        Assert.Equal(1350, keys.Count);
        Assert.True(pages.Count >= 2, $"expected several pages, got {pages.Count}");
    }

    [Fact]
    public async Task Query_WithTopAndFilter_PagesThroughOnlyMatchingRows()
    {
        var table = await azurite.CreateHandMadeTableAsync("query");
        var actions = Enumerable.Range(0, 50).Select(i =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D2}") { ["Rag"] = i % 3 == 0 ? "Red" : "Green", ["N"] = i }));
        await table.SubmitTransactionAsync(actions, AzuriteFixture.Timeout());

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"p"} and Rag eq {"Red"}");
        var pageSizes = new List<int>();
        var found = new List<int>();
        await foreach (var page in table.QueryAsync(filter, maxPerPage: 5, select: ["N"], cancellationToken: AzuriteFixture.Timeout()).AsPages())
        {
            pageSizes.Add(page.Values.Count);
            found.AddRange(page.Values.Select(e => e.GetInt32("N")!.Value));
        }

        Assert.Equal(Enumerable.Range(0, 50).Where(i => i % 3 == 0), found.Order());
        Assert.All(pageSizes, size => Assert.True(size <= 5));
        Assert.Equal(4, pageSizes.Count);
    }

    [Theory]
    [InlineData("x' or PartitionKey ne '")]
    [InlineData("' or true or '")]
    [InlineData("x') or (1 eq 1")]
    [InlineData("ROC4' or Name ne 'anything")]
    public async Task Filter_WithHostileValue_MatchesOnlyThatLiteralValue(string hostile)
    {
        var table = await azurite.CreateHandMadeTableAsync("escape");
        await table.AddEntityAsync(new TableEntity("p", "a") { ["Name"] = "Sanctuary Scheme" }, AzuriteFixture.Timeout());
        await table.AddEntityAsync(new TableEntity("p", "b") { ["Name"] = hostile }, AzuriteFixture.Timeout());

        var filter = TableClient.CreateQueryFilter($"Name eq {hostile}");
        var rows = await table.QueryAsync(filter, cancellationToken: AzuriteFixture.Timeout()).ToListAsync();

        var row = Assert.Single(rows);
        Assert.Equal("b", row.RowKey);
    }

    [Fact]
    public void CreateQueryFilter_FormatsEachTypeAsODataLiteral()
    {
        var filter = TableClient.CreateQueryFilter(
            $"S eq {"O'Brien"} and L eq {5L} and I eq {7} and B eq {true} and D ge {new DateTimeOffset(2010, 5, 31, 0, 0, 0, TimeSpan.Zero)} and G eq {Guid.Empty} and X eq {1.5}");

        Assert.Equal(
            "S eq 'O''Brien' and L eq 5L and I eq 7 and B eq true and D ge datetime'2010-05-31T00:00:00.0000000Z' and G eq guid'00000000-0000-0000-0000-000000000000' and X eq 1.5",
            filter);
    }

    [Fact]
    public async Task Filter_OnDatesAndInt64_ComparesByValue()
    {
        var table = await azurite.CreateHandMadeTableAsync("typed");
        var start = new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
            await table.AddEntityAsync(new TableEntity("p", $"r{i}") { ["Due"] = start.AddDays(i * 10), ["Pence"] = i * 1_000_000_000_000L }, AzuriteFixture.Timeout());

        var filter = TableClient.CreateQueryFilter($"Due lt {start.AddDays(35)} and Pence ge {2_000_000_000_000L}");
        var rows = await table.QueryAsync(filter, cancellationToken: AzuriteFixture.Timeout()).ToListAsync();

        Assert.Equal(["r2", "r3"], rows.Select(r => r.RowKey).Order());
    }
}
