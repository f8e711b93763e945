namespace Rochford.Lsp.Services.Links;

/// <summary>How personal links are made. Bound from the "Links" configuration section.</summary>
public sealed class LinkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Links";

    /// <summary>
    /// The public address links point at, e.g. https://lsp.rochford.gov.uk/. Required in Azure; locally, when unset,
    /// the address the app listens on is used.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The table (after the storage prefix) holding the hashed tokens.</summary>
    public string Table { get; set; } = "links";
}
