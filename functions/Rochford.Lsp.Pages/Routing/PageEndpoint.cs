// What happens to every request on a route of the table, in both hosts, before and after its handler: the security
// headers, the method check, the limits on forms, the antiforgery check, and the status page for anything that goes
// wrong. Kept here rather than in ASP.NET Core middleware because an HTTP function has no middleware of the local host's:
// doing it in the endpoint is what makes a page behave the same in Azure and on a laptop.

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Security;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Routing;

/// <summary>Runs a route's handler with the checks every route gets.</summary>
public sealed class PageEndpoint(IServiceProvider services, IAntiforgery antiforgery, ILogger<PageEndpoint> logger)
{
    private static readonly ConcurrentDictionary<string, TemplateMatcher> Matchers = new(StringComparer.Ordinal);

    /// <summary>Answers <paramref name="http"/> on <paramref name="route"/>.</summary>
    /// <param name="http">The request.</param>
    /// <param name="route">The route it arrived by.</param>
    /// <param name="durable">The Durable Task client of this call (locally the engine's; in Azure the bound [DurableClient]), or null.</param>
    public async Task InvokeAsync(HttpContext http, PageRoute route, DurableTaskClient? durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(route);
        // Both hosts give the request its services; should a host not, handlers and components resolve from the app's.
        http.RequestServices ??= services;
        SecurityHeaders.AddTo(http);
        try
        {
            var result = await RunAsync(http, route, durable);
            if (!http.RequestAborted.IsCancellationRequested) await result.ExecuteAsync(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The browser went away; there is no one to answer.
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            var status = ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                AntiforgeryValidationException or InvalidDataException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            };
            if (status >= 500) logger.LogError(ex, "{Method} {Route} failed", http.Request.Method, route.Name);
            else logger.LogInformation("{Method} {Route} refused with {Status}: {Reason}", http.Request.Method, route.Name, status, ex.Message);
            http.Response.Clear();
            SecurityHeaders.AddTo(http);
            await new StatusPageResult(status).ExecuteAsync(http);
        }
    }

    /// <summary>
    /// Answers <paramref name="http"/> on the route its path reaches (<see cref="PageRouter.Find"/>): how the Functions
    /// app serves every page from one HTTP function, so the host's order of functions decides nothing.
    /// </summary>
    /// <param name="http">The request.</param>
    /// <param name="durable">The Durable Task client the function bound; given to the route only if it uses the workflow.</param>
    /// <param name="includeLocalOnly">Whether the developer routes exist (never in Azure).</param>
    public Task DispatchAsync(HttpContext http, DurableTaskClient? durable, bool includeLocalOnly)
    {
        ArgumentNullException.ThrowIfNull(http);
        var route = PageRouter.Find(http.Request.Path, includeLocalOnly);
        return InvokeAsync(http, route, route.UsesWorkflow ? durable : null);
    }

    private async Task<IResult> RunAsync(HttpContext http, PageRoute route, DurableTaskClient? durable)
    {
        var values = Match(route, http.Request.Path);
        if (values is null) return new StatusPageResult(StatusCodes.Status404NotFound);
        // Tokens in the address (links), officers' data, and the developer pages (the mailbox shows live links): never cached.
        if (route.Kind is RouteKind.LinkPage or RouteKind.StaffPage || route.LocalOnly) FormLimits.NeverCache(http);
        if (route.Steps.Count > 0 && !route.Steps.Contains(values.GetValueOrDefault("step") ?? "", StringComparer.OrdinalIgnoreCase))
            return new StatusPageResult(StatusCodes.Status404NotFound);
        if (route.Kind != RouteKind.Fallback && !route.Allows(http.Request.Method))
        {
            http.Response.Headers.Allow = string.Join(", ", route.Methods.Contains(HttpMethods.Get) ? [.. route.Methods, HttpMethods.Head] : route.Methods);
            return new StatusPageResult(StatusCodes.Status405MethodNotAllowed);
        }
        Reporting.Person? officer = null;
        StaffUser? signedIn = null;
        if (route.Kind is RouteKind.Page or RouteKind.LinkPage or RouteKind.StaffPage)
        {
            // A form posted from another website is refused before anything reads it, whatever cookies it carries.
            if (HttpMethods.IsPost(http.Request.Method)
                && !SameOrigin.Allows(http, http.RequestServices.GetService<IOptions<Rochford.Lsp.Services.Links.LinkOptions>>()?.Value.PublicBaseUrl, tlsEndsInFront: Platform.IsAzure))
            {
                logger.LogWarning("{Route}: a POST from another site was refused (Origin {Origin}, Sec-Fetch-Site {Site})", route.Name,
                    http.Request.Headers.Origin.ToString(), http.Request.Headers["Sec-Fetch-Site"].ToString());
                return new StatusPageResult(StatusCodes.Status403Forbidden, FormRefusal.CrossSite);
            }
            // Whoever is signed in is the request's user, so that the antiforgery tokens of every form shown to them, and checked
            // when they post it, are bound to them: a token pair made for someone else (an anonymous visitor) does not pass.
            signedIn = await http.RequestServices.GetRequiredService<StaffSignIn>().CurrentAsync(http);
            if (signedIn is not null) http.User = StaffSignIn.Principal(signedIn);
        }
        if (route.Kind == RouteKind.StaffPage)
        {
            var signIn = http.RequestServices.GetRequiredService<StaffSignIn>();
            if (signedIn is not { } user)
            {
                var here = $"{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}";
                return HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                    ? Results.Redirect(signIn.SignInUrl(here))
                    : new StatusPageResult(StatusCodes.Status401Unauthorized);
            }
            officer = await http.RequestServices.GetRequiredService<StaffDirectory>().OfficerAsync(user.Email, http.RequestAborted);
            if (officer is null)
            {
                logger.LogWarning("{Email} signed in but is not an officer of the partnership; refused {Route}", user.Email, route.Name);
                return ComponentResult.For<NotAnOfficerPage>(user, StatusCodes.Status403Forbidden);
            }
        }
        if (route.Kind is RouteKind.Page or RouteKind.LinkPage or RouteKind.StaffPage)
        {
            if (await FormLimits.CheckAsync(http) is { } refused) return refused;
            if (HttpMethods.IsPost(http.Request.Method)) await antiforgery.ValidateRequestAsync(http);
        }
        // Every officer's form says which form it is (its submission id, made when it was shown): the same form sent twice is
        // one input, and a form that does not say cannot be told apart from another, so it is refused.
        if (route.Kind == RouteKind.StaffPage && HttpMethods.IsPost(http.Request.Method)
            && !(http.Request.HasFormContentType && Lead.SubmissionIds.IsWellFormed(http.Request.Form["submissionId"])))
            return new StatusPageResult(StatusCodes.Status400BadRequest, FormRefusal.NoFormId);
        var handler = (IRouteHandler)http.RequestServices.GetRequiredService(route.Handler);
        var workflow = durable is null ? null : new WorkflowClient(durable);
        return await handler.HandleAsync(new PageRequest(http, route, workflow, values) { Officer = officer, SignedIn = signedIn });
    }

    /// <summary>The route's values for <paramref name="path"/>, or null when it does not match.</summary>
    /// <remarks>Matched here from the template, so both hosts give a handler the same values whatever their routing does.</remarks>
    internal static IReadOnlyDictionary<string, string>? Match(PageRoute route, PathString path)
    {
        var matcher = Matchers.GetOrAdd(route.Template, template => new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary()));
        var values = new RouteValueDictionary();
        if (!matcher.TryMatch(path.HasValue ? path : "/", values)) return null;
        return values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase);
    }
}
