// The in-memory Durable Task engine (real replay, ContinueAsNew, SendEvent) running the reporting-cycle orchestrator and
// its activities, with the read model in Table Storage. The one class that uses the preview InProcessTestHost package.

using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Simulation;

/// <summary>A running engine with the workflow registered; dispose to stop it.</summary>
public sealed class SimulationHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private SimulationHost(DurableTaskTestHost host, WorkflowTables tables, RecordingEmailSender emails, RaisedInputLog raised, InMemoryReportTexts texts)
    {
        _host = host;
        Texts = texts;
        Tables = tables;
        Emails = emails;
        Raised = raised;
        Client = new WorkflowClient(host.Client);
        Clock = new SimulatedClockDriver(Client);
    }

    /// <summary>Starts instances and raises inputs on them.</summary>
    public WorkflowClient Client { get; }

    /// <summary>Moves the instances' simulated clock forward.</summary>
    public SimulatedClockDriver Clock { get; }

    /// <summary>The read model the activities write.</summary>
    public WorkflowTables Tables { get; }

    /// <summary>The texts leads sent (reports, interim updates), which the workflow's inputs refer to by id.</summary>
    public InMemoryReportTexts Texts { get; }

    /// <summary>The emails the workflow sent.</summary>
    public RecordingEmailSender Emails { get; }

    /// <summary>The inputs the instances raised on each other.</summary>
    public RaisedInputLog Raised { get; }

    /// <summary>Starts the engine with the reporting-cycle and partnership orchestrators and their activities, writing to <paramref name="tables"/>.</summary>
    public static async Task<SimulationHost> StartAsync(WorkflowTables tables, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        QuietenSidecarLogging();
        var emails = new RecordingEmailSender();
        var raised = new RaisedInputLog();
        var texts = new InMemoryReportTexts();
        // The test host's sidecar must be told its port (it builds its client's address from it): a free one, and another
        // if something takes it first (Rochford.Lsp.Testing.Listeners).
        var host = await Listeners.StartOnFreePortAsync((port, ct) => DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestrator(ReportingCycleOrchestrator.Name, () => raised.Observe(new ReportingCycleOrchestrator(), loggerFactory));
            registry.AddOrchestrator<PartnershipOrchestrator>();
            registry.AddActivity<RecordTransitionActivity>();
            registry.AddActivity<RecordRefusalActivity>();
            registry.AddActivity<SendEmailsActivity>();
        }, new DurableTaskTestHostOptions
        {
            Port = port,
            LoggerFactory = loggerFactory,
            ConfigureServices = services =>
            {
                services.AddSingleton(tables);
                services.AddSingleton<IEmailEffectSender>(emails);
                services.AddSingleton<IReportTexts>(texts);
            },
        }, ct), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SimulationHost(host, tables, emails, raised, texts);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>
    /// The test host's gRPC sidecar is a default ASP.NET Core host that logs every request to the console's stdout, where the
    /// timeline goes, and takes no logger. Its only knob is configuration from environment variables: send its console log
    /// to stderr, warnings and worse only. Settings the caller made are left alone (set them to see the sidecar's log).
    /// </summary>
    private static void QuietenSidecarLogging()
    {
        foreach (var (name, value) in new[] { ("Logging__LogLevel__Default", "Warning"), ("Logging__Console__LogToStandardErrorThreshold", "Trace") })
        {
            if (Environment.GetEnvironmentVariable(name) is null)
                Environment.SetEnvironmentVariable(name, value);
        }
    }
}
