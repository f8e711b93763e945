// The local engine the app runs (the Durable Task sidecar over the Azure Storage provider), a worker with the workflow's
// orchestrators and activities, and a client, over a private task hub and read-model tables in one Azurite.

using Azure.Data.Tables;
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
    private readonly LocalDurableEngine _engine;
    private readonly IHost _worker;

    private AzuriteEngineHost(LocalDurableEngine engine, IHost worker, WorkflowTables tables, RecordingEmailSender emails)
    {
        _engine = engine;
        _worker = worker;
        Emails = emails;
        Durable = worker.Services.GetRequiredService<DurableTaskClient>();
        Client = new WorkflowClient(Durable);
        Clock = new SimulatedClockDriver(Client) { StepTimeout = TimeSpan.FromSeconds(60) };
        Tables = tables;
    }

    public DurableTaskClient Durable { get; }

    public WorkflowClient Client { get; }

    public SimulatedClockDriver Clock { get; }

    public RecordingEmailSender Emails { get; }

    public WorkflowTables Tables { get; }

    /// <summary>The engine's address (its port picked as it starts, or <c>listener</c>'s).</summary>
    public string EngineAddress => _engine.Address;

    /// <summary>Starts the engine (on <paramref name="listener"/>'s port, reserved beforehand as the app does, or a free one), the worker and the client.</summary>
    public static async Task<AzuriteEngineHost> StartAsync(string connectionString, RecordingEmailSender? emails = null, LoopbackPortReservation? listener = null)
    {
        var hub = "hub" + Guid.NewGuid().ToString("N")[..12];
        var logFile = Environment.GetEnvironmentVariable("WORKFLOW_TEST_LOG") is { Length: > 0 } log ? log : null;
        var logs = logFile is null ? null : LoggerFactory.Create(b => b.AddProvider(new FileLoggerProvider(logFile)));
        var engine = await LocalDurableEngine.StartAsync(new LocalEngineOptions { StorageConnectionString = connectionString, TaskHubName = hub, Listener = listener }, logs);
        // Not the hub name: table names ignore case, and the engine's own "{hub}History" table would be this "{prefix}history".
        var tables = new WorkflowTables(new TableServiceClient(connectionString), "rm" + hub);
        emails ??= new RecordingEmailSender();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        // The worker's logs (orchestrators' replay-safe loggers, activities) go to the same file as the engine's, not the console.
        builder.Logging.ClearProviders();
        if (logFile is not null)
            builder.Logging.AddProvider(new FileLoggerProvider(logFile));
        builder.Services.AddSingleton(tables);
        builder.Services.AddSingleton<IEmailEffectSender>(emails);
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(engine.Address);
            b.AddTasks(r =>
            {
                r.AddReportingCycle();
                r.AddOrchestrator<TimerProbeOrchestrator>();
                r.AddOrchestrator<StuckProbeOrchestrator>();
            });
        });
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(engine.Address));
        var worker = builder.Build();
        await worker.StartAsync();
        return new AzuriteEngineHost(engine, worker, tables, emails);
    }

    public Task WaitForStatusAsync(params string[] instanceIds) => WorkflowHost.WaitForStatusAsync(Client, TimeSpan.FromSeconds(60), instanceIds);

    public async ValueTask DisposeAsync()
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
}
