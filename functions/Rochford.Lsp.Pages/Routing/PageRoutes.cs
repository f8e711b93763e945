// The one route table. Both hosts read it: the local host maps every entry (PagesRegistration.MapPageRoutes) and the
// Functions app's one page function dispatches every path through it (PageRouter, functions/Rochford.Lsp.Functions/
// PageFunctions.cs), picking the route endpoint routing would; tests replay the Functions host's routing over the
// published function metadata, so a page cannot reach one handler in Azure and another on a laptop.

using Rochford.Lsp.Pages.Handlers;
using Rochford.Lsp.Pages.Staff;

namespace Rochford.Lsp.Pages.Routing;

/// <summary>Every route the app serves to browsers and machines.</summary>
public static class PageRoutes
{
    /// <summary>Route names (the local endpoints' names, and what logs and tests call the routes).</summary>
    public static class Names
    {
        public const string Home = "Home";
        public const string ReportForm = "ReportForm";
        public const string ReportStep = "ReportStep";
        public const string ReportSubmitted = "ReportSubmitted";
        public const string InterimForm = "InterimForm";
        public const string InterimStep = "InterimStep";
        public const string InterimSent = "InterimSent";
        public const string GovukFrontend = "GovukFrontend";
        public const string GovukAssets = "GovukAssets";
        public const string Scripts = "Scripts";
        public const string Health = "Health";
        public const string SendGridEvents = "SendGridEvents";
        public const string NotFound = "NotFound";
        public const string DevMailbox = "DevMailbox";
        public const string DevMailboxMessage = "DevMailboxMessage";
        public const string DevSignIn = "DevSignIn";
        public const string SignOut = "SignOut";
        public const string Dashboard = "Dashboard";
        public const string Project = "Project";
        public const string ProjectAction = "ProjectAction";
        public const string ReportVersions = "ReportVersions";
        public const string Pack = "Pack";
        public const string Export = "Export";
        public const string Partnership = "Partnership";
        public const string PartnershipTimings = "PartnershipTimings";
        public const string PartnershipSetup = "PartnershipSetup";
        public const string FundsReceived = "FundsReceived";
        public const string NewProject = "NewProject";
        public const string ProjectSummary = "ProjectSummary";
        public const string DecideWithdrawal = "DecideWithdrawal";
        public const string DecideReallocation = "DecideReallocation";
        public const string ExecutivePack = "ExecutivePack";
    }

    /// <summary>Templates, without a leading slash.</summary>
    public static class Templates
    {
        public const string Home = "";
        public const string ReportForm = "report/{token}";
        public const string ReportStep = "report/{token}/{step}";
        public const string ReportSubmitted = "report/{token}/submitted";
        public const string InterimForm = "interim/{token}";
        public const string InterimStep = "interim/{token}/{step}";
        public const string InterimSent = "interim/{token}/sent";
        public const string GovukFrontend = "govuk/{*path}";
        // GOV.UK Frontend's CSS asks for its fonts and images at /assets/.
        public const string GovukAssets = "assets/{*path}";
        public const string Scripts = "js/{*path}";
        public const string Health = "api/health";
        public const string SendGridEvents = "api/sendgrid/events";
        // Every other address: the "page not found" page, with the security headers, in both hosts.
        public const string NotFound = "{*path}";
        public const string DevMailbox = "dev/mailbox";
        public const string DevMailboxMessage = "dev/mailbox/message";
        public const string DevSignIn = "dev/sign-in";
        public const string SignOut = "sign-out";
        public const string Dashboard = "dashboard";
        public const string Project = "projects/{code}";
        public const string ProjectAction = "projects/{code}/{step}";
        // Three segments after "projects", so never taken for an action's step.
        public const string ReportVersions = "projects/{code}/reports/{quarter}";
        public const string Pack = "pack";
        public const string Export = "exports/{name}.csv";
        public const string Partnership = "partnership";
        public const string PartnershipTimings = "partnership/timings";
        // Setting a partnership up where no seed has (a new deployment): its people and money, money received later, its projects.
        public const string PartnershipSetup = "partnership/setup";
        public const string FundsReceived = "partnership/funds";
        public const string NewProject = "partnership/projects/new";
        // The Executive's read-only summary and the officers' decision links; the paths are the ones LinkIssuer.PathFor mints.
        public const string ProjectSummary = "summary/{token}";
        public const string DecideWithdrawal = "decide/withdrawal/{token}";
        public const string DecideReallocation = "decide/reallocation/{token}";
        // The Executive Board's read-only copy of a quarter's pack, from the quarterly digest (LinkIssuer.PathFor mints it).
        public const string ExecutivePack = "packs/{token}";
    }

    /// <summary>
    /// The home page's route in Azure Functions. An empty route cannot be given as it is (it means "the function's name"),
    /// so it is an optional parameter that only an empty path matches.
    /// </summary>
    public const string HomeFunctionRoute = "{home:maxlength(0)?}";

    private static readonly string[] Get = [HttpMethods.Get];
    private static readonly string[] Post = [HttpMethods.Post];
    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];
    private static readonly string[] AnyMethod =
        [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options, HttpMethods.Trace];

    /// <summary>The table.</summary>
    public static IReadOnlyList<PageRoute> All { get; } =
    [
        new(Names.Home, Templates.Home, Get, RouteKind.Page, typeof(HomeHandler)),
        new(Names.ReportForm, Templates.ReportForm, Get, RouteKind.LinkPage, typeof(ReportFormHandler)) { UsesWorkflow = true },
        new(Names.ReportStep, Templates.ReportStep, Post, RouteKind.LinkPage, typeof(ReportFormHandler))
            { Steps = ReportFormHandler.Steps, UsesWorkflow = true },
        new(Names.ReportSubmitted, Templates.ReportSubmitted, Get, RouteKind.LinkPage, typeof(ReportSubmittedHandler)) { UsesWorkflow = true },
        new(Names.InterimForm, Templates.InterimForm, Get, RouteKind.LinkPage, typeof(InterimFormHandler)) { UsesWorkflow = true },
        new(Names.InterimStep, Templates.InterimStep, Post, RouteKind.LinkPage, typeof(InterimFormHandler))
            { Steps = InterimFormHandler.Steps, UsesWorkflow = true },
        new(Names.InterimSent, Templates.InterimSent, Get, RouteKind.LinkPage, typeof(InterimSentHandler)) { UsesWorkflow = true },
        new(Names.GovukFrontend, Templates.GovukFrontend, Get, RouteKind.Asset, typeof(AssetHandler)),
        new(Names.GovukAssets, Templates.GovukAssets, Get, RouteKind.Asset, typeof(AssetHandler)),
        new(Names.Scripts, Templates.Scripts, Get, RouteKind.Asset, typeof(AssetHandler)),
        new(Names.Health, Templates.Health, Get, RouteKind.Api, typeof(HealthHandler)),
        new(Names.SendGridEvents, Templates.SendGridEvents, Post, RouteKind.Api, typeof(SendGridEventsHandler)),
        new(Names.NotFound, Templates.NotFound, AnyMethod, RouteKind.Fallback, typeof(NotFoundHandler)),
        new(Names.DevMailbox, Templates.DevMailbox, Get, RouteKind.Page, typeof(MailboxHandler)) { LocalOnly = true },
        new(Names.DevMailboxMessage, Templates.DevMailboxMessage, Get, RouteKind.Page, typeof(MailboxMessageHandler)) { LocalOnly = true },
        new(Names.DevSignIn, Templates.DevSignIn, GetAndPost, RouteKind.Page, typeof(DevSignInHandler)) { LocalOnly = true },
        new(Names.SignOut, Templates.SignOut, Post, RouteKind.Page, typeof(SignOutHandler)),
        new(Names.Dashboard, Templates.Dashboard, Get, RouteKind.StaffPage, typeof(DashboardHandler)),
        new(Names.Project, Templates.Project, Get, RouteKind.StaffPage, typeof(ProjectHandler)) { UsesWorkflow = true },
        new(Names.ProjectAction, Templates.ProjectAction, GetAndPost, RouteKind.StaffPage, typeof(ProjectActionHandler))
            { Steps = OfficerActions.Steps, UsesWorkflow = true },
        new(Names.ReportVersions, Templates.ReportVersions, Get, RouteKind.StaffPage, typeof(ReportVersionsHandler)),
        new(Names.Pack, Templates.Pack, Get, RouteKind.StaffPage, typeof(PackHandler)),
        new(Names.Export, Templates.Export, Get, RouteKind.StaffPage, typeof(ExportHandler)),
        new(Names.Partnership, Templates.Partnership, GetAndPost, RouteKind.StaffPage, typeof(PartnershipHandler)) { UsesWorkflow = true },
        new(Names.PartnershipTimings, Templates.PartnershipTimings, GetAndPost, RouteKind.StaffPage, typeof(PartnershipTimingsHandler)) { UsesWorkflow = true },
        new(Names.PartnershipSetup, Templates.PartnershipSetup, GetAndPost, RouteKind.StaffPage, typeof(PartnershipSetupHandler)) { UsesWorkflow = true },
        new(Names.FundsReceived, Templates.FundsReceived, GetAndPost, RouteKind.StaffPage, typeof(FundsReceivedHandler)) { UsesWorkflow = true },
        new(Names.NewProject, Templates.NewProject, GetAndPost, RouteKind.StaffPage, typeof(NewProjectHandler)) { UsesWorkflow = true },
        new(Names.ProjectSummary, Templates.ProjectSummary, Get, RouteKind.LinkPage, typeof(ProjectSummaryHandler)),
        new(Names.DecideWithdrawal, Templates.DecideWithdrawal, GetAndPost, RouteKind.LinkPage, typeof(WithdrawalDecisionHandler)) { UsesWorkflow = true },
        new(Names.DecideReallocation, Templates.DecideReallocation, GetAndPost, RouteKind.LinkPage, typeof(ReallocationDecisionHandler)) { UsesWorkflow = true },
        new(Names.ExecutivePack, Templates.ExecutivePack, Get, RouteKind.LinkPage, typeof(ExecutivePackHandler)),
    ];

    /// <summary>The route named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">There is none.</exception>
    public static PageRoute Named(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"There is no route named '{name}'.", nameof(name));
}
