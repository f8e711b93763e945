using Azure.Core;
using Azure.Core.Pipeline;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Durable.Tests;

/// <summary>Tables, clock and dispatcher for one test; <see cref="NewRuntime"/> makes a "host" (its own cache and locks) over them.</summary>
public sealed class RuntimeHarness
{
    private RuntimeHarness(string connectionString, string workflow, string index, DateTimeOffset start)
    {
        ConnectionString = connectionString;
        WorkflowTable = workflow;
        IndexTable = index;
        Clock = new SimulatedClock(start);
    }

    public string ConnectionString { get; }
    public string WorkflowTable { get; }
    public string IndexTable { get; }
    public SimulatedClock Clock { get; }
    public RecordingDispatcher Dispatcher { get; } = new();
    public FaultInjector Faults { get; } = new();

    public static readonly DateTimeOffset Start = new(2010, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static async Task<RuntimeHarness> CreateAsync(AzuriteFixture azurite)
    {
        var harness = new RuntimeHarness(azurite.Server.ConnectionString, AzuriteServer.UniqueTableName("wf"), AzuriteServer.UniqueTableName("ix"), Start);
        await harness.NewRuntime().InitializeAsync(AzuriteFixture.Timeout());
        return harness;
    }

    public DurableRuntime<CounterState> NewRuntime(CounterOrchestration? orchestration = null, DurableRuntimeOptions? options = null)
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(Faults, HttpPipelinePosition.PerCall);
        return new DurableRuntime<CounterState>(orchestration ?? new CounterOrchestration(),
            new TableClient(ConnectionString, WorkflowTable, tableOptions), new TableClient(ConnectionString, IndexTable, tableOptions),
            Dispatcher, Clock, options);
    }

    public TableClient RawTable(string name) => new(ConnectionString, name);
}

/// <summary>A pipeline policy that simulates a crash at the Nth storage call: before sending it, or after (the reply is lost).</summary>
public sealed class FaultInjector : HttpPipelinePolicy
{
    private int _calls;
    private int _failAt = -1;
    private bool _afterSend;

    public int Calls => Volatile.Read(ref _calls);

    public void FailAt(int call, bool afterSend)
    {
        _failAt = call;
        _afterSend = afterSend;
        Interlocked.Exchange(ref _calls, 0);
    }

    public void Disarm() => _failAt = -1;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var n = Interlocked.Increment(ref _calls);
        var fail = n == _failAt;
        if (fail && !_afterSend) throw new SimulatedCrashException($"crash before call {n}");
        await ProcessNextAsync(message, pipeline);
        if (fail && _afterSend) throw new SimulatedCrashException($"crash after call {n} (reply lost)");
    }
}

public sealed class SimulatedCrashException(string message) : Exception(message);
