// The hosts' side of the email seam: the email glue asks for a personal link while rendering each
// message, and gets an absolute URL holding a fresh token whose hash is now in the links table.

using Microsoft.Extensions.Options;
using Rochford.Lsp.Email;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Services.Links;

/// <summary>Mints personal links for emails (<see cref="ILinkIssuer"/>), stored hashed in <see cref="LinkTokenStore"/>.</summary>
/// <remarks>
/// Each call mints a new token: a retried send carries a new link and the earlier one keeps working until it
/// expires, which is harmless because both grant the same thing to the same person.
/// </remarks>
/// <param name="listening">Where the local app listens, for links when Links:PublicBaseUrl is unset; none in the Functions app.</param>
public sealed class LinkIssuer(LinkTokenStore store, IOptions<LinkOptions> options, IListeningAddress? listening = null) : ILinkIssuer
{
    /// <inheritdoc />
    public async ValueTask<Uri> IssueAsync(EmailLink link, string recipientEmail, string messageId, CancellationToken cancellationToken)
    {
        var token = await store.CreateAsync(link, recipientEmail, messageId, cancellationToken);
        return new Uri(PublicBaseUrl(), PathFor(link.Purpose, token));
    }

    /// <summary>The page path a link of <paramref name="purpose"/> opens.</summary>
    public static string PathFor(LinkPurpose purpose, string token) => purpose switch
    {
        LinkPurpose.SubmitReport => $"report/{token}",
        LinkPurpose.InterimUpdate => $"interim/{token}",
        // The officers' decision pages and the Executive's summary (Pages/Handlers/DecisionHandlers.cs): no sign-in, the link is the key.
        LinkPurpose.DecideWithdrawal => $"decide/withdrawal/{token}",
        LinkPurpose.ApproveReallocation => $"decide/reallocation/{token}",
        LinkPurpose.ProjectSummary => $"summary/{token}",
        // The Executive Board's read-only quarterly pack from the digest (Pages/Handlers/PackHandlers.cs).
        LinkPurpose.QuarterlyPack => $"packs/{token}",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown link purpose."),
    };

    /// <summary>The site's public address, ending in '/': configured, or locally the address the app listens on.</summary>
    public Uri PublicBaseUrl()
    {
        if (options.Value.PublicBaseUrl is { } configured) return WithSlash(configured);
        if (Platform.IsAzure)
            throw new InvalidOperationException("Links:PublicBaseUrl is not set: in Azure, links need the site's public address.");
        var address = listening?.Address
            ?? throw new InvalidOperationException("Links:PublicBaseUrl is not set and the app is not listening yet.");
        // Kestrel reports wildcard bindings (http://[::]:7071, http://+:7071); a link needs a name a browser can open.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "[::]" or "0.0.0.0" or "::") uri.Host = "localhost";
        return WithSlash(uri.Uri);
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}

/// <summary>The address a local app listens on (the first one), known once it has started; null before.</summary>
public interface IListeningAddress
{
    /// <summary>E.g. "http://localhost:7071", or null when the app is not listening yet.</summary>
    string? Address { get; }
}
