// The one composition root of the Rochford LSP app. Locally it runs on its own (./run.sh): the pages, the email part
// and the workflow, whose Durable Task engine runs in this process over the app's storage (Azurite locally).

using System.Globalization;
using Microsoft.Extensions.Options;
using Rochford.Lsp.Web;
using Rochford.Lsp.Web.Links;
using Rochford.Lsp.Web.Mail;
using Rochford.Lsp.Web.Pages;
using Rochford.Lsp.Web.Workflow;
using Rochford.Lsp.Workflow;

// The app loads ICU only to normalise form text (see the .csproj): every thread keeps the invariant culture it had in
// invariant mode, whatever the machine's locale, so numbers, dates and messages read the same everywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);

// Under the Functions host, the port to listen on is given by FUNCTIONS_CUSTOMHANDLER_PORT.
if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } functionsPort)
    builder.WebHost.UseUrls($"http://127.0.0.1:{functionsPort}");

builder.Services.AddAppStartup();
// The local engine, its worker and client, and the clock (simulated when Clock:SimulatedStart is set): first, so the
// shared services keep that clock.
builder.AddWorkflow();
// Storage, the read model, links, the email sender and the digest: the same registration the Functions app uses.
builder.Services.AddSharedServices(builder.Configuration);
builder.Services.AddSingleton<IListeningAddress, ServerListeningAddress>();
builder.Services.AddPages(builder.Configuration);
if (!Hosting.IsAzure) builder.Services.AddHostedService<TickLoop>();
// Each part creates its own tables; none needs another's, so they start together, beside the engine.
builder.Services.AddStartupStep("the app's tables", StartupStage.Storage, (services, cancellationToken) => services.InitializeTablesAsync(cancellationToken));
if (!Hosting.IsAzure && builder.Configuration.GetValue("Seed:Rochford", true))
{
    builder.Services.AddStartupStep("the Rochford seed", StartupStage.Data, (services, cancellationToken) =>
        RochfordSeedLoader.LoadIfEmptyAsync(services.GetRequiredService<WorkflowClient>(), services.GetRequiredService<WorkflowSettings>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Rochford.Lsp.Web.Seed"),
            cancellationToken));
}

var app = builder.Build();

app.UsePages();
app.MapGet("/api/health", async (AppReadiness readiness, IOptions<StorageOptions> storage, CancellationToken cancellationToken) =>
{
    // Up at once; "starting" (503) while the engine, the tables and the seed start after the web server.
    if (readiness.State != "running")
        return Results.Json(new { status = readiness.State == "failed" ? "unhealthy" : "starting", workflow = readiness.Failure ?? readiness.State },
            statusCode: StatusCodes.Status503ServiceUnavailable);
    try
    {
        var probe = storage.Value.CreateClient("health");
        await probe.CreateIfNotExistsAsync(cancellationToken);
        return Results.Ok(new { status = "ok", storage = "reachable", workflow = readiness.State });
    }
    catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or InvalidOperationException)
    {
        return Results.Json(new { status = "unhealthy", storage = ex.Message, workflow = readiness.State }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
});

app.MapTick();
app.MapEmail();
if (!Hosting.IsAzure)
{
    // Local-only views of the workflow, for developers and end-to-end tests (staff pages with sign-in come later).
    app.MapDevInstances();
    if (app.Services.GetService<SimulatedTime>() is not null) app.MapSimulatedClock();
}

app.Run();

/// <summary>Lets tests start the app in-process.</summary>
public partial class Program;
