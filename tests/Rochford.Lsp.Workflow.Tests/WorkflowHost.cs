// The in-memory Durable Task engine (real replay, real ContinueAsNew and SendEvent) with the workflow's orchestrator
// and activities registered, over a private set of tables in the shared Azurite. One per test: nothing is shared.

using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Workflow.Tests;

/// <summary>What a workflow test needs of an engine: the in-memory one (<see cref="WorkflowHost"/>) or the local engine on
/// Azurite (<see cref="AzuriteEngineHost"/>), so one scenario can run on both.</summary>
internal interface IWorkflowTestHost : IAsyncDisposable
{
    WorkflowClient Client { get; }

    Microsoft.DurableTask.Client.DurableTaskClient Durable { get; }

    SimulatedClockDriver Clock { get; }

    WorkflowTables Tables { get; }

    RecordingEmailSender Emails { get; }

    /// <summary>Waits until each instance shows a status (its loop is running).</summary>
    Task WaitForStatusAsync(params string[] instanceIds);

    Task<IReadOnlyList<TableEntity>> HistoryAsync(string instanceId) => Tables.HistoryAsync(instanceId);

    Task<TableEntity?> SummaryAsync(string instanceId) => Tables.SummaryAsync(instanceId);

    Task<IReadOnlyList<TableEntity>> RowsAsync(Task<TableClient> table, string partition) => table.RowsAsync(partition);
}

internal sealed class WorkflowHost : IWorkflowTestHost
{
    private readonly DurableTaskTestHost _host;

    private WorkflowHost(DurableTaskTestHost host, WorkflowTables tables, RecordingEmailSender emails, TableServiceClient service, string prefix)
    {
        _host = host;
        Tables = tables;
        Emails = emails;
        Service = service;
        Prefix = prefix;
        Client = new WorkflowClient(host.Client);
        Clock = new SimulatedClockDriver(Client) { StepTimeout = TimeSpan.FromSeconds(30) };
    }

    public WorkflowClient Client { get; }

    public Microsoft.DurableTask.Client.DurableTaskClient Durable => _host.Client;

    public SimulatedClockDriver Clock { get; }

    public WorkflowTables Tables { get; }

    public RecordingEmailSender Emails { get; }

    public TableServiceClient Service { get; }

    public string Prefix { get; }

    /// <param name="outage">Fails the read model's storage while it says so (the engine itself is in memory).</param>
    public static async Task<WorkflowHost> StartAsync(RecordingEmailSender? emails = null, StorageOutage? outage = null)
    {
        var azurite = await AzuriteServer.SharedAsync();
        var options = new TableClientOptions();
        if (outage is not null) options.AddPolicy(outage, Azure.Core.HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var prefix = "wf" + Guid.NewGuid().ToString("N")[..10];
        var tables = new WorkflowTables(service, prefix);
        emails ??= new RecordingEmailSender();
        var loggers = Environment.GetEnvironmentVariable("WORKFLOW_TEST_LOG") is { Length: > 0 } log
            ? LoggerFactory.Create(b => b.AddProvider(new FileLoggerProvider(log)))
            : Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        // The test host's sidecar must be told its port (it builds its client's address from it): a free one, and
        // another if something takes it first.
        var host = await Listeners.StartOnFreePortAsync((port, cancellationToken) => DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddReportingCycle();
            registry.AddOrchestrator<TimerProbeOrchestrator>();
            registry.AddOrchestrator<StuckProbeOrchestrator>();
            registry.AddOrchestrator<ErrorProbeOrchestrator>();
        }, new DurableTaskTestHostOptions
        {
            Port = port,
            LoggerFactory = loggers,
            ConfigureServices = services =>
            {
                services.AddSingleton(tables);
                services.AddSingleton<IEmailEffectSender>(emails);
            },
        }, cancellationToken));
        return new WorkflowHost(host, tables, emails, service, prefix);
    }

    /// <summary>Waits until each instance shows a status (its loop is running).</summary>
    public Task WaitForStatusAsync(params string[] instanceIds) => WaitForStatusAsync(Client, TimeSpan.FromSeconds(30), instanceIds);

    internal static async Task WaitForStatusAsync(WorkflowClient client, TimeSpan limit, params string[] instanceIds)
    {
        using var timeout = new CancellationTokenSource(limit);
        foreach (var id in instanceIds)
            while (await client.GetStatusAsync(id, timeout.Token) is null)
                await Task.Delay(20, timeout.Token);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, or fails after 30 seconds saying what was awaited.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
                Assert.Fail($"Waited {seconds} s for {what}.");
            await Task.Delay(25);
        }
    }

    public Task<IReadOnlyList<TableEntity>> HistoryAsync(string instanceId) => Tables.HistoryAsync(instanceId);

    public Task<TableEntity?> SummaryAsync(string instanceId) => Tables.SummaryAsync(instanceId);

    public Task<IReadOnlyList<TableEntity>> RowsAsync(Task<TableClient> table, string partition) => table.RowsAsync(partition);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>
/// Stands in for the composer and transport at the activity's seam (those are tested against a real SendGrid-shaped
/// server in Email.Tests): it records every call, accepts each effect id once like the local mailbox does, and can be
/// told to fail in the ways providers and processes fail.
/// </summary>
internal sealed class RecordingEmailSender : IEmailEffectSender
{
    private readonly ConcurrentQueue<EmailEffect> _calls = new();
    private readonly ConcurrentDictionary<string, EmailEffect> _delivered = new();

    /// <summary>Every call, in order (a resend appears twice).</summary>
    public IReadOnlyList<EmailEffect> Calls => [.. _calls];

    /// <summary>Each delivered effect once, by id.</summary>
    public IReadOnlyCollection<EmailEffect> Delivered => [.. _delivered.Values];

    /// <summary>Answers the next N calls with "retry later" after this wait.</summary>
    public int BusyCalls { get; set; }

    public TimeSpan? BusyFor { get; set; }

    /// <summary>Crashes the next N calls after delivering (the process died between send and record).</summary>
    public int CrashAfterSendCalls { get; set; }

    /// <summary>Refuses templates in this set for good.</summary>
    public HashSet<string> Refuse { get; } = [];

    public IReadOnlyList<EmailEffect> Of(string template) => [.. Delivered.Where(e => e.Template == template).OrderBy(e => e.Id, StringComparer.Ordinal)];

    private TaskCompletionSource? _hold;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>From now on every call waits, before it does anything, until <see cref="Release"/>: an email activity in flight.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a call is waiting on <see cref="Hold"/>.</summary>
    public Task Held => _held.Task;

    /// <summary>Lets every held call, and every later one, go on.</summary>
    public void Release() => _hold?.TrySetResult();

    public async Task<EmailOutcome> SendAsync(EmailEffect email, CancellationToken cancellationToken)
    {
        if (_hold is { } hold)
        {
            _held.TrySetResult();
            await hold.Task.WaitAsync(cancellationToken);
        }
        return await SendNowAsync(email);
    }

    private Task<EmailOutcome> SendNowAsync(EmailEffect email)
    {
        _calls.Enqueue(email);
        if (Refuse.Contains(email.Template))
            return Task.FromResult<EmailOutcome>(new EmailOutcome.Parked("The provider refused it (400: invalid address)."));
        lock (this)
        {
            if (BusyCalls > 0)
            {
                BusyCalls--;
                return Task.FromResult<EmailOutcome>(new EmailOutcome.RetryLater(BusyFor, "429 Too Many Requests"));
            }
        }
        _delivered.TryAdd(email.Id, email);
        lock (this)
        {
            if (CrashAfterSendCalls > 0)
            {
                CrashAfterSendCalls--;
                throw new IOException("The worker died after the provider accepted the message.");
            }
        }
        return Task.FromResult<EmailOutcome>(new EmailOutcome.Sent());
    }
}
