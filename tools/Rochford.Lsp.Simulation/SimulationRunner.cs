// Runs a scenario on the real runtime: the seeded projects' reporting cycles on a DurableRuntime over Table
// Storage (Azurite or a given account), a simulated clock driven tick by tick through every due wake-up, each
// scenario action raised at its time. The timeline is read back from the instances' history and outboxes.

using System.Collections.Concurrent;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Tables;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Simulation;

/// <summary>How far a simulation has got, for a progress line.</summary>
/// <param name="Now">The simulated time.</param>
/// <param name="From">The start of the simulated range.</param>
/// <param name="To">The end of the simulated range.</param>
/// <param name="ActionsDone">Scenario actions raised so far (applied or refused).</param>
/// <param name="ActionsTotal">Scenario actions in the range.</param>
/// <param name="Ticks">Runtime ticks that found something due.</param>
public sealed record SimulationProgress(DateTimeOffset Now, DateTimeOffset From, DateTimeOffset To, int ActionsDone, int ActionsTotal, int Ticks)
{
    /// <summary>The share of the simulated range covered, 0 to 1.</summary>
    public double Fraction => To <= From ? 1 : Math.Clamp((Now - From) / (To - From), 0, 1);
}

/// <summary>Records every email the runtime sends (in memory) instead of sending it.</summary>
public sealed class RecordingEmailDispatcher : IEffectDispatcher
{
    /// <summary>Every delivery, in order.</summary>
    public ConcurrentQueue<OutboxMessage> Sent { get; } = new();

    /// <inheritdoc />
    public Task<DispatchOutcome> DispatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.FromResult(DispatchOutcome.Done);
    }
}

/// <summary>Runs scenarios against storage.</summary>
/// <param name="connectionString">The Table Storage account to use; each run makes its own uniquely named tables in it.</param>
public sealed class SimulationRunner(string connectionString)
{
    /// <summary>When the projects' cycles are started on the first simulated day: before the day's 9am timers.</summary>
    public static readonly LocalTime StartTime = new(8, 0);

    /// <summary>
    /// Runs <paramref name="scenario"/> from <paramref name="from"/> to the end of <paramref name="to"/> (London dates; the
    /// scenario's own when not given). Actions outside the range are skipped; refused actions are reported, not thrown.
    /// </summary>
    public async Task<SimulationResult> RunAsync(SimulationScenario scenario, LocalDate? from = null, LocalDate? to = null,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var first = from ?? scenario.From;
        var last = to ?? scenario.To;
        if (last < first) throw new ArgumentException($"The end date {last:uuuu-MM-dd} is before the start date {first:uuuu-MM-dd}.", nameof(to));
        var start = UkCalendar.At(first, StartTime);
        var end = UkCalendar.EndOf(last).AddSeconds(-1);
        var inRange = scenario.Actions.Where(a => a.Instant >= start && a.Instant <= end).OrderBy(a => a.Instant).ThenBy(a => a.Number).ToList();

        var clock = new SimulatedClock(start);
        var mail = new RecordingEmailDispatcher();
        var workflowTable = new TableClient(connectionString, AzuriteServer.UniqueTableName("simworkflow"));
        var indexTable = new TableClient(connectionString, AzuriteServer.UniqueTableName("simindex"));
        var runtime = new DurableRuntime<ProjectState>(new ReportingCycle(), workflowTable, indexTable, mail, clock);
        await runtime.InitializeAsync(cancellationToken).ConfigureAwait(false);

        var ticks = 0;
        var done = 0;
        void Report() => progress?.Report(new SimulationProgress(clock.GetUtcNow(), start, end, done, inRange.Count, ticks));
        var tickProgress = new Callback<(DateTimeOffset At, TickResult Result)>(_ =>
        {
            ticks++;
            Report();
        });

        foreach (var project in scenario.Projects)
        {
            var payload = RochfordSeed.StartPayloadFor(project.Code, project.MonitoringStarts).ToJson();
            await runtime.StartAsync(ReportingCycle.InstanceIdFor(project.Code), payload, cancellationToken).ConfigureAwait(false);
        }

        var refused = new List<RefusedAction>();
        foreach (var action in inRange)
        {
            await ClockDriver.AdvanceAsync(runtime, clock, action.Instant, tickProgress, cancellationToken).ConfigureAwait(false);
            try
            {
                await runtime.RaiseEventAsync(ReportingCycle.InstanceIdFor(action.Project), action.Input, action.EventId, action.PayloadJson, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InputRefusedException or InstanceNotFoundException)
            {
                refused.Add(new RefusedAction(action, clock.GetUtcNow(), ex.Message));
            }
            done++;
            Report();
        }
        await ClockDriver.AdvanceAsync(runtime, clock, end, tickProgress, cancellationToken).ConfigureAwait(false);
        Report();

        var instances = new List<InstanceRecord>();
        foreach (var project in scenario.Projects)
        {
            var id = ReportingCycle.InstanceIdFor(project.Code);
            var snapshot = await runtime.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The instance {id} disappeared during the simulation.");
            instances.Add(new InstanceRecord(snapshot,
                await runtime.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false),
                await runtime.GetOutboxAsync(id, cancellationToken).ConfigureAwait(false)));
        }
        return SimulationResult.Build(scenario, first, last, inRange.Count, scenario.Actions.Count - inRange.Count, refused, ticks, instances);
    }

    /// <summary>Reports synchronously, in order (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class Callback<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>What one instance looked like at the end.</summary>
public sealed record InstanceRecord(InstanceSnapshot<ProjectState> Snapshot, IReadOnlyList<HistoryRecord> History, IReadOnlyList<OutboxRecord> Outbox);

/// <summary>A scenario action the reporting cycle refused, with its reason.</summary>
public sealed record RefusedAction(ScenarioAction Action, DateTimeOffset At, string Reason);
