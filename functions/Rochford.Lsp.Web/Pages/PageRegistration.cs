// Wires the people-facing pages: Razor Pages, antiforgery, the lead journey's services, static files,
// security headers, request limits and the error pages. Program.cs calls AddPages and UsePages.

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Rochford.Lsp.Web.Lead;
using Rochford.Lsp.Web.Links;
using Rochford.Lsp.Web.Security;

namespace Rochford.Lsp.Web.Pages;

/// <summary>Registers and maps the pages.</summary>
public static class PageRegistration
{
    /// <summary>Adds Razor Pages, antiforgery, personal links and the lead journey.</summary>
    public static IServiceCollection AddPages(this IServiceCollection services, IConfiguration configuration)
    {
        // SiteOptions are bound by AddSharedServices, which both hosts call.
        services.AddRazorPages();
        // Antiforgery tokens must survive restarts, deploys and scale-out: keep the key ring in the app's storage.
        services.AddDataProtection().SetApplicationName("Rochford.Lsp");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>>((options, storage) =>
            options.XmlRepository = new TableXmlRepository(storage.Value.CreateClient("dataprotection")));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "lsp-antiforgery";
            // Lax, not Strict: a link opened from webmail is a cross-site navigation, and under Strict it would arrive without
            // the cookie and replace it, breaking any form already open in another tab. Cross-site POSTs still carry no cookie.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.HttpOnly = true;
            // In Azure the Functions host terminates TLS and forwards plain HTTP: insist on Secure anyway.
            options.Cookie.SecurePolicy = Workflow.Hosting.IsAzure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
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
        services.AddRequestHeadLimits();
        services.AddPersonalLinks(configuration);
        services.AddSingleton<LeadReports>();
        return services;
    }

    /// <summary>
    /// Adds the middleware in order: security headers on everything; the fault page; status pages for empty error
    /// responses; limits on the request line and headers; limits on link pages and their forms; static files from the build output's wwwroot. Call before mapping endpoints.
    /// </summary>
    public static WebApplication UsePages(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/status/500",
            // A client's fault found while reading its request is a 4xx, not a fault of ours.
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                InvalidDataException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseRequestHeadLimits();
        app.UseFormLimits();
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(webRoot) });
        // GOV.UK Frontend's CSS asks for its fonts and images at /assets/.
        if (Directory.Exists(Path.Combine(webRoot, "govuk", "assets")))
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(webRoot, "govuk", "assets")), RequestPath = "/assets" });
        // Pages wait here until the app has started (the assets above never do); a 503 gets its status page.
        app.UseStartupGate();
        // Routing after the status pages, so that re-executing "/status/{code}" finds its page.
        app.UseRouting();
        app.MapRazorPages();
        return app;
    }
}
