// The same orchestrator and activities on the local engine the app runs: the Durable Task sidecar over the Azure
// Storage provider, on a private Azurite with blob, queue and table services.
// Run: dotnet test tests/Rochford.Lsp.Workflow.Tests --filter LocalEngineTests

using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rochford.Lsp.LocalEngine;
using Rochford.Lsp.Testing;
using static Rochford.Lsp.Workflow.Tests.ReportingCycleOrchestratorTests;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class AzuriteEngineFixture : IAsyncLifetime
{
    public AzuriteServer Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteServer.StartAllServicesAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

public sealed class LocalEngineTests(AzuriteEngineFixture fixture) : IClassFixture<AzuriteEngineFixture>
{
    [Fact]
    public async Task RedeliveredFunds_AfterTheReceiverCompleted_AddNothingAndSendNothingBack()
    {
        await using var host = await EngineHost.StartAsync(fixture.Azurite.ConnectionString);
        await host.StartProjectAsync("ROC3");
        var funds = new WorkflowInput("ROC4/8/0", "ReceiveReallocatedFunds",
            JsonSerializer.Serialize(new { FromProjectCode = "ROC4", Amount = 1_000_000, OperationId = "ROC4/8/0" }),
            At(2010, 6, 10), From: "ROC4");

        await host.RaiseAndWaitAsync("ROC3", funds);
        await host.RaiseAndWaitAsync("ROC3", new WorkflowInput("complete-1", "MarkProjectCompleted",
            JsonSerializer.Serialize(new { Officer = new { Name = "LSP Officer A (example)", Email = "lsp.officer.a@example.org" }, Note = "Done." }), At(2010, 6, 11)));
        await host.RaiseAndWaitAsync("ROC3", funds);

        var summary = await host.SummaryAsync("ROC3");
        Assert.Equal("Completed", summary.GetString("Phase"));
        Assert.Equal("4000000", summary.GetString("AwardedPence"));
        Assert.Empty(await host.Tables.RefusalsAsync(default).RowsAsync("ROC3"));
    }

    /// <summary>The engine, a worker and a client in one host, with the read model in the same Azurite.</summary>
    private sealed class EngineHost : IAsyncDisposable
    {
        private readonly LocalDurableEngine _engine;
        private readonly IHost _worker;

        private EngineHost(LocalDurableEngine engine, IHost worker, WorkflowTables tables, RecordingEmailSender emails)
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

        public static async Task<EngineHost> StartAsync(string connectionString)
        {
            var hub = "hub" + Guid.NewGuid().ToString("N")[..12];
            var logs = Environment.GetEnvironmentVariable("WORKFLOW_TEST_LOG") is { Length: > 0 } log
                ? Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(new FileLoggerProvider(log)))
                : null;
            var engine = await LocalDurableEngine.StartAsync(new LocalEngineOptions { StorageConnectionString = connectionString, TaskHubName = hub }, logs);
            // Not the hub name: table names ignore case, and the engine's own "{hub}History" table would be this "{prefix}history".
            var tables = new WorkflowTables(new TableServiceClient(connectionString), "rm" + hub);
            var emails = new RecordingEmailSender();
            var builder = Host.CreateApplicationBuilder();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
            builder.Services.AddSingleton(tables);
            builder.Services.AddSingleton<IEmailEffectSender>(emails);
            builder.Services.AddDurableTaskWorker(b =>
            {
                b.UseGrpc(engine.Address);
                b.AddTasks(r =>
                {
                    r.AddOrchestrator<ReportingCycleOrchestrator>();
                    r.AddOrchestrator<TimerProbeOrchestrator>();
                    r.AddActivity<RecordTransitionActivity>();
                    r.AddActivity<RecordRefusalActivity>();
                    r.AddActivity<SendEmailsActivity>();
                });
            });
            builder.Services.AddDurableTaskClient(b => b.UseGrpc(engine.Address));
            var worker = builder.Build();
            await worker.StartAsync();
            return new EngineHost(engine, worker, tables, emails);
        }

        public async Task StartProjectAsync(string code)
        {
            Assert.True(await Client.StartAsync(code, Reporting.Seed.RochfordSeed.StartPayloadFor(code, new NodaTime.LocalDate(2010, 1, 4)).ToJson(),
                WorkflowClock.Simulated, At(2010, 1, 4)));
            await WorkflowHost.EventuallyAsync(async () =>
            {
                var metadata = await Durable.GetInstanceAsync(code, getInputsAndOutputs: true);
                Assert.False(metadata?.RuntimeStatus == OrchestrationRuntimeStatus.Failed, $"{code} failed to start: {metadata?.FailureDetails}");
                return metadata?.SerializedCustomStatus is not null;
            }, $"{code} to start", seconds: 60);
        }

        public async Task RaiseAndWaitAsync(string instance, WorkflowInput input)
        {
            await Client.RaiseAsync(instance, input);
            await Clock.WaitUntilHandledAsync([new SentInput(instance, input.InputId)]);
        }

        public async Task<TableEntity> SummaryAsync(string instance) =>
            await Tables.SummaryAsync(instance) ?? throw new Xunit.Sdk.XunitException($"{instance} has no summary row.");

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
}
