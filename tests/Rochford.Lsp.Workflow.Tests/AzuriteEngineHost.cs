// The local engine the app runs (the Durable Task sidecar over the Azure Storage provider), a worker with the workflow's
// orchestrators and activities, and a client, over a private task hub and read-model tables in one Azurite. It can be
// restarted with other code on the same task hub and tables, as a deploy restarts the app.

using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rochford.Lsp.LocalEngine;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Workflow.Tests;

/// <summary>One Azurite with blob, queue and table services, shared by a test class; each host uses its own task hub in it.</summary>
public sealed class AzuriteEngineFixture : IAsyncLifetime
{
    public AzuriteServer Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteServer.StartAllServicesAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

/// <summary>The engine, a worker and a client in one host, with the read model in the same Azurite.</summary>
internal sealed class AzuriteEngineHost : IWorkflowTestHost
{
    private readonly string _connectionString;
    private readonly string _hub;
    private readonly string? _logFile;
    private readonly ILoggerFactory? _logs;
    private LocalDurableEngine _engine = null!;
    private IHost _worker = null!;

    private AzuriteEngineHost(string connectionString, string hub, string? logFile, WorkflowTables tables, RecordingEmailSender emails)
    {
        _connectionString = connectionString;
        _hub = hub;
        _logFile = logFile;
        _logs = logFile is null ? null : LoggerFactory.Create(b => b.AddProvider(new FileLoggerProvider(logFile)));
        Emails = emails;
        Tables = tables;
    }

    public DurableTaskClient Durable { get; private set; } = null!;

    public WorkflowClient Client { get; private set; } = null!;

    public SimulatedClockDriver Clock { get; private set; } = null!;

    public RecordingEmailSender Emails { get; }

    public WorkflowTables Tables { get; }

    /// <summary>The engine's address (its port picked as it starts, or the reserved listener's).</summary>
    public string EngineAddress => _engine.Address;

    /// <summary>The workflow's own orchestrators and activities, and the test probes.</summary>
    public static void WorkflowTasks(DurableTaskRegistry registry)
    {
        registry.AddReportingCycle();
        registry.AddOrchestrator<TimerProbeOrchestrator>();
        registry.AddOrchestrator<StuckProbeOrchestrator>();
        registry.AddOrchestrator<ErrorProbeOrchestrator>();
    }

    /// <summary>Starts the engine (on <paramref name="listener"/>'s port, reserved beforehand as the app does, or a free one), the worker and the client.</summary>
    /// <param name="tasks">The orchestrators and activities the worker runs (default: <see cref="WorkflowTasks"/>).</param>
    public static async Task<AzuriteEngineHost> StartAsync(string connectionString, RecordingEmailSender? emails = null,
        Action<DurableTaskRegistry>? tasks = null, LoopbackPortReservation? listener = null)
    {
        var hub = "hub" + Guid.NewGuid().ToString("N")[..12];
        var logFile = Environment.GetEnvironmentVariable("WORKFLOW_TEST_LOG") is { Length: > 0 } log ? log : null;
        // Not the hub name: table names ignore case, and the engine's own "{hub}History" table would be this "{prefix}history".
        var tables = new WorkflowTables(new TableServiceClient(connectionString), "rm" + hub);
        var host = new AzuriteEngineHost(connectionString, hub, logFile, tables, emails ?? new RecordingEmailSender());
        await host.StartEngineAndWorkerAsync(tasks ?? WorkflowTasks, listener);
        return host;
    }

    /// <summary>
    /// Stops the worker and the engine, as a deploy stops the app (an activity in flight is left as it is), and starts them
    /// again on the same task hub and tables running <paramref name="tasks"/>: the new code.
    /// </summary>
    public async Task RestartAsync(Action<DurableTaskRegistry> tasks)
    {
        await StopAsync();
        await StartEngineAndWorkerAsync(tasks, listener: null);
    }

    private async Task StartEngineAndWorkerAsync(Action<DurableTaskRegistry> tasks, LoopbackPortReservation? listener)
    {
        _engine = await LocalDurableEngine.StartAsync(new LocalEngineOptions { StorageConnectionString = _connectionString, TaskHubName = _hub, Listener = listener }, _logs);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        // The worker's logs (orchestrators' replay-safe loggers, activities) go to the same file as the engine's, not the console.
        builder.Logging.ClearProviders();
        if (_logFile is not null)
            builder.Logging.AddProvider(new FileLoggerProvider(_logFile));
        builder.Services.AddSingleton(Tables);
        builder.Services.AddSingleton<IEmailEffectSender>(Emails);
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(_engine.Address);
            b.AddTasks(tasks);
        });
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(_engine.Address));
        _worker = builder.Build();
        await _worker.StartAsync();
        Durable = _worker.Services.GetRequiredService<DurableTaskClient>();
        Client = new WorkflowClient(Durable);
        Clock = new SimulatedClockDriver(Client) { StepTimeout = TimeSpan.FromSeconds(60) };
    }

    // Over the task hub's 1-minute message visibility (host.json): after a restart, work the old engine held comes back only then.
    public Task WaitForStatusAsync(params string[] instanceIds) => WorkflowHost.WaitForStatusAsync(Client, TimeSpan.FromSeconds(150), instanceIds);

    private async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _worker.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _worker.Dispose();
        await _engine.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _logs?.Dispose();
    }
}
