namespace Rochford.Lsp.Web.Workflow;

/// <summary>How the app runs its workflows. Bound from the "Workflow" and "Clock" configuration sections.</summary>
public sealed class WorkflowOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Workflow";

    /// <summary>
    /// How often the local tick loop runs. In Azure the Functions timer trigger ticks instead
    /// (see functions/triggers/tick) and the loop is off.
    /// </summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many instances' emails the background delivery loop sends at once (for inputs people make on pages).</summary>
    public int DeliveryParallelism { get; set; } = 4;
}

/// <summary>The local simulated clock. Bound from the "Clock" section; <c>Clock__SimulatedStart=2010-03-01T09:00:00Z ./run.sh</c>.</summary>
public sealed class ClockOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Clock";

    /// <summary>When set, the app runs on a simulated clock starting here, moved by POST /dev/clock. Never in Azure.</summary>
    public DateTimeOffset? SimulatedStart { get; set; }
}

/// <summary>Where the app is running.</summary>
public static class Hosting
{
    /// <summary>True under the Azure Functions host (custom handler) or on App Service: development-only features are refused.</summary>
    public static bool IsAzure =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME"));
}
