// What the Functions app registers: the shared services (the same registration the local app calls) and the shared
// activities its [ActivityTrigger] wrappers resolve. Nothing else: no engine (the Functions host runs Durable Task) and
// no clock of its own (TimeProvider.System, from the shared registration).

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rochford.Lsp.Pages;
using Rochford.Lsp.Services;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Functions;

/// <summary>The Functions app's service registrations, called by Program and by the tests.</summary>
public static class FunctionApp
{
    /// <summary>Adds everything the functions need, configured from app settings (Storage, Email, Links, Site).</summary>
    /// <exception cref="InvalidOperationException">In Azure, a setting the app cannot work without is missing.</exception>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSharedServices(configuration);
        // The route table's handlers and the endpoint the HTTP functions call (PageFunctions); the clock is the real one.
        services.AddSingleton(new WorkflowSettings(WorkflowClock.Real, configuration["Workflow:TaskHub"] ?? "RochfordLsp"));
        services.AddPages();
        // Made per call, as the Durable Task worker makes them locally.
        services.AddTransient<RecordTransitionActivity>();
        services.AddTransient<RecordRefusalActivity>();
        services.AddTransient<SendEmailsActivity>();
        services.AddHostedService<TablesAtStart>();
    }

    /// <summary>Creates the links and email tables when the worker starts, as the local app does at its start.</summary>
    private sealed class TablesAtStart(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => services.InitializeTablesAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
