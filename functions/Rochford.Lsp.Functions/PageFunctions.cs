// The route table (functions/Rochford.Lsp.Pages/Routing/PageRoutes.cs) as HTTP functions: one one-line wrapper per route
// that is not local-only, under the route's name and template, handing the request to the same PageEndpoint the local
// host uses. No methods are given to the triggers: every method reaches the endpoint, which answers a wrong one with
// 405 and its page, as locally. Routes that raise inputs on projects (or wait for them) bind a [DurableClient].
// tests/Rochford.Lsp.Functions.Tests compares the published functions.metadata with the table.

using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Rochford.Lsp.Pages.Routing;
using Names = Rochford.Lsp.Pages.Routing.PageRoutes.Names;
using Templates = Rochford.Lsp.Pages.Routing.PageRoutes.Templates;

namespace Rochford.Lsp.Functions;

/// <summary>The pages and endpoints of the route table.</summary>
public sealed class PageFunctions(PageEndpoint pages)
{
    private const AuthorizationLevel Anyone = AuthorizationLevel.Anonymous;

    [Function(Names.Home)]
    public Task Home([HttpTrigger(Anyone, Route = PageRoutes.HomeFunctionRoute)] HttpRequest request) => Serve(request, Names.Home);

    [Function(Names.ReportForm)]
    public Task ReportForm([HttpTrigger(Anyone, Route = Templates.ReportForm)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.ReportForm, client);

    [Function(Names.ReportStep)]
    public Task ReportStep([HttpTrigger(Anyone, Route = Templates.ReportStep)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.ReportStep, client);

    [Function(Names.ReportSubmitted)]
    public Task ReportSubmitted([HttpTrigger(Anyone, Route = Templates.ReportSubmitted)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.ReportSubmitted, client);

    [Function(Names.InterimForm)]
    public Task InterimForm([HttpTrigger(Anyone, Route = Templates.InterimForm)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.InterimForm, client);

    [Function(Names.InterimStep)]
    public Task InterimStep([HttpTrigger(Anyone, Route = Templates.InterimStep)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.InterimStep, client);

    [Function(Names.InterimSent)]
    public Task InterimSent([HttpTrigger(Anyone, Route = Templates.InterimSent)] HttpRequest request) => Serve(request, Names.InterimSent);

    [Function(Names.GovukFrontend)]
    public Task GovukFrontend([HttpTrigger(Anyone, Route = Templates.GovukFrontend)] HttpRequest request) => Serve(request, Names.GovukFrontend);

    [Function(Names.GovukAssets)]
    public Task GovukAssets([HttpTrigger(Anyone, Route = Templates.GovukAssets)] HttpRequest request) => Serve(request, Names.GovukAssets);

    [Function(Names.Scripts)]
    public Task Scripts([HttpTrigger(Anyone, Route = Templates.Scripts)] HttpRequest request) => Serve(request, Names.Scripts);

    [Function(Names.Health)]
    public Task Health([HttpTrigger(Anyone, Route = Templates.Health)] HttpRequest request) => Serve(request, Names.Health);

    [Function(Names.SendGridEvents)]
    public Task SendGridEvents([HttpTrigger(Anyone, Route = Templates.SendGridEvents)] HttpRequest request) => Serve(request, Names.SendGridEvents);

    [Function(Names.SignOut)]
    public Task SignOut([HttpTrigger(Anyone, Route = Templates.SignOut)] HttpRequest request) => Serve(request, Names.SignOut);

    [Function(Names.Dashboard)]
    public Task Dashboard([HttpTrigger(Anyone, Route = Templates.Dashboard)] HttpRequest request) => Serve(request, Names.Dashboard);

    [Function(Names.Project)]
    public Task Project([HttpTrigger(Anyone, Route = Templates.Project)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.Project, client);

    [Function(Names.ProjectAction)]
    public Task ProjectAction([HttpTrigger(Anyone, Route = Templates.ProjectAction)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.ProjectAction, client);

    [Function(Names.ReportVersions)]
    public Task ReportVersions([HttpTrigger(Anyone, Route = Templates.ReportVersions)] HttpRequest request) => Serve(request, Names.ReportVersions);

    [Function(Names.Pack)]
    public Task Pack([HttpTrigger(Anyone, Route = Templates.Pack)] HttpRequest request) => Serve(request, Names.Pack);

    [Function(Names.Export)]
    public Task Export([HttpTrigger(Anyone, Route = Templates.Export)] HttpRequest request) => Serve(request, Names.Export);

    [Function(Names.Partnership)]
    public Task Partnership([HttpTrigger(Anyone, Route = Templates.Partnership)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.Partnership, client);

    [Function(Names.PartnershipTimings)]
    public Task PartnershipTimings([HttpTrigger(Anyone, Route = Templates.PartnershipTimings)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.PartnershipTimings, client);

    [Function(Names.PartnershipSetup)]
    public Task PartnershipSetup([HttpTrigger(Anyone, Route = Templates.PartnershipSetup)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.PartnershipSetup, client);

    [Function(Names.FundsReceived)]
    public Task FundsReceived([HttpTrigger(Anyone, Route = Templates.FundsReceived)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.FundsReceived, client);

    [Function(Names.NewProject)]
    public Task NewProject([HttpTrigger(Anyone, Route = Templates.NewProject)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.NewProject, client);

    [Function(Names.ProjectSummary)]
    public Task ProjectSummary([HttpTrigger(Anyone, Route = Templates.ProjectSummary)] HttpRequest request) => Serve(request, Names.ProjectSummary);

    [Function(Names.ExecutivePack)]
    public Task ExecutivePack([HttpTrigger(Anyone, Route = Templates.ExecutivePack)] HttpRequest request) => Serve(request, Names.ExecutivePack);

    [Function(Names.DecideWithdrawal)]
    public Task DecideWithdrawal([HttpTrigger(Anyone, Route = Templates.DecideWithdrawal)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.DecideWithdrawal, client);

    [Function(Names.DecideReallocation)]
    public Task DecideReallocation([HttpTrigger(Anyone, Route = Templates.DecideReallocation)] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        Serve(request, Names.DecideReallocation, client);

    [Function(Names.NotFound)]
    public Task NotFound([HttpTrigger(Anyone, Route = Templates.NotFound)] HttpRequest request) => Serve(request, Names.NotFound);

    private Task Serve(HttpRequest request, string route, DurableTaskClient? client = null) =>
        pages.InvokeAsync(request.HttpContext, PageRoutes.Named(route), client);
}
