// One entry of the route table both hosts read (PageRoutes.All): its address, what may be sent to it, and the handler
// that answers it. The local host maps every entry; the Functions app dispatches every path through the table
// (PageRouter), leaving out the local-only entries, and tests/Rochford.Lsp.Functions.Tests checks it reaches the same route.

namespace Rochford.Lsp.Pages.Routing;

/// <summary>What a route serves, which decides the checks <see cref="PageEndpoint"/> makes before its handler runs.</summary>
public enum RouteKind
{
    /// <summary>A page for people: form limits, antiforgery on POST, the status page on errors.</summary>
    Page,

    /// <summary>A personal-link page (the token is in the address): as <see cref="Page"/>, and never cached.</summary>
    LinkPage,

    /// <summary>
    /// A page for the partnership's officers: as <see cref="Page"/>, never cached, and only for a signed-in officer (anyone
    /// else is sent to sign in, or told they are not an officer). The handler gets the officer in <see cref="PageRequest.Officer"/>.
    /// </summary>
    StaffPage,

    /// <summary>A static file (GOV.UK Frontend, the app's script): GET and HEAD only, cached.</summary>
    Asset,

    /// <summary>A machine endpoint (JSON, webhooks): the handler checks its own body; no antiforgery (no cookie is used).</summary>
    Api,

    /// <summary>Every address no other route has: "page not found" whatever the method, and nothing sent is read.</summary>
    Fallback,
}

/// <summary>A route: its name, template, methods and handler.</summary>
/// <param name="Name">The route's name (the endpoint's name locally).</param>
/// <param name="Template">The route template without a leading slash ("" is the home page).</param>
/// <param name="Methods">The methods it answers; others get 405 with an Allow header. HEAD is answered wherever GET is.</param>
/// <param name="Kind">What it serves.</param>
/// <param name="Handler">The <see cref="IRouteHandler"/> type, resolved from the host's services.</param>
public sealed record PageRoute(string Name, string Template, IReadOnlyList<string> Methods, RouteKind Kind, Type Handler)
{
    /// <summary>
    /// For a template ending in <c>{step}</c>: the steps it knows. Another value is 404 whatever the method, so a made-up
    /// address never gets "wrong method".
    /// </summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>Served only by the local host (developer tools); in Azure its paths reach "page not found".</summary>
    public bool LocalOnly { get; init; }

    /// <summary>Its handler raises inputs on projects or reads their status: it is given the host's Durable Task client.</summary>
    public bool UsesWorkflow { get; init; }

    /// <summary>The pattern the local host maps ("/report/{token}").</summary>
    public string LocalPattern => "/" + Template;

    /// <summary>True when <paramref name="method"/> may be sent here (HEAD wherever GET).</summary>
    public bool Allows(string method) =>
        Methods.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) || (HttpMethods.IsHead(method) && Methods.Contains(HttpMethods.Get));
}

/// <summary>Answers one route's requests; registered in both hosts' services (see <see cref="PagesRegistration.AddPages"/>).</summary>
public interface IRouteHandler
{
    /// <summary>The response for <paramref name="request"/>; the method and limits have been checked already.</summary>
    Task<IResult> HandleAsync(PageRequest request);
}

/// <summary>A request as a handler sees it.</summary>
/// <param name="Http">The ASP.NET Core context (the local host's, or the Functions worker's with ASP.NET Core integration).</param>
/// <param name="Route">The route it came in by.</param>
/// <param name="Workflow">The workflow client of this call: the local engine's, or the one the Functions host bound ([DurableClient]).</param>
/// <param name="Values">The route's values, matched from the path by <see cref="PageEndpoint"/> itself, so both hosts give the same.</param>
public sealed record PageRequest(HttpContext Http, PageRoute Route, Rochford.Lsp.Workflow.WorkflowClient? Workflow, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>A route value ("token", "step", "path"), or null.</summary>
    public string? RouteValue(string name) => Values.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The {code} route value as a project code ("ROC4", upper-cased), or null when it cannot be one: letters then digits,
    /// checked before it becomes a storage key (a control character or '#' would make the table service refuse the request).
    /// </summary>
    public string? ProjectCode() =>
        RouteValue("code")?.ToUpperInvariant() is { Length: > 0 and <= 16 } code && Rochford.Lsp.Reporting.StartPayload.IsProjectCode(code)
            ? code
            : null;

    /// <summary>True for GET and HEAD.</summary>
    public bool IsRead => HttpMethods.IsGet(Http.Request.Method) || HttpMethods.IsHead(Http.Request.Method);

    /// <summary>The workflow client; only routes marked <see cref="PageRoute.UsesWorkflow"/> have one.</summary>
    /// <exception cref="InvalidOperationException">The route is not marked as using the workflow.</exception>
    public Rochford.Lsp.Workflow.WorkflowClient RequireWorkflow() =>
        Workflow ?? throw new InvalidOperationException($"Route {Route.Name} uses the workflow but was called without a workflow client.");

    /// <summary>The signed-in officer, on a <see cref="RouteKind.StaffPage"/>; null elsewhere.</summary>
    public Rochford.Lsp.Reporting.Person? Officer { get; init; }

    /// <summary>
    /// Whoever is signed in (officer or not) on any page, link pages included: a decision link acts only for its addressee, so
    /// one opened by someone else signed in is refused. Null when nobody is.
    /// </summary>
    public Rochford.Lsp.Pages.Staff.StaffUser? SignedIn { get; init; }

    /// <summary>The signed-in officer.</summary>
    /// <exception cref="InvalidOperationException">The route is not a staff page.</exception>
    public Rochford.Lsp.Reporting.Person RequireOfficer() =>
        Officer ?? throw new InvalidOperationException($"Route {Route.Name} is not a staff page, so no officer is signed in.");

    /// <summary>The request's cancellation.</summary>
    public CancellationToken Aborted => Http.RequestAborted;
}
