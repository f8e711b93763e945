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
        var started = 0;
        foreach (var project in RochfordSeed.Partnership.Projects)
        {
            var payload = RochfordSeed.StartPayloadFor(project.Code, today).ToJson();
            var result = await runtime.StartAsync(ReportingCycle.InstanceIdFor(project.Code), payload, cancellationToken);
            if (result.Outcome == InputOutcome.Committed) started++;
        }
        logger.LogInformation("Loaded the Rochford partnership: started {Count} reporting cycles, monitored from {Today}", started, today);
        return started;
    }
}
