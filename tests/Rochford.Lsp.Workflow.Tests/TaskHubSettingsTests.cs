// One set of task hub settings (ARCHITECTURE.md, "Azure hosting"): the local engine runs the task hub with the values of the
// repository's host.json, the file Durable Functions reads in Azure. No storage is touched.
// Run: dotnet test tests/Rochford.Lsp.Workflow.Tests --filter TaskHubSettingsTests

using System.Text.Json.Nodes;
using DurableTask.AzureStorage;
using Rochford.Lsp.LocalEngine;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class TaskHubSettingsTests
{
    private static readonly string HostJsonText = File.ReadAllText(Path.Combine(AzuriteServer.RepositoryRoot(), "host.json"));
    private static readonly JsonNode DurableTask = JsonNode.Parse(HostJsonText)!["extensions"]!["durableTask"]!;
    private static readonly JsonNode StorageProvider = DurableTask["storageProvider"]!;

    [Fact]
    public void LocalEngine_RunsTheTaskHubWithHostJsonsSettings()
    {
        var local = LocalDurableEngine.CreateServiceSettings(new LocalEngineOptions { StorageConnectionString = "UseDevelopmentStorage=true" });

        // Read here straight from the file, as the Functions host reads it, not through TaskHubSettings.
        Assert.Equal(StorageProvider["partitionCount"]!.GetValue<int>(), local.PartitionCount);
        Assert.Equal(StorageProvider["useTablePartitionManagement"]!.GetValue<bool>(), local.UseTablePartitionManagement);
        Assert.False(local.UseLegacyPartitionManagement);
        Assert.Equal(TimeSpan.Parse(StorageProvider["controlQueueVisibilityTimeout"]!.GetValue<string>()), local.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.Parse(StorageProvider["workItemQueueVisibilityTimeout"]!.GetValue<string>()), local.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.Parse(StorageProvider["maxQueuePollingInterval"]!.GetValue<string>()), local.MaxQueuePollingInterval);
        Assert.Equal(DurableTask["maxConcurrentOrchestratorFunctions"]!.GetValue<int>(), local.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Equal(DurableTask["maxConcurrentActivityFunctions"]!.GetValue<int>(), local.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(DurableTask["useAppLease"]!.GetValue<bool>(), local.UseAppLease);

        // Partition leases are no host.json setting: Durable Functions leaves them at the provider's defaults, and so must this.
        var provider = new AzureStorageOrchestrationServiceSettings();
        Assert.Equal(provider.LeaseInterval, local.LeaseInterval);
        Assert.Equal(provider.LeaseRenewInterval, local.LeaseRenewInterval);
        Assert.Equal(provider.LeaseAcquireInterval, local.LeaseAcquireInterval);
    }

    [Fact]
    public void TheLocalEnginesCopyOfHostJson_IsTheRepositorysHostJson()
    {
        using var stream = typeof(TaskHubSettings).Assembly.GetManifestResourceStream(TaskHubSettings.EmbeddedHostJson);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);

        Assert.Equal(HostJsonText, reader.ReadToEnd());
    }

    [Fact]
    public void HostJson_HoldsValuesDurableFunctionsAccepts()
    {
        var settings = TaskHubSettings.FromHostJson(HostJsonText);

        // The extension refuses to start outside these (AzureStorageOptions.Validate).
        Assert.InRange(settings.PartitionCount, 1, 16);
        Assert.InRange(settings.ControlQueueVisibilityTimeout, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(60));
        Assert.True(settings.MaxQueuePollingInterval > TimeSpan.Zero);
        Assert.True(settings.MaxConcurrentActivityFunctions > 0 && settings.MaxConcurrentOrchestratorFunctions > 0);
    }

    [Fact]
    public void HostJson_WithoutASettingWritten_IsRefusedNamingTheSetting()
    {
        var host = JsonNode.Parse(HostJsonText)!;
        host["extensions"]!["durableTask"]!["storageProvider"]!.AsObject().Remove("partitionCount");

        var error = Assert.Throws<InvalidOperationException>(() => TaskHubSettings.FromHostJson(host.ToJsonString()));

        Assert.Contains("partitionCount", error.Message, StringComparison.Ordinal);
    }
}
