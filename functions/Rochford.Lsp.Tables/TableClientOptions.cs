using Azure.Core;

namespace Rochford.Lsp.Tables;

/// <summary>Options for <see cref="TableClient"/>: Azure.Core's retry, diagnostics and transport settings.</summary>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>The service version sent as x-ms-version.</summary>
    public string ServiceVersion { get; set; } = "2019-02-02";

    /// <summary>Creates options with a short, bounded retry suited to an interactive app.</summary>
    public TableClientOptions()
    {
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(5);
        Retry.Mode = RetryMode.Exponential;
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingContentEnabled = false;
    }
}
