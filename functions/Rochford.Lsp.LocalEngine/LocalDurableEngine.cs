// The Durable Task engine for the local host and for tests on Azurite: the gRPC sidecar (TaskHubGrpcServer, from the
// preview InProcessTestHost package) over AzureStorageOrchestrationService, the storage provider Durable Functions uses
// in Azure. It listens on its own loopback port (HTTP/2); workers and clients connect with UseGrpc(Address).

using System.Net;
using System.Net.Sockets;
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

    /// <summary>
    /// Where the sidecar listens: a loopback port reserved beforehand, for a host that must give workers and clients the
    /// engine's address before it starts the engine. Null: a free port picked as it starts (<see cref="LocalDurableEngine.Address"/>).
    /// </summary>
    /// <remarks>The engine listens on the reservation but does not own it: dispose it after the engine.</remarks>
    public LoopbackPortReservation? Listener { get; init; }
}

/// <summary>
/// A loopback port held from the moment it is picked until the engine listens on it: a socket bound to 127.0.0.1 on a
/// port the system picks, already listening, which the engine's web server then takes connections from.
/// </summary>
/// <remarks>
/// Picking a free port, closing it and binding it again later is a race: until the engine binds it, any other process
/// can take the port (a test run starts Azurite, app processes and engines side by side) and the engine's start fails
/// with "address already in use" (issue 24). Held, the port cannot be taken. A connection made before the engine starts
/// waits in the socket's backlog and is answered once it has started.
/// </remarks>
public sealed class LoopbackPortReservation : IDisposable
{
    private readonly Socket _socket;

    private LoopbackPortReservation(Socket socket)
    {
        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>The reserved port.</summary>
    public int Port { get; }

    /// <summary>The address workers and clients pass to <c>UseGrpc</c>.</summary>
    public string Address => LocalDurableEngine.AddressFor(Port);

    /// <summary>The listening socket's handle, for Kestrel's <c>ListenHandle</c> (which does not take ownership of it).</summary>
    internal ulong Handle => (ulong)_socket.Handle;

    /// <summary>Reserves a free loopback port (bound and listening from now on).</summary>
    public static LoopbackPortReservation Create()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            // Listening, not only bound: on Linux another socket with SO_REUSEADDR (every .NET socket) can bind a port that
            // is bound but not listening, and then listen on it first.
            socket.Listen();
            return new LoopbackPortReservation(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Closes the socket: the port is free again (stop the engine first).</summary>
    public void Dispose() => _socket.Dispose();
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
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Port 0 (Kestrel binds a free port and the address is read back below) or the port held for it: either way
            // nothing else can take the port between its choice and the bind.
            if (options.Listener is { } reserved)
                k.ListenHandle(reserved.Handle, o => o.Protocols = HttpProtocols.Http2);
            else
                k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2);
        });
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
