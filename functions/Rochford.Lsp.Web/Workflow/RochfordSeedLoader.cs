using NodaTime;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>
/// On first start with empty storage, loads the Rochford partnership from the seed documents: starts the partnership's
/// instance (its people, defaults and stream ledgers), then one reporting cycle per funded project, monitored from today's date (the simulated date when the clock is simulated).
/// </summary>
internal static class RochfordSeedLoader
{
    /// <summary>Starts each seeded project's cycle unless it exists; returns how many were started now.</summary>
    public static async Task<int> LoadIfEmptyAsync(WorkflowClient workflow, ProjectStates<ProjectState> projects, WorkflowSettings settings, TimeProvider time,
        ILogger logger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Instant.FromDateTimeOffset(now).InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date;
        // The partnership first, with the seed's awards as its stream's money: each project's award leaves that ledger as
        // the project starts, and the engine delivers events to an instance only once it exists.
        // Projects that already run (storage from before the partnership had an instance) open their ledger accounts where
        // their money stands; on empty storage there are none.
        var existing = (await projects.ListAsync(cancellationToken)).Select(p => p.State).ToList();
        var partnership = PartnershipStart.ForProjects(RochfordSeed.Contacts, CycleSettings.Default, RochfordSeed.Partnership.Projects,
            existing.Count > 0 ? existing : null);
        await workflow.StartAsync(PartnershipCycle.InstanceId, partnership.ToJson(), settings.Clock, now, cancellationToken, PartnershipOrchestrator.Name);
        // Independent instances: start them together, so a first start is not eight round trips long. A project that
        // exists already is left alone (StartAsync says so), so a restart changes nothing.
        var started = await Task.WhenAll(RochfordSeed.Partnership.Projects.Select(project =>
            workflow.StartAsync(ReportingCycle.InstanceIdFor(project.Code), RochfordSeed.StartPayloadFor(project.Code, today).ToJson(),
                settings.Clock, now, cancellationToken)));
        // Ready means recorded: the sign-in page lists the partnership's officers and the pages its projects, so the start
        // is not over until each instance has committed its first transition (a few hundred milliseconds here).
        await workflow.WaitUntilStartedAsync(RochfordSeed.Partnership.Projects.Select(p => ReportingCycle.InstanceIdFor(p.Code)).Prepend(PartnershipCycle.InstanceId),
            TimeSpan.FromSeconds(60), cancellationToken);
        var count = started.Count(s => s);
        if (count > 0)
            logger.LogInformation("Loaded the Rochford partnership: started {Count} reporting cycles, monitored from {Today}", count, today);
        return count;
    }
}
