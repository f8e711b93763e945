// The one composition root of the Rochford LSP app. Locally it runs on its own (./run.sh);
// in Azure the Functions host starts it as a custom handler and forwards requests to it.

using Microsoft.Extensions.Options;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Web;
using Rochford.Lsp.Web.Links;
using Rochford.Lsp.Web.Mail;
using Rochford.Lsp.Web.Pages;
using Rochford.Lsp.Web.Workflow;

var builder = WebApplication.CreateBuilder(args);

// Under the Functions host, the port to listen on is given by FUNCTIONS_CUSTOMHANDLER_PORT.
if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } functionsPort)
    builder.WebHost.UseUrls($"http://127.0.0.1:{functionsPort}");

builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section));
builder.Services.AddWorkflow(builder.Configuration, new ReportingCycle());
builder.Services.AddPages(builder.Configuration);
builder.Services.AddEmail(builder.Configuration);

var app = builder.Build();

// Each part creates its own tables; none needs another's, so they start together.
await Task.WhenAll(app.InitializeWorkflowAsync<ProjectState>(), app.InitializePersonalLinksAsync(), app.InitializeEmailAsync());
if (!Hosting.IsAzure && builder.Configuration.GetValue("Seed:Rochford", true))
{
    await RochfordSeedLoader.LoadIfEmptyAsync(app.Services.GetRequiredService<DurableRuntime<ProjectState>>(),
        app.Services.GetRequiredService<TimeProvider>(), app.Logger, app.Lifetime.ApplicationStopping);
}

app.UsePages();
app.MapGet("/api/health", async (IOptions<StorageOptions> storage, CancellationToken cancellationToken) =>
{
    try
    {
        var probe = storage.Value.CreateClient("health");
        await probe.CreateIfNotExistsAsync(cancellationToken);
        return Results.Ok(new { status = "ok", storage = "reachable" });
    }
    catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or InvalidOperationException)
    {
        return Results.Json(new { status = "unhealthy", storage = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
});

app.MapWorkflow<ProjectState>();
app.MapEmail();
if (!Hosting.IsAzure)
{
    // Local-only views of the workflow, for developers and end-to-end tests (staff pages with sign-in come later).
    app.MapGet("/dev/instances.json", async (DurableRuntime<ProjectState> runtime, CancellationToken ct) =>
        Results.Ok((await runtime.ListInstancesAsync(ct)).OrderBy(i => i.InstanceId.Length).ThenBy(i => i.InstanceId)));
    app.MapGet("/dev/instances/{id}/history.json", async (string id, DurableRuntime<ProjectState> runtime, CancellationToken ct) =>
        await runtime.GetInstanceAsync(id, ct) is null
            ? Results.NotFound(new { error = $"There is no project '{id}'." })
            : Results.Ok(await runtime.GetHistoryAsync(id, ct)));
}

app.Run();

/// <summary>Lets tests start the app in-process.</summary>
public partial class Program;
