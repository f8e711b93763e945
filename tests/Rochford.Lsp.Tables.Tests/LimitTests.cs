using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Tables.Tests;

public sealed class LimitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("a/b", "contains '/'")]
    [InlineData("a\\b", "contains '\\'")]
    [InlineData("a#b", "contains '#'")]
    [InlineData("a?b", "contains '?'")]
    [InlineData("a\u0007b", "control character (U+0007)")]
    [InlineData("a\u009Fb", "control character (U+009F)")]
    public async Task Add_KeyWithForbiddenCharacter_IsRefusedWithReason(string key, string expected)
    {
        var table = await azurite.CreateHandMadeTableAsync("limits");

        var pk = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity(key, "r")));
        var rk = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", key)));

        Assert.Contains("PartitionKey", pk.Message);
        Assert.Contains(expected, pk.Message);
        Assert.Contains("RowKey", rk.Message);
        Assert.Empty(await table.QueryAsync(cancellationToken: AzuriteFixture.Timeout()).ToListAsync());
    }

    [Fact]
    public void Validate_StringOver64KiB_IsRefused_AtLimitIsAccepted()
    {
        var atLimit = new TableEntity("p", "r") { ["Text"] = new string('x', 32 * 1024) };
        var over = new TableEntity("p", "r") { ["Text"] = new string('x', 32 * 1024 + 1) };

        EntityLimits.Validate(atLimit);
        var ex = Assert.Throws<ArgumentException>(() => EntityLimits.Validate(over));

        Assert.Contains("Property 'Text' is 32,769 characters; a string may be at most 32,768 characters (64 KiB)", ex.Message);
    }

    [Fact]
    public void Validate_MoreThan252Properties_IsRefused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++) entity[$"P{i}"] = i;

        var ex = Assert.Throws<ArgumentException>(() => EntityLimits.Validate(entity));

        Assert.Contains("253 properties; the most allowed is 252", ex.Message);
    }

    [Fact]
    public void Validate_EntityOver1MiB_IsRefused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++) entity[$"Chunk{i}"] = new string('x', 32 * 1024);

        var ex = Assert.Throws<ArgumentException>(() => EntityLimits.Validate(entity));

        Assert.Contains("the most allowed is 1,048,576 (1 MiB)", ex.Message);
    }

    [Fact]
    public async Task Add_EntityNearButUnder1MiB_IsStored()
    {
        var table = await azurite.CreateHandMadeTableAsync("limits");
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 15; i++) entity[$"Chunk{i}"] = new string((char)('a' + i), 32 * 1024);

        await table.AddEntityAsync(entity, AzuriteFixture.Timeout());

        var read = (await table.GetEntityAsync("p", "r", cancellationToken: AzuriteFixture.Timeout())).Value;
        Assert.Equal(new string('o', 32 * 1024), read.GetString("Chunk14"));
    }

    [Theory]
    [InlineData("1abc", "must start with a letter")]
    [InlineData("has space", "only letters, digits and '_'")]
    [InlineData("odata_type", "reserved")]
    public void Validate_BadPropertyName_IsRefused(string name, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => EntityLimits.Validate(new TableEntity("p", "r") { [name] = 1 }));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Validate_UnsupportedValueType_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => EntityLimits.Validate(new TableEntity("p", "r") { ["Amount"] = 12.5m }));

        Assert.Contains("Property 'Amount' is a Decimal", ex.Message);
    }

    [Fact]
    public void Validate_KeyOver1KiB_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => EntityLimits.Validate(new TableEntity(new string('k', 513), "r")));

        Assert.Contains("513 characters; the most allowed is 512 (1 KiB)", ex.Message);
    }
}
