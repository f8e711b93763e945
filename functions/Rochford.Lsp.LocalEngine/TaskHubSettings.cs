// The task hub settings the local engine shares with Durable Functions in Azure, read from the one place both take them:
// the repository's host.json (its extensions.durableTask section), embedded in this assembly when it is built.
// Checked by LocalEngineTests (tests/Rochford.Lsp.Workflow.Tests) against the file itself.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rochford.Lsp.LocalEngine;

/// <summary>
/// How the task hub is partitioned, leased, polled and loaded: the values of host.json's <c>extensions.durableTask</c>
/// section that the Azure Storage provider reads, so that the local engine runs the task hub as Azure does.
/// </summary>
/// <remarks>
/// <para>Durable Functions maps these host.json names onto the provider's settings (AzureStorageOptions and
/// DurableTaskOptions in the extension); the local engine maps them onto the same provider settings
/// (<see cref="LocalDurableEngine.CreateServiceSettings"/>). Every one must be written in host.json: a value left to a
/// default could differ between the extension's default and the provider's (the extension defaults the partition
/// manager to tables and the polling interval by plan; the provider does not).</para>
/// <para>Lease timings (the partition leases' interval, renewal and acquisition) are not host.json settings: Durable
/// Functions leaves them at the provider's defaults, and so does the local engine.</para>
/// </remarks>
public sealed record TaskHubSettings
{
    /// <summary>The manifest name of the embedded copy of the repository's host.json.</summary>
    public const string EmbeddedHostJson = "Rochford.Lsp.LocalEngine.host.json";

    /// <summary><c>storageProvider.partitionCount</c>: control queues (1 to 16). Fixed for a task hub once it is created.</summary>
    public required int PartitionCount { get; init; }

    /// <summary><c>storageProvider.useTablePartitionManagement</c>: partitions leased in a table (true) or with blob leases.</summary>
    public required bool UseTablePartitionManagement { get; init; }

    /// <summary><c>storageProvider.controlQueueVisibilityTimeout</c>: how long a dequeued orchestration message stays hidden
    /// unless renewed (Durable Functions requires 1 to 60 minutes). After a crash, a message the dead process held is seen
    /// again this long after it was taken.</summary>
    public required TimeSpan ControlQueueVisibilityTimeout { get; init; }

    /// <summary><c>storageProvider.workItemQueueVisibilityTimeout</c>: the same for an activity's message.</summary>
    public required TimeSpan WorkItemQueueVisibilityTimeout { get; init; }

    /// <summary><c>storageProvider.maxQueuePollingInterval</c>: the longest an idle worker waits between polls of its queues.</summary>
    public required TimeSpan MaxQueuePollingInterval { get; init; }

    /// <summary><c>maxConcurrentOrchestratorFunctions</c>: orchestration work items one worker runs at once.</summary>
    public required int MaxConcurrentOrchestratorFunctions { get; init; }

    /// <summary><c>maxConcurrentActivityFunctions</c>: activity work items one worker runs at once.</summary>
    public required int MaxConcurrentActivityFunctions { get; init; }

    /// <summary><c>useAppLease</c>: whether a worker must first hold the task hub's app lease, which keeps a second app (a
    /// deployment slot, say) off a shared hub. One app uses each hub here, so it is off, and a restarted local engine need
    /// not wait for a dead one's app lease.</summary>
    public required bool UseAppLease { get; init; }

    /// <summary>The settings of the repository's host.json, as embedded in this assembly.</summary>
    public static TaskHubSettings FromRepositoryHostJson() => Repository.Value;

    private static readonly Lazy<TaskHubSettings> Repository = new(() =>
    {
        using var stream = typeof(TaskHubSettings).Assembly.GetManifestResourceStream(EmbeddedHostJson)
            ?? throw new InvalidOperationException($"{EmbeddedHostJson} is not embedded in {typeof(TaskHubSettings).Assembly.GetName().Name}: see its .csproj.");
        using var reader = new StreamReader(stream);
        return FromHostJson(reader.ReadToEnd());
    });

    /// <summary>Reads the task hub settings from the text of a host.json.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or is not of its type.</exception>
    public static TaskHubSettings FromHostJson(string hostJson)
    {
        var root = JsonNode.Parse(hostJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var durableTask = Section(root, "extensions", "durableTask");
        var storage = Section(root, "extensions", "durableTask", "storageProvider");
        return new TaskHubSettings
        {
            PartitionCount = Int(storage, "partitionCount", StorageProvider),
            UseTablePartitionManagement = Bool(storage, "useTablePartitionManagement", StorageProvider),
            ControlQueueVisibilityTimeout = Time(storage, "controlQueueVisibilityTimeout", StorageProvider),
            WorkItemQueueVisibilityTimeout = Time(storage, "workItemQueueVisibilityTimeout", StorageProvider),
            MaxQueuePollingInterval = Time(storage, "maxQueuePollingInterval", StorageProvider),
            MaxConcurrentOrchestratorFunctions = Int(durableTask, "maxConcurrentOrchestratorFunctions"),
            MaxConcurrentActivityFunctions = Int(durableTask, "maxConcurrentActivityFunctions"),
            UseAppLease = Bool(durableTask, "useAppLease"),
        };
    }

    // host.json's names are matched ignoring case, as the Functions host reads them.
    private static JsonObject Section(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
            node = Property(node as JsonObject, name);
        return node as JsonObject ?? throw new InvalidOperationException(
            $"host.json has no {string.Join('.', path)} section: the local engine and Durable Functions in Azure both take the task hub settings from there.");
    }

    private static JsonNode? Property(JsonObject? node, string name) =>
        node?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private const string StorageProvider = "storageProvider.";

    private static int Int(JsonObject section, string name, string where = "") =>
        Property(section, name) is JsonValue value && value.TryGetValue<int>(out var number) ? number : throw Missing(where + name, "a whole number");

    private static bool Bool(JsonObject section, string name, string where = "") =>
        Property(section, name) is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : throw Missing(where + name, "true or false");

    private static TimeSpan Time(JsonObject section, string name, string where = "") =>
        Property(section, name) is JsonValue value && value.TryGetValue<string>(out var text)
            && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var time)
            ? time
            : throw Missing(where + name, "a time such as \"00:01:00\"");

    private static InvalidOperationException Missing(string name, string what) =>
        new($"host.json's extensions.durableTask has no usable {name} ({what}): the local engine and Durable Functions in Azure both take the task hub settings from there, so each must be written out.");
}
