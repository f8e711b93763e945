namespace Rochford.Lsp.Web.Workflow;

/// <summary>How the app runs its workflows. Bound from the "Workflow" configuration section.</summary>
public sealed class WorkflowOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Workflow";

    /// <summary>
    /// The Durable Task hub: the engine's queues, tables and lease blobs are named after it. Empty means one derived from
    /// Storage:TablePrefix ("lsp" gives "lsphub"), so two environments sharing an account never share a hub.
    /// </summary>
    public string? TaskHub { get; set; }

    /// <summary>How often the app checks whether the Executive's quarterly digest is due (locally; in Azure a timer does).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The task hub name to use with table prefix <paramref name="tablePrefix"/>.</summary>
    /// <remarks>A hub name is 3 to 45 letters and digits starting with a letter. It must differ from the table prefix:
    /// table names ignore case, and the engine's "{hub}History" table would otherwise be the read model's "{prefix}history".</remarks>
    public string TaskHubFor(string tablePrefix)
    {
        if (!string.IsNullOrWhiteSpace(TaskHub)) return TaskHub;
        var clean = new string(tablePrefix.Where(char.IsAsciiLetterOrDigit).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0])) clean = "lsp" + clean;
        return (clean.Length > 42 ? clean[..42] : clean) + "hub";
    }
}

/// <summary>The local simulated clock. Bound from the "Clock" section; <c>Clock__SimulatedStart=2010-03-01T09:00:00Z ./run.sh</c>.</summary>
public sealed class ClockOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Clock";

    /// <summary>
    /// When set, the app runs on a simulated clock starting here (or where it was when the app last stopped, if later),
    /// moved by POST /dev/clock. Never in Azure.
    /// </summary>
    public DateTimeOffset? SimulatedStart { get; set; }
}

/// <summary>Where the app is running (the pages' name for <see cref="Platform"/>).</summary>
public static class Hosting
{
    /// <summary>True in Azure: development-only features are refused. See <see cref="Platform.IsAzure"/>.</summary>
    public static bool IsAzure => Platform.IsAzure;
}
