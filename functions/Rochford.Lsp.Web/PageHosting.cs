// How the local host serves the route table (functions/Rochford.Lsp.Pages): the shared registrations, plus what only a
// host running its own Kestrel needs: request-line and header limits, the start-up gate, and status pages for anything
// answered outside the table (the developer endpoints). Each route of the table does its own checks (PageEndpoint), as
// it does inside an HTTP function in Azure.

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Rochford.Lsp.Pages;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Pages.Security;
using Rochford.Lsp.Web.Security;

namespace Rochford.Lsp.Web;

/// <summary>Registers and maps the pages on the local host.</summary>
public static class PageHosting
{
    /// <summary>Adds the shared page services and Kestrel's raised limits.</summary>
    public static IServiceCollection AddLocalPages(this IServiceCollection services)
    {
        services.AddPages();
        services.AddRequestHeadLimits();
        return services;
    }

    /// <summary>
    /// Adds the middleware in order (security headers on everything; the fault page and status pages for responses made
    /// outside the table; limits on the request line and headers; the start-up gate), then maps the route table.
    /// </summary>
    public static WebApplication UsePages(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            SecurityHeaders.AddTo(context);
            return next(context);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A client's fault found while reading its request is a 4xx, not a fault of ours.
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                AntiforgeryValidationException or InvalidDataException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
            ExceptionHandler = context => new StatusPageResult(context.Response.StatusCode).ExecuteAsync(context),
        });
        // An empty error response from outside the table (a developer endpoint's 404, a wrong method) gets the status page.
        app.UseStatusCodePages(context => new StatusPageResult(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        app.UseRequestHeadLimits();
        // The developer endpoints and pages (/dev/...: the clock, the mailbox with every lead's links, the sign-in) answer only
        // requests from this machine, wherever the local host runs.
        app.Use((context, next) => context.Request.Path.StartsWithSegments("/dev", StringComparison.OrdinalIgnoreCase)
            && !Rochford.Lsp.Pages.Staff.StaffSignIn.IsFromThisMachine(context)
                ? new StatusPageResult(StatusCodes.Status404NotFound).ExecuteAsync(context)
                : next(context));
        // Pages wait here until the app has started (the home page, assets and health never do); a 503 gets its status page.
        app.UseStartupGate();
        app.MapPageRoutes();
        return app;
    }
}
