using Microsoft.Extensions.Options;
using Rochford.Lsp.Email;

namespace Rochford.Lsp.Services.Links;

/// <summary>Registers the link token store and the <see cref="ILinkIssuer"/> the email glue uses.</summary>
public static class LinkRegistration
{
    /// <summary>Adds <see cref="LinkTokenStore"/> (table <c>{Storage:TablePrefix}{Links:Table}</c>) and <see cref="LinkIssuer"/> as <see cref="ILinkIssuer"/>.</summary>
    /// <remarks>Idempotent: the shared registration and the pages both ask for it, and the first one counts.</remarks>
    public static IServiceCollection AddPersonalLinks(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(LinkTokenStore))) return services;
        services.AddOptions<LinkOptions>().Bind(configuration.GetSection(LinkOptions.Section));
        services.AddSingleton(sp => new LinkTokenStore(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.CreateClient(sp.GetRequiredService<IOptions<LinkOptions>>().Value.Table),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<LinkIssuer>();
        services.AddSingleton<ILinkIssuer>(sp => sp.GetRequiredService<LinkIssuer>());
        return services;
    }

    /// <summary>Creates the links table before the app takes requests.</summary>
    public static Task InitializePersonalLinksAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<LinkTokenStore>().InitializeAsync(cancellationToken);
}
