// Wires the workflow into the app: the local Durable Task engine (the sidecar over the Azure Storage provider on the
// app's storage), a worker running the reporting-cycle orchestrator and its activities, a client, the read model's
// tables, the clock (real, or simulated and saved with the data) and the digest check.

using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Rochford.Lsp.Durable;
using Rochford.Lsp.LocalEngine;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>Registers the workflow and starts its engine.</summary>
public static class WorkflowRegistration
{
    /// <summary>
    /// Starts the local engine on the app's storage and adds the worker, the client and what they need. The caller disposes
    /// the engine after the app has stopped (the worker's stream to it closes first).
    /// </summary>
    /// <exception cref="InvalidOperationException">Storage has no connection string, or a simulated clock is asked for in Azure.</exception>
    public static async Task<LocalDurableEngine> AddWorkflowAsync(this WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var options = configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>() ?? new WorkflowOptions();
        if (options.TickInterval <= TimeSpan.Zero)
            throw new InvalidOperationException("Workflow:TickInterval must be longer than zero, such as 00:00:30.");
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            throw new InvalidOperationException(
                "Storage:ConnectionString is not set. The workflow engine needs blob, queue and table storage: locally \"UseDevelopmentStorage=true\" (./run.sh starts Azurite).");
        var clockOptions = configuration.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions();
        if (clockOptions.SimulatedStart is not null && Hosting.IsAzure)
            throw new InvalidOperationException("Clock:SimulatedStart is set, but the simulated clock is for local runs only and is never enabled in Azure. Remove the setting.");

        var tableService = new TableServiceClient(storage.ConnectionString);
        var hub = options.TaskHubFor(storage.TablePrefix);
        var loggers = LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning));
        // The engine creates its hub (queues, tables, a lease container) while the saved clock is read.
        var engineStarting = LocalDurableEngine.StartAsync(new LocalEngineOptions
        {
            StorageConnectionString = storage.ConnectionString,
            TaskHubName = hub,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        }, loggers, cancellationToken);
        SimulatedTime? simulated = clockOptions.SimulatedStart is { } start
            ? await SimulatedTime.OpenAsync(tableService.GetTableClient(storage.TablePrefix + "clock"), start, cancellationToken)
            : null;
        var engine = await engineStarting;

        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        services.AddSingleton(options);
        services.AddSingleton(tableService);
        if (simulated is not null)
        {
            services.AddSingleton(simulated);
            services.AddSingleton(simulated.Clock);
            services.AddSingleton<TimeProvider>(simulated.Clock);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }
        services.AddSingleton(new WorkflowSettings(simulated is null ? WorkflowClock.Real : WorkflowClock.Simulated, hub));
        services.AddSingleton(new WorkflowTables(tableService, storage.TablePrefix));
        services.AddSingleton<IReportTexts, TableReportTexts>();
        services.AddSingleton<IOrchestration<ProjectState>>(new ReportingCycle());
        services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(engine.Address);
            b.AddTasks(r =>
            {
                r.AddReportingCycle();
            });
        });
        services.AddDurableTaskClient(b => b.UseGrpc(engine.Address));
        services.AddSingleton(sp => new WorkflowClient(sp.GetRequiredService<DurableTaskClient>()));
        services.AddSingleton<InstanceStateReader<ProjectState>>();
        services.AddSingleton<ProjectStates<ProjectState>>();
        services.AddSingleton<ProjectHistory>();
        services.AddSingleton<ProjectRefusals>();
        services.AddSingleton(sp => new SimulatedClockDriver(sp.GetRequiredService<WorkflowClient>()) { StepTimeout = TimeSpan.FromSeconds(30) });
        services.AddSingleton<RaisedInputs>();
        return engine;
    }
}

/// <summary>How this app's workflows run: the clock new instances start on, and the task hub.</summary>
public sealed record WorkflowSettings(WorkflowClock Clock, string TaskHub);
