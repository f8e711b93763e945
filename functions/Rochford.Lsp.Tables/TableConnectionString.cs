// Parses Azure Storage connection strings, including Azurite's "UseDevelopmentStorage=true",
// into the table endpoint and shared-key credentials the client needs.

namespace Rochford.Lsp.Tables;

/// <summary>The parts of a storage connection string the table client uses.</summary>
/// <param name="TableEndpoint">The table service endpoint, e.g. https://acct.table.core.windows.net/ or http://127.0.0.1:10002/devstoreaccount1/.</param>
/// <param name="AccountName">The storage account name (signs requests and, on Azurite, is the first path segment).</param>
/// <param name="AccountKey">The base64 account key, or null when the string carries none (then a TokenCredential is needed).</param>
public sealed record TableConnectionString(Uri TableEndpoint, string AccountName, string? AccountKey)
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public: it is documented by Microsoft and only works against the emulator).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> naming what is missing or wrong.</summary>
    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=');
            if (eq <= 0)
                throw new FormatException($"The storage connection string has a part without a name and '=' ('{Redact(segment)}').");
            parts[segment[..eq].Trim()] = segment[(eq + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var host = parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy) ? new Uri(proxy).Host : "127.0.0.1";
            return new TableConnectionString(
                new Uri($"http://{host}:10002/{DevelopmentAccountName}/"), DevelopmentAccountName, DevelopmentAccountKey);
        }

        parts.TryGetValue("AccountName", out var account);
        parts.TryGetValue("AccountKey", out var key);
        if (key is not null && !IsBase64(key))
            throw new FormatException("The storage connection string's AccountKey is not valid base64.");

        Uri endpoint;
        if (parts.TryGetValue("TableEndpoint", out var tableEndpoint))
        {
            if (!Uri.TryCreate(tableEndpoint, UriKind.Absolute, out var parsed) || (parsed.Scheme != "http" && parsed.Scheme != "https"))
                throw new FormatException("The storage connection string's TableEndpoint is not an absolute http(s) address.");
            endpoint = parsed;
            account ??= InferAccountName(parsed);
        }
        else
        {
            if (string.IsNullOrEmpty(account))
                throw new FormatException("The storage connection string needs AccountName (or TableEndpoint).");
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"{protocol}://{account}.table.{suffix}/");
        }

        if (string.IsNullOrEmpty(account))
            throw new FormatException("The storage connection string needs AccountName.");
        return new TableConnectionString(EnsureTrailingSlash(endpoint), account, key);
    }

    internal static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary>The account is the first label of the host (Azure) or the first path segment (Azurite, IP-style addresses).</summary>
    internal static string InferAccountName(Uri endpoint)
    {
        var firstSegment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
        if (endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || endpoint.IsLoopback)
            return firstSegment;
        return endpoint.Host.Split('.')[0];
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    private static string Redact(string segment) => segment.Length <= 12 ? segment : segment[..12] + "…";
}
