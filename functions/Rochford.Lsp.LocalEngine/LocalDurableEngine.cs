// The Durable Task engine for the local host and for tests on Azurite: the gRPC sidecar (TaskHubGrpcServer, from the
// preview InProcessTestHost package) over AzureStorageOrchestrationService, the storage provider Durable Functions uses
// in Azure. It listens on its own loopback port (HTTP/2); workers and clients connect with UseGrpc(Address).

using DurableTask.AzureStorage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Rochford.Lsp.LocalEngine;

/// <summary>Settings of the local engine.</summary>
public sealed record LocalEngineOptions
{
    /// <summary>Storage with blob, queue and table services (Azurite: "UseDevelopmentStorage=true").</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>The task hub: its queues, tables and blobs are named after it.</summary>
    public string TaskHubName { get; init; } = "RochfordLsp";

    /// <summary>
    /// The task hub settings: partitions, partition manager, visibility timeouts, polling and concurrency. Those of the
    /// repository's host.json, which Durable Functions reads in Azure, so both run the task hub alike; tests may pass others.
    /// </summary>
    /// <remarks>
    /// Messages this process enqueues (a raised input, an activity's result) wake the poller at once; a durable timer's
    /// message, hidden until its time, is seen up to <see cref="TaskHubSettings.MaxQueuePollingInterval"/> after it. The
    /// provider hides it for whole seconds (the fraction is cut off), so a timer can also arrive up to a second early: the
    /// orchestrator sets it again (<c>DeciderOrchestrator</c>), which is why a real-clock wake-up lands between its time and
    /// about two seconds after.
    /// </remarks>
    public TaskHubSettings Settings { get; init; } = TaskHubSettings.FromRepositoryHostJson();

    /// <summary>The loopback port of the sidecar; 0 picks a free one.</summary>
    public int Port { get; init; }
}

/// <summary>A running local engine. Dispose to stop it (the sidecar stops the storage provider as it goes).</summary>
public sealed class LocalDurableEngine : IAsyncDisposable
{
    private readonly WebApplication _sidecar;

    private LocalDurableEngine(WebApplication sidecar, string address)
    {
        _sidecar = sidecar;
        Address = address;
    }

    /// <summary>The address workers and clients pass to <c>UseGrpc</c>, e.g. "http://127.0.0.1:50123".</summary>
    public string Address { get; }

    /// <summary>
    /// A loopback port free now, for a host that must give workers and clients the engine's address before it starts the
    /// engine (so that it can answer pages while the engine starts). Another process could take the port in between; the
    /// engine's start then fails with "address already in use", and a restart picks another.
    /// </summary>
    public static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The address of an engine on loopback port <paramref name="port"/>.</summary>
    public static string AddressFor(int port) => $"http://127.0.0.1:{port}";

    /// <summary>
    /// The Azure Storage provider's settings for <paramref name="options"/>: the task hub settings mapped as Durable
    /// Functions maps host.json's (AzureStorageDurabilityProviderFactory in the extension), the rest left at the provider's
    /// defaults as Durable Functions leaves them (partition leases: 30 s, acquired every 10 s).
    /// </summary>
    /// <remarks>
    /// After a crash (kill -9, a laptop lid) the restarted engine picks up what the dead one held. Its partitions come back at
    /// once: the table partition manager leases them to the worker id, the machine's name, which the restarted engine has
    /// too. Messages the dead engine had dequeued come back when their visibility timeout runs out (a minute at most).
    /// </remarks>
    public static AzureStorageOrchestrationServiceSettings CreateServiceSettings(LocalEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hub = options.Settings;
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnectionString),
            TaskHubName = options.TaskHubName,
            PartitionCount = hub.PartitionCount,
            UseTablePartitionManagement = hub.UseTablePartitionManagement,
            ControlQueueVisibilityTimeout = hub.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = hub.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = hub.MaxQueuePollingInterval,
            MaxConcurrentTaskOrchestrationWorkItems = hub.MaxConcurrentOrchestratorFunctions,
            MaxConcurrentTaskActivityWorkItems = hub.MaxConcurrentActivityFunctions,
            UseAppLease = hub.UseAppLease,
        };
    }

    /// <summary>Creates the task hub's storage if needed and starts the sidecar.</summary>
    public static async Task<LocalDurableEngine> StartAsync(LocalEngineOptions options, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = CreateServiceSettings(options);
        if (loggerFactory is not null)
            settings.LoggerFactory = loggerFactory;
        var service = new AzureStorageOrchestrationService(settings);
        // The sidecar starts and stops the service but does not create its queues, tables and containers.
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        if (loggerFactory is not null)
            builder.Services.AddSingleton(loggerFactory);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<DurableTask.Core.IOrchestrationService>(service);
        builder.Services.AddSingleton<DurableTask.Core.IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        var address = addresses.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return new LocalDurableEngine(app, address);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _sidecar.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The worker's open stream can hold the stop; the process is going anyway.
        }
        await _sidecar.DisposeAsync();
    }
}
