// Where the local app listens, for personal links when Links:PublicBaseUrl is unset (a local run needs no settings).

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Rochford.Lsp.Web.Links;

/// <summary>The first address the web server listens on, once it has started.</summary>
public sealed class ServerListeningAddress(IServer server) : IListeningAddress
{
    /// <inheritdoc />
    public string? Address => server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
}
