using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Services;

/// <summary>What the pages say about who runs the service. Bound from the "Site" configuration section.</summary>
public sealed class SiteOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Site";

    /// <summary>Who people should contact when a link does not work.</summary>
    public string ContactName { get; set; } = "the Rochford LSP officers";

    /// <summary>Their email address; when unset, the first LSP officer's address in the seed.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>The address shown on pages.</summary>
    public string Contact => string.IsNullOrWhiteSpace(ContactEmail) ? RochfordSeed.Contacts.Officers[0].Email ?? "" : ContactEmail;
}
