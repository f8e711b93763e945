using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace Rochford.Lsp.Services;

/// <summary>Where the app keeps its state. Bound from the "Storage" configuration section.</summary>
/// <remarks>
/// Locally <see cref="ConnectionString"/> points at Azurite. In Azure, leave it empty and set <see cref="AccountName"/>
/// (or <see cref="TableEndpoint"/>): the app then signs in with its managed identity (<see cref="DefaultAzureCredential"/>),
/// so no key is stored anywhere.
/// </remarks>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Storage";

    // One credential for every client: it caches its tokens.
    private static readonly Lazy<TokenCredential> Credential = new(() => new DefaultAzureCredential());

    /// <summary>A storage connection string (e.g. "UseDevelopmentStorage=true").</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account's name, for managed-identity access: the table endpoint is https://{name}.table.core.windows.net/.</summary>
    public string? AccountName { get; set; }

    /// <summary>The table endpoint for managed-identity access, e.g. https://rochfordlsp.table.core.windows.net/ (instead of <see cref="AccountName"/>).</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>Prefix for every table name, so several environments can share one account.</summary>
    public string TablePrefix { get; set; } = "lsp";

    /// <summary>Creates a client for one of the app's tables, authenticating as configured, with a short retry suited to pages.</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor an account is configured.</exception>
    public TableClient CreateClient(string table) => CreateServiceClient(PageClientOptions()).GetTableClient(TablePrefix + table);

    /// <summary>Creates a client for the account's tables, authenticating as configured (the SDK's retry unless <paramref name="options"/> says).</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor an account is configured.</exception>
    public TableServiceClient CreateServiceClient(TableClientOptions? options = null)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return new TableServiceClient(ConnectionString, options);
        if (TableEndpointUri() is { } endpoint)
            return new TableServiceClient(endpoint, Credential.Value, options);
        throw new InvalidOperationException(
            "Storage is not configured: set Storage:ConnectionString (locally, \"UseDevelopmentStorage=true\") or, in Azure, Storage:AccountName (the app signs in with its managed identity).");
    }

    /// <summary>The table endpoint for managed-identity access: <see cref="TableEndpoint"/>, or the one of <see cref="AccountName"/>.</summary>
    public Uri? TableEndpointUri() =>
        TableEndpoint ?? (string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName.Trim()}.table.core.windows.net/"));

    // A short, bounded retry suited to pages a person is waiting for (the SDK's default waits up to a minute between tries).
    private static TableClientOptions PageClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
