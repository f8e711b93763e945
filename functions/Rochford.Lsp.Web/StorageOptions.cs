using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace Rochford.Lsp.Web;

/// <summary>Where the app keeps its state. Bound from the "Storage" configuration section.</summary>
/// <remarks>
/// Locally <see cref="ConnectionString"/> points at Azurite. In Azure, leave it empty and set
/// <see cref="TableEndpoint"/>: the app then signs in with its managed identity, so no key is stored anywhere.
/// </remarks>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Storage";

    /// <summary>A storage connection string (e.g. "UseDevelopmentStorage=true").</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table endpoint for managed-identity access, e.g. https://rochfordlsp.table.core.windows.net/.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>Prefix for every table name, so several environments can share one account.</summary>
    public string TablePrefix { get; set; } = "lsp";

    /// <summary>Creates a client for one of the app's tables, authenticating as configured.</summary>
    public TableClient CreateClient(string table)
    {
        var name = TablePrefix + table;
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return new TableServiceClient(ConnectionString, ClientOptions()).GetTableClient(name);
        if (TableEndpoint is not null)
            return new TableServiceClient(TableEndpoint, new DefaultAzureCredential(), ClientOptions()).GetTableClient(name);
        throw new InvalidOperationException(
            "Storage is not configured: set Storage:ConnectionString (locally, \"UseDevelopmentStorage=true\") or Storage:TableEndpoint (in Azure, with a managed identity).");
    }

    // A short, bounded retry suited to pages a person is waiting for (the SDK's default waits up to a minute between tries).
    private static TableClientOptions ClientOptions()
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
