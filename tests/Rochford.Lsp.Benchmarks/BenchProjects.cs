// Many funded projects for the benchmarks, started the way the app starts its seed: WorkflowClient.StartAsync on the
// app's task hub. The app's engine listens on a port private to its process, so this runs a host like the app's own
// (LocalDurableEngine, a worker with the reporting-cycle orchestrator and its activities, a client) on the same storage,
// task hub and table prefix, waits until every project has recorded its start, and stops before the app starts.

using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Rochford.Lsp.LocalEngine;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Web.Workflow;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Benchmarks;

/// <summary>Benchmark projects BEN0001, BEN0002, ...: copies of the seed's ROC1, each with its own lead.</summary>
internal static class BenchProjects
{
    public static string Code(int i) => $"BEN{i + 1:D4}";

    public static string LeadEmail(string code) => $"{code.ToLowerInvariant()}.lead@example.org";

    /// <summary>
    /// Starts <paramref name="count"/> reporting cycles on the simulated clock at <paramref name="at"/> in the app's hub and
    /// tables for <paramref name="prefix"/>; returns how long scheduling took and how long until every start was recorded.
    /// </summary>
    /// <remarks>
    /// A client alone on the engine is not enough: the sidecar then never starts the storage provider, and stopping it
    /// throws (an unstarted AzureStorageOrchestrationService cannot be stopped). So the starts run here, on the same classes.
    /// </remarks>
    public static async Task<(TimeSpan Scheduled, TimeSpan Recorded)> StartAsync(string connectionString, string prefix, int count, DateTimeOffset at)
    {
        var clock = Stopwatch.StartNew();
        var hub = new WorkflowOptions().TaskHubFor(prefix);
        await using var engine = await LocalDurableEngine.StartAsync(new LocalEngineOptions { StorageConnectionString = connectionString, TaskHubName = hub });
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(new WorkflowTables(new TableServiceClient(connectionString), prefix));
        builder.Services.AddSingleton<IEmailEffectSender, NoEmailAtStart>();
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(engine.Address);
            b.AddTasks(r =>
            {
                r.AddReportingCycle();
            });
        });
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(engine.Address));
        using var host = builder.Build();
        await host.StartAsync();

        var workflow = new WorkflowClient(host.Services.GetRequiredService<DurableTaskClient>());
        var template = RochfordSeed.Partnership.Project("ROC1");
        var monitoringStarts = Instant.FromDateTimeOffset(at).InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date;
        // The partnership first, as the app's seed does: every project's award goes to its one ledger, a single instance.
        var total = new Money(template.AmountAwarded.Pence * count);
        var partnership = new PartnershipStart(RochfordSeed.Contacts, CycleSettings.Default, [new StreamTotal(template.FundingStream, total)]);
        await workflow.StartAsync(PartnershipCycle.InstanceId, partnership.ToJson(), WorkflowClock.Simulated, at, default, PartnershipOrchestrator.Name);
        var scheduling = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var code = Code(i);
            var project = template with { Code = code, Name = $"Benchmark project {i + 1}", Lead = new Person($"Lead {i + 1}", LeadEmail(code)) };
            var payload = new StartPayload(project, RochfordSeed.Contacts, CycleSettings.Default, monitoringStarts).ToJson();
            if (!await workflow.StartAsync(ReportingCycle.InstanceIdFor(code), payload, WorkflowClock.Simulated, at, ct))
                throw new InvalidOperationException($"{code} already exists in the hub: use fresh tables.");
        });
        var scheduled = scheduling.Elapsed;
        var readModel = new ReadModel(connectionString, prefix);
        await Figures.UntilAsync(async () => await readModel.ProjectCountAsync() >= count, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(15),
            $"{count} projects to record their start");
        var recorded = scheduling.Elapsed;
        await Figures.UntilAsync(async () => await readModel.PartnershipAwardedAsync() == total.Pence, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(15),
            $"the partnership's ledger to record {count} awards");
        var ledger = scheduling.Elapsed;
        // Stop only once every instance waits in its loop (its next execution has shown a status), so no work item is in
        // flight: one cut off by the stop would wait out its queue message's visibility timeout before the app could run it.
        await Figures.UntilAsync(async () => (await workflow.GetStatusesAsync()).Count >= count, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(15),
            $"{count} projects to wait for their first input");

        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // The worker's open stream can hold the stop; the engine's disposal ends it.
        }
        Figures.Progress($"benchmark host: scheduled {count} projects in {Figures.Seconds(scheduled)}, all recorded their start after {Figures.Seconds(recorded)}, "
            + $"the partnership's one ledger all {count} awards after {Figures.Seconds(ledger)}; {Figures.Seconds(clock.Elapsed)} with the host's start and stop");
        Figures.Line($"partnership ledger: {count} awards recorded by one instance", $"{Figures.Seconds(ledger)} after scheduling began",
            "no goal; each award is one transition of the partnership's instance");
        return (scheduled, recorded);
    }

    /// <summary>Starting a reporting cycle sends no email; if one ever does, this says so loudly instead of losing it.</summary>
    private sealed class NoEmailAtStart : IEmailEffectSender
    {
        public Task<EmailOutcome> SendAsync(EmailEffect email, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"The benchmark host sends no email, but {email.InstanceId} asked for {email.Template} while starting.");
    }
}

/// <summary>The app's read model, read the way its pages read it (Azure.Data.Tables, through <see cref="WorkflowTables"/>).</summary>
internal sealed class ReadModel(string connectionString, string prefix)
{
    private readonly WorkflowTables _tables = new(new TableServiceClient(connectionString), prefix);

    /// <summary>How many projects have a summary row (have recorded their start).</summary>
    public async Task<int> ProjectCountAsync()
    {
        var projects = await _tables.ProjectsAsync(CancellationToken.None);
        var count = 0;
        await foreach (var _ in projects.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {WorkflowTables.ProjectsPartition}"), select: ["RowKey"]))
            count++;
        return count;
    }

    /// <summary>What the partnership's ledger has awarded, in pence, summed over its streams (0 before its first transition).</summary>
    public async Task<long> PartnershipAwardedAsync()
    {
        var projects = await _tables.ProjectsAsync(CancellationToken.None);
        var row = await projects.GetEntityIfExistsAsync<TableEntity>(WorkflowTables.PartnershipPartition, PartnershipCycle.InstanceId);
        if (!row.HasValue || row.Value!.GetString("StreamsJson") is not { } json) return 0;
        return System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Sum(s => s.GetProperty("awarded").GetInt64());
    }

    /// <summary>How many email-log rows of <paramref name="template"/> are in <paramref name="state"/>.</summary>
    public async Task<int> EmailCountAsync(string template, string state)
    {
        var log = await _tables.EmailLogAsync(CancellationToken.None);
        var count = 0;
        await foreach (var _ in log.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Template eq {template} and State eq {state}"), select: ["RowKey"]))
            count++;
        return count;
    }

    /// <summary>The transition whose history rows record an input whose id starts with <paramref name="inputIdPrefix"/>, or null.</summary>
    public async Task<long?> HistoryTransitionAsync(string instanceId, string inputIdPrefix)
    {
        var history = await _tables.HistoryAsync(CancellationToken.None);
        // Every id with the prefix sorts between the prefix and the prefix with its last character's successor.
        var upper = inputIdPrefix[..^1] + (char)(inputIdPrefix[^1] + 1);
        await foreach (var row in history.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and InputId ge {inputIdPrefix} and InputId lt {upper}"), select: ["Transition"]))
            return row.GetInt64("Transition");
        return null;
    }

    /// <summary>The state of the email-log row of <paramref name="template"/> sent by <paramref name="transition"/>, or null.</summary>
    public async Task<string?> EmailStateAsync(string instanceId, long transition, string template)
    {
        var log = await _tables.EmailLogAsync(CancellationToken.None);
        string from = WorkflowTables.RowKey(transition, 0), to = WorkflowTables.RowKey(transition + 1, 0);
        await foreach (var row in log.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {from} and RowKey lt {to} and Template eq {template}"), select: ["State"]))
            return row.GetString("State");
        return null;
    }
}
