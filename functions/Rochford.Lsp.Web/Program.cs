// The local host's composition root (./run.sh): the route table's pages and endpoints (shared with the Azure Functions
// app), the developer endpoints, and the workflow, whose Durable Task engine runs in this process over the app's storage
// (Azurite locally). In Azure, functions/Rochford.Lsp.Functions serves the same routes and runs the same orchestrator.

using System.Globalization;
using Rochford.Lsp.Web;
using Rochford.Lsp.Web.Links;
using Rochford.Lsp.Web.Mail;
using Rochford.Lsp.Web.Workflow;
using Rochford.Lsp.Workflow;

// The app loads ICU only to normalise form text (see the .csproj): every thread keeps the invariant culture it had in
// invariant mode, whatever the machine's locale, so numbers, dates and messages read the same everywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAppStartup();
// The local engine, its worker and client, and the clock (simulated when Clock:SimulatedStart is set): first, so the
// shared services keep that clock.
builder.AddWorkflow();
// Storage, the read model, links, the email sender and the digest: the same registration the Functions app uses.
builder.Services.AddSharedServices(builder.Configuration);
builder.Services.AddSingleton<IListeningAddress, ServerListeningAddress>();
// The pages and endpoints of the route table (functions/Rochford.Lsp.Pages), which the Functions app serves too.
builder.Services.AddLocalPages();
if (!Hosting.IsAzure) builder.Services.AddHostedService<TickLoop>();
// Each part creates its own tables; none needs another's, so they start together, beside the engine.
builder.Services.AddStartupStep("the app's tables", StartupStage.Storage, (services, cancellationToken) => services.InitializeTablesAsync(cancellationToken));
if (!Hosting.IsAzure && builder.Configuration.GetValue("Seed:Rochford", true))
{
    builder.Services.AddStartupStep("the Rochford seed", StartupStage.Data, (services, cancellationToken) =>
        RochfordSeedLoader.LoadIfEmptyAsync(services.GetRequiredService<WorkflowClient>(), services.GetRequiredService<ProjectStates<Rochford.Lsp.Reporting.ProjectState>>(),
            services.GetRequiredService<WorkflowSettings>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Rochford.Lsp.Web.Seed"),
            cancellationToken));
}

var app = builder.Build();

app.UsePages();
app.MapLocalMailbox();
if (!Hosting.IsAzure)
{
    // Local-only views of the workflow, for developers and end-to-end tests (staff pages with sign-in come later).
    app.MapDevInstances();
    app.MapDevTick();
    if (app.Services.GetService<SimulatedTime>() is not null) app.MapSimulatedClock();
}

app.Run();

/// <summary>Lets tests start the app in-process.</summary>
public partial class Program;
