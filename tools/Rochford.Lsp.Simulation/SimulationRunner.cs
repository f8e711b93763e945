// Runs a scenario on the real workflow: the seeded projects' reporting cycles as ReportingCycleOrchestrator instances on
// the in-memory Durable Task engine, with the read model in Table Storage (Azurite or a given account), on a simulated
// clock that the clock driver moves through every due wake-up, each scenario action raised at its time. The timeline is
// read back from what the workflow recorded.

using Azure.Data.Tables;
using NodaTime;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Simulation;

/// <summary>How far a simulation has got, for a progress line.</summary>
/// <param name="Now">The simulated time.</param>
/// <param name="From">The start of the simulated range.</param>
/// <param name="To">The end of the simulated range.</param>
/// <param name="ActionsDone">Scenario actions raised so far (applied or refused).</param>
/// <param name="ActionsTotal">Scenario actions in the range.</param>
/// <param name="Ticks">Due times the clock driver has woken instances at.</param>
public sealed record SimulationProgress(DateTimeOffset Now, DateTimeOffset From, DateTimeOffset To, int ActionsDone, int ActionsTotal, int Ticks)
{
    /// <summary>The share of the simulated range covered, 0 to 1.</summary>
    public double Fraction => To <= From ? 1 : Math.Clamp((Now - From) / (To - From), 0, 1);
}

/// <summary>Runs scenarios against storage.</summary>
/// <param name="connectionString">The Table Storage account for the read model; each run makes its own uniquely named tables in it.</param>
public sealed class SimulationRunner(string connectionString)
{
    /// <summary>When the projects' cycles are started on the first simulated day: before the day's 9am wake-ups.</summary>
    public static readonly LocalTime StartTime = new(8, 0);

    /// <summary>
    /// Runs <paramref name="scenario"/> from <paramref name="from"/> to the end of <paramref name="to"/> (London dates; the
    /// scenario's own when not given). Actions outside the range are skipped; refused actions are reported, not thrown.
    /// </summary>
    public async Task<SimulationResult> RunAsync(SimulationScenario scenario, LocalDate? from = null, LocalDate? to = null,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var first = from ?? scenario.From;
        var last = to ?? scenario.To;
        if (last < first) throw new ArgumentException($"The end date {last:uuuu-MM-dd} is before the start date {first:uuuu-MM-dd}.", nameof(to));
        var start = UkCalendar.At(first, StartTime);
        var end = UkCalendar.EndOf(last).AddSeconds(-1);
        var inRange = scenario.Actions.Where(a => a.Instant >= start && a.Instant <= end).OrderBy(a => a.Instant).ThenBy(a => a.Number).ToList();

        var tables = new WorkflowTables(new TableServiceClient(connectionString), "sim" + Guid.NewGuid().ToString("N")[..12]);
        await using var host = await SimulationHost.StartAsync(tables, cancellationToken: cancellationToken).ConfigureAwait(false);

        var now = start;
        var ticks = 0;
        var done = 0;
        void Report() => progress?.Report(new SimulationProgress(now, start, end, done, inRange.Count, ticks));
        var woken = new Callback<DateTimeOffset>(at =>
        {
            now = at;
            ticks++;
            Report();
        });

        // The partnership first: each project's award leaves its stream's ledger as the project starts.
        var partnership = PartnershipStart.ForProjects(RochfordSeed.Contacts, CycleSettings.Default, scenario.Projects.Select(p => RochfordSeed.Partnership.Project(p.Code)));
        await host.Client.StartAsync(PartnershipCycle.InstanceId, partnership.ToJson(), WorkflowClock.Simulated, start, cancellationToken, PartnershipOrchestrator.Name)
            .ConfigureAwait(false);
        await host.Client.WaitUntilStartedAsync([PartnershipCycle.InstanceId], host.Clock.StepTimeout, cancellationToken).ConfigureAwait(false);

        var instanceIds = scenario.Projects.Select(p => ReportingCycle.InstanceIdFor(p.Code)).ToList();
        foreach (var project in scenario.Projects)
        {
            var payload = RochfordSeed.StartPayloadFor(project.Code, project.MonitoringStarts).ToJson();
            await host.Client.StartAsync(ReportingCycle.InstanceIdFor(project.Code), payload, WorkflowClock.Simulated, start, cancellationToken).ConfigureAwait(false);
        }
        await host.Client.WaitUntilStartedAsync(instanceIds, host.Clock.StepTimeout, cancellationToken).ConfigureAwait(false);

        foreach (var action in inRange)
        {
            await host.Clock.AdvanceToAsync(action.Instant, woken, cancellationToken).ConfigureAwait(false);
            now = action.Instant;
            // The scenario's own id makes the input idempotent; its time is the simulated time it happens at.
            var instanceId = ReportingCycle.InstanceIdFor(action.Project);
            // As the page does: the lead's text is stored first, and the input refers to it.
            switch (action.Text)
            {
                case ReportForm report:
                    await host.Texts.SaveAsync(StoredReport.From(action.Project, report, action.Instant), cancellationToken).ConfigureAwait(false);
                    break;
                case InterimUpdateForm update:
                    await host.Texts.SaveAsync(StoredUpdate.From(action.Project, update, action.Instant), cancellationToken).ConfigureAwait(false);
                    break;
            }
            var before = await host.Client.ListAsync(cancellationToken).ConfigureAwait(false);
            await host.Client.RaiseAsync(instanceId, new WorkflowInput(action.EventId, action.Input, action.PayloadJson, action.Instant), cancellationToken)
                .ConfigureAwait(false);
            await host.Clock.WaitUntilHandledAsync([new SentInput(instanceId, action.EventId)], cancellationToken, before).ConfigureAwait(false);
            done++;
            Report();
        }
        await host.Clock.AdvanceToAsync(end, woken, cancellationToken).ConfigureAwait(false);
        now = end;
        Report();

        var instances = new List<InstanceRecord>();
        foreach (var id in instanceIds)
            instances.Add(await InstanceRecord.ReadAsync(host, id, cancellationToken).ConfigureAwait(false));
        var ledgers = await InstanceRecord.ReadPartnershipAsync(host, cancellationToken).ConfigureAwait(false);
        return SimulationResult.Build(scenario, first, last, inRange, ticks, instances, ledgers, host.Emails.Delivered, host.Raised.ById);
    }

    /// <summary>Reports synchronously, in order (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class Callback<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>A scenario action the reporting cycle refused, with its reason.</summary>
public sealed record RefusedAction(ScenarioAction Action, DateTimeOffset At, string Reason);
