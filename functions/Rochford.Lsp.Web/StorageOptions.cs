using Rochford.Lsp.Tables;

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
            return new TableClient(ConnectionString, name);
        if (TableEndpoint is not null)
            return new TableClient(TableEndpoint, name, new Azure.Identity.DefaultAzureCredential());
        throw new InvalidOperationException(
            "Storage is not configured: set Storage:ConnectionString (locally, \"UseDevelopmentStorage=true\") or Storage:TableEndpoint (in Azure, with a managed identity).");
    }
}
