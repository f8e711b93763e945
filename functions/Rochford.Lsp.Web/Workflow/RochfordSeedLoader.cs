using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>
/// On first start with empty storage, loads the Rochford partnership from the seed documents and starts one
/// reporting cycle per funded project, monitored from today's date (the simulated date when the clock is simulated).
/// </summary>
internal static class RochfordSeedLoader
{
    public static async Task<int> LoadIfEmptyAsync(DurableRuntime<ProjectState> runtime, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        if ((await runtime.ListInstancesAsync(cancellationToken)).Count > 0) return 0;
        var today = Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date;
        // The projects are independent instances (each its own partition and lock): start them together, so a
        // first start is not eight storage round trips long.
        var results = await Task.WhenAll(RochfordSeed.Partnership.Projects.Select(project =>
            runtime.StartAsync(ReportingCycle.InstanceIdFor(project.Code), RochfordSeed.StartPayloadFor(project.Code, today).ToJson(), cancellationToken)));
        var started = results.Count(r => r.Outcome == InputOutcome.Committed);
        logger.LogInformation("Loaded the Rochford partnership: started {Count} reporting cycles, monitored from {Today}", started, today);
        return started;
    }
}
