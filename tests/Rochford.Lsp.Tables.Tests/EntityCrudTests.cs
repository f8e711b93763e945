// CRUD and ETag behaviour of TableClient against a real Azurite (started by AzuriteFixture).
// Run: dotnet test tests/Rochford.Lsp.Tables.Tests

using Azure;
using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Tables.Tests;

public sealed class EntityCrudTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddThenGet_AllPropertyTypes_RoundTripExactly()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");
        var when = new DateTimeOffset(2010, 5, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1234567);
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        var entity = new TableEntity("ROC4", "2009-Q4")
        {
            ["Name"] = "Careline — 'Rochford' & <b>friends</b>",
            ["Rag"] = "Red",
            ["Pence"] = 1_234_567_890_123L,
            ["Count"] = 42,
            ["Ratio"] = 2.0,
            ["Released"] = true,
            ["Due"] = when,
            ["Id"] = id,
            ["Blob"] = new byte[] { 0, 1, 2, 255 },
        };

        await table.AddEntityAsync(entity, AzuriteFixture.Timeout());
        var read = (await table.GetEntityAsync("ROC4", "2009-Q4", cancellationToken: AzuriteFixture.Timeout())).Value;

        Assert.Equal("Careline — 'Rochford' & <b>friends</b>", read.GetString("Name"));
        Assert.Equal(1_234_567_890_123L, read["Pence"]);
        Assert.Equal(42, read["Count"]);
        Assert.Equal(2.0, read["Ratio"]);
        Assert.Equal(true, read["Released"]);
        Assert.Equal(when, read.GetDateTimeOffset("Due"));
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.GetBinary("Blob"));
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task Get_MissingEntity_ThrowsNotFoundAndIfExistsHasNoValue()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");

        var ex = await Assert.ThrowsAsync<TableNotFoundException>(() => table.GetEntityAsync("p", "missing", cancellationToken: AzuriteFixture.Timeout()));
        var maybe = await table.GetEntityIfExistsAsync("p", "missing", cancellationToken: AzuriteFixture.Timeout());

        Assert.Equal(404, ex.Status);
        Assert.False(maybe.HasValue);
    }

    [Fact]
    public async Task Add_ExistingEntity_ThrowsConflictWithServiceErrorCode()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");
        await table.AddEntityAsync(new TableEntity("p", "r"), AzuriteFixture.Timeout());

        var ex = await Assert.ThrowsAsync<TableConflictException>(() => table.AddEntityAsync(new TableEntity("p", "r"), AzuriteFixture.Timeout()));

        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
    }

    [Fact]
    public async Task Update_WithCurrentETag_SucceedsAndWithStaleETag_ThrowsPreconditionFailed()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");
        var entity = new TableEntity("p", "r") { ["Rag"] = "Amber" };
        await table.AddEntityAsync(entity, AzuriteFixture.Timeout());
        var first = (await table.GetEntityAsync("p", "r", cancellationToken: AzuriteFixture.Timeout())).Value;
        var stale = first.ETag;

        first["Rag"] = "Red";
        await table.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Merge, AzuriteFixture.Timeout());
        first["Rag"] = "Green";
        var ex = await Assert.ThrowsAsync<TablePreconditionFailedException>(
            () => table.UpdateEntityAsync(first, stale, TableUpdateMode.Replace, AzuriteFixture.Timeout()));

        Assert.Equal(412, ex.Status);
        Assert.Equal("Red", (await table.GetEntityAsync("p", "r", cancellationToken: AzuriteFixture.Timeout())).Value.GetString("Rag"));
    }

    [Fact]
    public async Task Update_ReplaceDropsPropertiesMergeKeepsThem()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");
        await table.AddEntityAsync(new TableEntity("p", "m") { ["A"] = "a", ["B"] = "b" }, AzuriteFixture.Timeout());
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, AzuriteFixture.Timeout());

        await table.UpdateEntityAsync(new TableEntity("p", "m") { ["A"] = "a2" }, ETag.All, TableUpdateMode.Merge, AzuriteFixture.Timeout());
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = "a2" }, ETag.All, TableUpdateMode.Replace, AzuriteFixture.Timeout());

        var merged = (await table.GetEntityAsync("p", "m", cancellationToken: AzuriteFixture.Timeout())).Value;
        var replaced = (await table.GetEntityAsync("p", "r", cancellationToken: AzuriteFixture.Timeout())).Value;
        Assert.Equal(("a2", "b"), (merged.GetString("A"), merged.GetString("B")));
        Assert.Equal(("a2", (string?)null), (replaced.GetString("A"), replaced.GetString("B")));
    }

    [Fact]
    public async Task Update_WithoutETag_IsRefusedBeforeSending()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), default, TableUpdateMode.Merge, AzuriteFixture.Timeout()));

        Assert.Contains("needs an ETag", ex.Message);
    }

    [Fact]
    public async Task Upsert_InsertsThenMerges()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1 }, TableUpdateMode.Merge, AzuriteFixture.Timeout());
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = 2 }, TableUpdateMode.Merge, AzuriteFixture.Timeout());

        var read = (await table.GetEntityAsync("p", "r", cancellationToken: AzuriteFixture.Timeout())).Value;
        Assert.Equal((1, 2), (read.GetInt32("A"), read.GetInt32("B")));
    }

    [Fact]
    public async Task Delete_WithStaleETag_ThrowsAndKeepsEntity_WithCurrentETag_Deletes()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");
        var entity = new TableEntity("p", "r") { ["V"] = 1 };
        await table.AddEntityAsync(entity, AzuriteFixture.Timeout());
        var stale = entity.ETag;
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, AzuriteFixture.Timeout());

        await Assert.ThrowsAsync<TablePreconditionFailedException>(() => table.DeleteEntityAsync("p", "r", stale, AzuriteFixture.Timeout()));
        Assert.True((await table.GetEntityIfExistsAsync("p", "r", cancellationToken: AzuriteFixture.Timeout())).HasValue);

        await table.DeleteEntityAsync("p", "r", entity.ETag, AzuriteFixture.Timeout());
        Assert.False((await table.GetEntityIfExistsAsync("p", "r", cancellationToken: AzuriteFixture.Timeout())).HasValue);
    }

    [Theory]
    [InlineData("O'Brien's project")]
    [InlineData("ROC 4 (Careline) 100% & more")]
    [InlineData("Rochford, Essex = £5,000 + ünïcödé ✓")]
    [InlineData("semi;colon,comma'quote\"double")]
    public async Task Keys_WithAwkwardButValidCharacters_RoundTrip(string key)
    {
        var table = await azurite.CreateHandMadeTableAsync("keys");
        var entity = new TableEntity(key, key) { ["V"] = "x" };

        await table.AddEntityAsync(entity, AzuriteFixture.Timeout());
        await table.UpdateEntityAsync(new TableEntity(key, key) { ["V"] = "y" }, entity.ETag, TableUpdateMode.Merge, AzuriteFixture.Timeout());
        var read = (await table.GetEntityAsync(key, key, cancellationToken: AzuriteFixture.Timeout())).Value;

        Assert.Equal((key, key, "y"), (read.PartitionKey, read.RowKey, read.GetString("V")));
    }

    [Fact]
    public async Task Select_ReturnsOnlyNamedColumns()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, AzuriteFixture.Timeout());

        var read = (await table.GetEntityAsync("p", "r", ["A"], AzuriteFixture.Timeout())).Value;

        Assert.Equal("a", read.GetString("A"));
        Assert.False(read.ContainsKey("B"));
    }

    [Fact]
    public async Task CreateIfNotExists_Twice_IsHarmless()
    {
        var table = await azurite.CreateHandMadeTableAsync("crud");

        await table.CreateIfNotExistsAsync(AzuriteFixture.Timeout());

        await table.AddEntityAsync(new TableEntity("p", "r"), AzuriteFixture.Timeout());
    }
}
