using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Tables.Tests;

public sealed class AuthAndConnectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void SharedKeyLite_Signature_MatchesIndependentlyComputedHmac()
    {
        // Worked by hand: HMAC-SHA256(key, "Tue, 01 Jun 2010 09:00:00 GMT\n/devstoreaccount1/devstoreaccount1/Tables").
        var policy = new SharedKeyLitePolicy(TableConnectionString.DevelopmentAccountName, TableConnectionString.DevelopmentAccountKey);
        var date = "Tue, 01 Jun 2010 09:00:00 GMT";
        var uri = new Uri("http://127.0.0.1:10002/devstoreaccount1/Tables");
        using var hmac = new System.Security.Cryptography.HMACSHA256(Convert.FromBase64String(TableConnectionString.DevelopmentAccountKey));
        var expected = Convert.ToBase64String(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(date + "\n/devstoreaccount1/devstoreaccount1/Tables")));

        Assert.Equal(expected, policy.Sign(date, uri));
    }

    [Fact]
    public void CanonicalizedResource_KeepsOnlyCompParameter()
    {
        var policy = new SharedKeyLitePolicy("acct", TableConnectionString.DevelopmentAccountKey);

        Assert.Equal("/acct/mytable()", policy.CanonicalizedResource(new Uri("https://acct.table.core.windows.net/mytable()?$filter=a%20eq%201&$top=5")));
        Assert.Equal("/acct/?comp=properties", policy.CanonicalizedResource(new Uri("https://acct.table.core.windows.net/?restype=service&comp=properties")));
    }

    [Fact]
    public async Task WrongAccountKey_IsRejectedByTheService()
    {
        var good = TableConnectionString.Parse(azurite.Server.ConnectionString);
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var client = new TableClient(good with { AccountKey = wrongKey }, "authcheck");

        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(() => client.CreateIfNotExistsAsync(AzuriteFixture.Timeout()));

        Assert.Equal(403, ex.Status);
    }

    [Fact]
    public void Parse_DevelopmentStorage_UsesAzuriteDefaults()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1/"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(TableConnectionString.DevelopmentAccountKey, parsed.AccountKey);
    }

    [Fact]
    public void Parse_AzureAccount_BuildsEndpointFromNameAndSuffix()
    {
        var parsed = TableConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=rochfordlsp;AccountKey=" + TableConnectionString.DevelopmentAccountKey + ";EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://rochfordlsp.table.core.windows.net/"), parsed.TableEndpoint);
        Assert.Equal("rochfordlsp", parsed.AccountName);
    }

    [Theory]
    [InlineData("AccountKey=YWJj", "needs AccountName")]
    [InlineData("AccountName=a;AccountKey=not*base64", "not valid base64")]
    [InlineData("nonsense", "without a name and '='")]
    [InlineData("TableEndpoint=ftp://x;AccountName=a", "not an absolute http(s) address")]
    public void Parse_Invalid_SaysWhatIsWrong(string connectionString, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void TokenCredentialClient_CanBeBuiltForManagedIdentity()
    {
        var client = new TableClient(new Uri("https://rochfordlsp.table.core.windows.net"), "instances", new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.SystemAssigned));

        Assert.Equal("instances", client.Name);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1table")]
    [InlineData("has-dash")]
    public void TableName_Invalid_IsRefused(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TableClient("UseDevelopmentStorage=true", name));

        Assert.Contains($"Table name '{name}' is not valid", ex.Message);
    }
}
