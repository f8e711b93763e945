// Wires the workflow into the local app: the local Durable Task engine (the sidecar over the Azure Storage provider on
// the app's storage), a worker running the reporting-cycle orchestrator and its activities, a client and the clock (real,
// or simulated and saved with the data). The read model and what the activities need are the shared registration's
// (SharedServices.AddSharedServices, which the Functions app calls too).

using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using Rochford.Lsp.LocalEngine;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>Registers the workflow; its engine starts after the web server listens (see <see cref="AppStartupRegistration"/>).</summary>
public static class WorkflowRegistration
{
    /// <summary>
    /// Adds the local engine (started as a start-up step, with the saved clock), the worker, the client and what they need.
    /// </summary>
    /// <exception cref="InvalidOperationException">Storage has no connection string, or a simulated clock is asked for in Azure.</exception>
    public static void AddWorkflow(this WebApplicationBuilder builder)
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

        var hub = options.TaskHubFor(storage.TablePrefix);
        // The worker and the client are given the engine's address now; they connect when the engine is up. Its port is
        // held from now on (LocalWorkflowHost disposes the reservation), so nothing else can take it before the engine starts.
        var engineOptions = new LocalEngineOptions
        {
            StorageConnectionString = storage.ConnectionString,
            TaskHubName = hub,
            Listener = LoopbackPortReservation.Create(),
        };
        var address = engineOptions.Listener.Address;

        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        services.AddSingleton(options);
        // Program adds this before the shared services, whose TimeProvider.System is then not added: the simulated clock is the app's clock.
        if (clockOptions.SimulatedStart is { } start)
        {
            services.AddSingleton(sp => new SimulatedTime(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value.CreateServiceClient().GetTableClient(storage.TablePrefix + "clock"), start));
            services.AddSingleton(sp => sp.GetRequiredService<SimulatedTime>().Clock);
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulatedClock>());
        }
        services.AddSingleton(new WorkflowSettings(clockOptions.SimulatedStart is null ? WorkflowClock.Real : WorkflowClock.Simulated, hub));

        // The worker is a hosted service that would connect as the host starts, before the engine is up, and then back off
        // for seconds at a time. It is taken out of the host's hosted services and started by LocalWorkflowHost, just after
        // the engine.
        var hostedBefore = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(address);
            b.AddTasks(r => r.AddReportingCycle());
        });
        var worker = services.Where(d => d.ServiceType == typeof(IHostedService) && !hostedBefore.Contains(d)).ToList();
        foreach (var descriptor in worker) services.Remove(descriptor);
        services.AddSingleton(sp => new LocalWorkflowHost(engineOptions, sp.GetService<SimulatedTime>(), [.. worker.Select(d => Create(sp, d))],
            sp.GetRequiredService<ILoggerFactory>()));
        // Started as a start-up step (after the web server listens); stopped with the host: after the pages and the tick loop
        // (registered later, so stopped earlier), before the services its activities use are disposed.
        services.AddHostedService(sp => sp.GetRequiredService<LocalWorkflowHost>());
        services.AddStartupStep("the workflow engine", StartupStage.Storage, (sp, ct) => sp.GetRequiredService<LocalWorkflowHost>().StartEngineAsync(ct));

        services.AddDurableTaskClient(b => b.UseGrpc(address));
        services.AddSingleton(sp => new WorkflowClient(sp.GetRequiredService<DurableTaskClient>()));
        services.AddSingleton<InstanceStateReader<ProjectState>>();
        // A step is reported stuck only after nothing has moved for longer than a message stays hidden once taken: after a
        // crash, what the dead engine had taken comes back only then (host.json's controlQueueVisibilityTimeout, a minute).
        var stepTimeout = engineOptions.Settings.ControlQueueVisibilityTimeout + TimeSpan.FromSeconds(30);
        services.AddSingleton(sp => new SimulatedClockDriver(sp.GetRequiredService<WorkflowClient>()) { StepTimeout = stepTimeout });
    }

    /// <summary>Makes the worker the way the host would have (DurableTask registers it with a factory).</summary>
    private static Func<IHostedService> Create(IServiceProvider services, ServiceDescriptor descriptor) => () => descriptor switch
    {
        { ImplementationFactory: { } factory } => (IHostedService)factory(services),
        { ImplementationInstance: IHostedService instance } => instance,
        { ImplementationType: { } type } => (IHostedService)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException($"Cannot create the hosted service {descriptor}."),
    };
}

/// <summary>The local engine and the worker on it: started together (engine first), stopped together (worker first).</summary>
internal sealed class LocalWorkflowHost(LocalEngineOptions options, SimulatedTime? time, IReadOnlyList<Func<IHostedService>> workers,
    ILoggerFactory appLoggers) : IHostedService, IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ILoggerFactory? _engineLoggers;
    private LocalDurableEngine? _engine;
    private bool _stopped;

    /// <summary>Nothing: the engine starts as a start-up step (<see cref="StartEngineAsync"/>), once the web server listens.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts the engine (creating its task hub if needed) while the saved clock is read, then the worker.</summary>
    public async Task StartEngineAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_stopped) throw new OperationCanceledException("The app is stopping.");
            // The engine logs warnings and worse: its informational logs are many lines per message.
            _engineLoggers = LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning));
            var engineStarting = LocalDurableEngine.StartAsync(options, _engineLoggers, cancellationToken);
            try
            {
                if (time is not null) await time.LoadAsync(cancellationToken);
            }
            finally
            {
                // Kept even when the clock failed, so that stopping disposes it.
                _engine = await engineStarting;
            }
            foreach (var create in workers)
            {
                var worker = create();
                _started.Add(worker);
                await worker.StartAsync(cancellationToken);
            }
            appLoggers.CreateLogger<LocalWorkflowHost>().LogInformation("Workflow engine on {Address}, task hub {Hub}", _engine?.Address, options.TaskHubName);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the worker (its stream to the engine can hold the stop: bounded by the host's shutdown), then the engine.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A start still running finishes first (seconds at most); out of time, DisposeAsync stops it after.
            await _gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            if (_stopped) return;
            _stopped = true;
            foreach (var worker in Enumerable.Reverse(_started))
            {
                try
                {
                    await worker.StopAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Out of time: the engine goes next anyway.
                }
                (worker as IDisposable)?.Dispose();
            }
            if (_engine is not null) await _engine.DisposeAsync();
            // After the engine, which listens on it without owning it; also when the engine never started.
            options.Listener?.Dispose();
            _engineLoggers?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        // Called twice (the singleton and the hosted service are the same object): StopAsync is idempotent, and the gate is
        // left undisposed (a SemaphoreSlim without a wait handle holds nothing).
        await StopAsync(timeout.Token);
    }
}
