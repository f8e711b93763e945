// The local host serves the route table the Functions app serves (tests/Rochford.Lsp.Functions.Tests checks the other
// side from the published functions.metadata): every route mapped once, at its pattern, answered by PageEndpoint.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Services;

namespace Rochford.Lsp.Web.Tests;

public sealed class RouteTableTests
{
    [Fact]
    public void TheLocalHost_MapsEveryRouteOfTheTableOnce_AtItsPattern()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSharedServices(builder.Configuration);
        builder.Services.AddLocalPages();
        using var app = builder.Build();

        app.UsePages();

        var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageRoute>() is not null).ToList();
        Assert.Equal(PageRoutes.All.Count, mapped.Count);
        foreach (var route in PageRoutes.All)
        {
            var endpoint = Assert.Single(mapped, e => e.Metadata.GetMetadata<PageRoute>() == route);
            Assert.Equal(route.LocalPattern, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'));
        }
    }

    [Fact]
    public void TheTable_HasUniqueNamesAndTemplates_AndEveryLeadFormStepIsAPost()
    {
        Assert.Equal(PageRoutes.All.Count, PageRoutes.All.Select(r => r.Name).Distinct().Count());
        Assert.Equal(PageRoutes.All.Count, PageRoutes.All.Select(r => r.Template).Distinct().Count());
        // A lead's form steps are POST only; an officer's action step also opens (GET) to say what it will do.
        Assert.All(PageRoutes.All.Where(r => r.Steps.Count > 0 && r.Kind == RouteKind.LinkPage), r => Assert.Equal([Microsoft.AspNetCore.Http.HttpMethods.Post], r.Methods));
        // Link pages raise inputs or wait for them, except the interim confirmation, which only checks its link, and the
        // Executive's summary and pack, which only read the read model.
        string[] readOnly = [PageRoutes.Names.InterimSent, PageRoutes.Names.ProjectSummary, PageRoutes.Names.ExecutivePack];
        Assert.All(PageRoutes.All.Where(r => r.Kind == RouteKind.LinkPage && !readOnly.Contains(r.Name)), r => Assert.True(r.UsesWorkflow, r.Name));
    }
}
