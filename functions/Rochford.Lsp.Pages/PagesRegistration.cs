// What both hosts register for the route table: antiforgery with its key ring in the app's storage, form limits, the
// lead journey, the handlers and the endpoint that runs them. The local host also maps the table (MapPageRoutes); the
// Functions app's wrappers call PageEndpoint themselves.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Rochford.Lsp.Pages.Handlers;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Pages.Security;

namespace Rochford.Lsp.Pages;

/// <summary>Registers the pages and maps the route table.</summary>
public static class PagesRegistration
{
    /// <summary>Adds antiforgery, the lead journey, every route's handler and <see cref="PageEndpoint"/>.</summary>
    /// <remarks>Call after AddSharedServices (storage, links, site options), which both hosts call.</remarks>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        // Antiforgery tokens must survive restarts, deploys and scale-out: keep the key ring in the app's storage.
        services.AddDataProtection().SetApplicationName("Rochford.Lsp");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>>((options, storage) =>
            options.XmlRepository = new TableXmlRepository(storage.Value.CreateClient("dataprotection")));
        services.AddAntiforgery(options =>
        {
            var cookie = AntiforgeryCookie(Platform.IsAzure);
            options.Cookie.Name = cookie.Name;
            options.Cookie.Path = cookie.Path;
            // Lax, not Strict: a link opened from webmail is a cross-site navigation, and under Strict it would arrive without
            // the cookie and replace it, breaking any form already open in another tab. Cross-site POSTs still carry no cookie.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = cookie.SecurePolicy;
            options.FormFieldName = "__RequestVerificationToken";
            // Only the form field: no page here posts anything but a form.
            options.HeaderName = null;
        });
        services.Configure<FormOptions>(options =>
        {
            // Belt and braces behind FormLimits: no single value or the whole form may exceed the body limit.
            options.ValueLengthLimit = (int)FormLimits.MaxFormBodyBytes;
            options.MultipartBodyLengthLimit = FormLimits.MaxFormBodyBytes;
            options.ValueCountLimit = 64;
        });
        services.AddSingleton<RaisedInputs>();
        services.AddSingleton<ProjectInputs>();
        services.AddSingleton(sp => new Staff.StaffSessions(sp.GetRequiredService<IOptions<StorageOptions>>().Value.CreateClient("staffsessions")));
        services.AddSingleton(sp => new Staff.StaffSignIn(sp.GetRequiredService<IDataProtectionProvider>(), sessions: sp.GetRequiredService<Staff.StaffSessions>()));
        services.AddSingleton<Staff.StaffDirectory>();
        services.AddSingleton<Staff.PartnershipRecords>();
        services.AddSingleton<LeadReports>();
        services.AddSingleton<Decisions.DecisionLinks>();
        services.AddSingleton(_ => new AssetFiles());
        services.AddSingleton<PageEndpoint>();
        foreach (var handler in PageRoutes.All.Select(r => r.Handler).Distinct())
            services.AddSingleton(handler);
        return services;
    }

    /// <summary>
    /// The antiforgery cookie: in Azure, always reached over HTTPS (its front end ends TLS and forwards plain HTTP), Secure
    /// always and with the __Host- prefix (path /, no domain: no other site or subdomain can set or overwrite it); locally
    /// Secure as the request is, with the plain name, so plain-HTTP localhost keeps working.
    /// </summary>
    public static (string Name, CookieSecurePolicy SecurePolicy, string Path) AntiforgeryCookie(bool azure) => azure
        ? ("__Host-lsp-antiforgery", CookieSecurePolicy.Always, "/")
        : ("lsp-antiforgery", CookieSecurePolicy.SameAsRequest, "/");

    /// <summary>
    /// Maps every route of the table (in Azure, none of the local-only ones) to <see cref="PageEndpoint"/>, for all
    /// methods: the endpoint answers a wrong one with 405 and its page. Routes that use the workflow get the host's
    /// Durable Task client.
    /// </summary>
    public static IEndpointRouteBuilder MapPageRoutes(this IEndpointRouteBuilder app)
    {
        foreach (var route in PageRoutes.All.Where(r => !r.LocalOnly || !Platform.IsAzure))
        {
            app.Map(route.LocalPattern, context => context.RequestServices.GetRequiredService<PageEndpoint>().InvokeAsync(context, route,
                    route.UsesWorkflow ? context.RequestServices.GetRequiredService<DurableTaskClient>() : null))
                .WithName(route.Name)
                .WithMetadata(route);
        }
        return app;
    }
}
