// How the runtime lays its data out in Table Storage.
//
// Table "{prefix}workflow": one partition per instance, so one transition is one entity-group transaction:
//   "state"                         the instance's state (JSON, split into 30,000-character chunks), sequence, status, next wake-up
//   "history_{seq:D10}_{i:D3}"      history events, append-only
//   "input_{sha256(inputId)}"       one marker per delivered input id: a repeated id fails the transaction (idempotency)
//   "outbox_{seq:D10}_{i:D3}"       effects awaiting delivery, with their delivery state
// Table "{prefix}workflowindex", partition "index":
//   "due_{ticks:D19}_{kind}_{id}"   what a tick must look at, ordered by due time: "wake" (durable timer) or "outbox" (undelivered effects)
//   "instance_{id}"                 a summary per instance for listings (written after commit; refreshed by ticks)

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rochford.Lsp.Tables;

namespace Rochford.Lsp.Durable.Storage;

internal static class WorkflowRows
{
    public const string StateRow = "state";
    public const string HistoryPrefix = "history_";
    public const string OutboxPrefix = "outbox_";
    public const string InputPrefix = "input_";
    public const string IndexPartition = "index";
    public const string DuePrefix = "due_";
    public const string SummaryPrefix = "instance_";
    private const int ChunkChars = 30_000;

    public static string HistoryKey(long seq, int i) => $"{HistoryPrefix}{seq:D10}_{i:D3}";
    public static string OutboxKey(long seq, int i) => $"{OutboxPrefix}{seq:D10}_{i:D3}";

    /// <summary>Input ids are arbitrary caller text; hashing gives a valid, fixed-length key.</summary>
    public static string InputKey(string inputId) =>
        InputPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputId)))[..40];

    public static string DueKey(DateTimeOffset due, DueKind kind, string instanceId) =>
        $"{DuePrefix}{due.UtcTicks:D19}_{(kind == DueKind.Wake ? "wake" : "outbox")}_{instanceId}";

    /// <summary>The exclusive upper bound of due keys at <paramref name="now"/>: every key due at or before it sorts below.</summary>
    public static string DueUpperBound(DateTimeOffset now) => $"{DuePrefix}{now.UtcTicks:D19}_~";

    public static string SummaryKey(string instanceId) => SummaryPrefix + instanceId;

    /// <summary>A prefix range filter: RowKey ge 'prefix' and RowKey lt 'prefix' with its last character incremented.</summary>
    public static string PrefixFilter(string partition, string prefix)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {upper}");
    }

    // ---- state ----

    public sealed record StateRowData(
        string InstanceId, string Name, int Version, string StateJson, long Sequence, string Status,
        DateTimeOffset? NextWakeUp, bool IsCompleted, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Azure.ETag ETag);

    public static TableEntity ToEntity(StateRowData s)
    {
        var e = new TableEntity(s.InstanceId, StateRow)
        {
            ["Name"] = s.Name,
            ["Version"] = s.Version,
            ["Sequence"] = s.Sequence,
            ["Status"] = s.Status,
            ["IsCompleted"] = s.IsCompleted,
            ["CreatedAt"] = s.CreatedAt,
            ["UpdatedAt"] = s.UpdatedAt,
        };
        if (s.NextWakeUp is { } wake) e["NextWakeUp"] = wake;
        var chunks = Chunk(s.StateJson);
        e["StateChunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++) e[$"State{i}"] = chunks[i];
        return e;
    }

    public static StateRowData FromStateEntity(TableEntity e)
    {
        var count = e.GetInt32("StateChunks") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < count; i++) json.Append(e.GetString($"State{i}"));
        return new StateRowData(
            e.PartitionKey, e.GetString("Name") ?? "", e.GetInt32("Version") ?? 1, json.ToString(), e.GetInt64("Sequence") ?? 0,
            e.GetString("Status") ?? "", e.GetDateTimeOffset("NextWakeUp"), e.GetBoolean("IsCompleted") ?? false,
            e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("UpdatedAt") ?? default, e.ETag);
    }

    private static List<string> Chunk(string json)
    {
        var chunks = new List<string>();
        for (var i = 0; i < json.Length; i += ChunkChars) chunks.Add(json.Substring(i, Math.Min(ChunkChars, json.Length - i)));
        if (chunks.Count == 0) chunks.Add("");
        return chunks;
    }

    // ---- history ----

    public static TableEntity ToEntity(string instanceId, long seq, int i, DateTimeOffset at, string inputId, HistoryEvent ev) =>
        new(instanceId, HistoryKey(seq, i))
        {
            ["Sequence"] = seq,
            ["Index"] = i,
            ["At"] = at,
            ["InputId"] = inputId,
            ["Type"] = ev.Type,
            ["Explanation"] = ev.Explanation,
            ["Data"] = ev.DataJson,
        };

    public static HistoryRecord ToHistory(TableEntity e) =>
        new(e.PartitionKey, e.GetInt64("Sequence") ?? 0, e.GetInt32("Index") ?? 0, e.GetDateTimeOffset("At") ?? default,
            e.GetString("InputId") ?? "", e.GetString("Type") ?? "", e.GetString("Explanation") ?? "", e.GetString("Data") ?? "{}");

    // ---- outbox ----

    public sealed record OutboxRow(string InstanceId, long Sequence, int Index, Effect Effect, OutboxState State, int Attempts, string? LastError, DateTimeOffset CreatedAt, Azure.ETag ETag)
    {
        /// <summary>Set when the target refused a raised event and the sender has not yet been told (the row stays pending until it has).</summary>
        public string? RefusedReason { get; init; }
    }

    public static TableEntity ToEntity(string instanceId, long seq, int i, DateTimeOffset at, Effect effect) =>
        new(instanceId, OutboxKey(seq, i))
        {
            ["Sequence"] = seq,
            ["Index"] = i,
            ["CreatedAt"] = at,
            ["State"] = nameof(OutboxState.Pending),
            ["Attempts"] = 0,
            ["Effect"] = SerializeEffect(effect),
        };

    public static OutboxRow ToOutbox(TableEntity e) =>
        new(e.PartitionKey, e.GetInt64("Sequence") ?? 0, e.GetInt32("Index") ?? 0, DeserializeEffect(e.GetString("Effect") ?? "{}"),
            Enum.Parse<OutboxState>(e.GetString("State") ?? nameof(OutboxState.Pending)), e.GetInt32("Attempts") ?? 0,
            e.GetString("LastError"), e.GetDateTimeOffset("CreatedAt") ?? default, e.ETag)
        {
            RefusedReason = e.GetString("RefusedReason"),
        };

    private sealed record EffectEnvelope(string Kind, string? Template, string[]? To, string[]? Cc, string? ModelJson, string? Target, string? Name, string? PayloadJson);

    internal static string SerializeEffect(Effect effect) => JsonSerializer.Serialize(effect switch
    {
        Effect.SendEmail m => new EffectEnvelope("SendEmail", m.Template, [.. m.To], [.. m.Cc], m.ModelJson, null, null, null),
        Effect.RaiseEvent r => new EffectEnvelope("RaiseEvent", null, null, null, null, r.TargetInstanceId, r.Name, r.PayloadJson),
        _ => throw new ArgumentException($"Unknown effect {effect.GetType().Name}."),
    });

    internal static Effect DeserializeEffect(string json)
    {
        var e = JsonSerializer.Deserialize<EffectEnvelope>(json) ?? throw new InvalidDataException("Empty outbox effect.");
        return e.Kind switch
        {
            "SendEmail" => new Effect.SendEmail(e.Template ?? "", e.To ?? [], e.Cc ?? [], e.ModelJson ?? "{}"),
            "RaiseEvent" => new Effect.RaiseEvent(e.Target ?? "", e.Name ?? "", e.PayloadJson ?? "{}"),
            _ => throw new InvalidDataException($"Unknown outbox effect kind '{e.Kind}'."),
        };
    }

    // ---- index ----

    public enum DueKind { Wake, Outbox }

    public sealed record DueRow(string InstanceId, DueKind Kind, DateTimeOffset DueAt, string RowKey, Azure.ETag ETag);

    public static TableEntity ToDueEntity(string instanceId, DueKind kind, DateTimeOffset due) =>
        new(IndexPartition, DueKey(due, kind, instanceId))
        {
            ["InstanceId"] = instanceId,
            ["Kind"] = kind.ToString(),
            ["DueAt"] = due,
        };

    public static DueRow ToDue(TableEntity e) =>
        new(e.GetString("InstanceId") ?? "", Enum.Parse<DueKind>(e.GetString("Kind") ?? nameof(DueKind.Wake)),
            e.GetDateTimeOffset("DueAt") ?? default, e.RowKey, e.ETag);

    public static TableEntity ToSummaryEntity(StateRowData s) =>
        new(IndexPartition, SummaryKey(s.InstanceId))
        {
            ["InstanceId"] = s.InstanceId,
            ["Name"] = s.Name,
            ["Status"] = s.Status,
            ["NextWakeUp"] = s.NextWakeUp is { } w ? w : null,
            ["HasWakeUp"] = s.NextWakeUp is not null,
            ["IsCompleted"] = s.IsCompleted,
            ["Sequence"] = s.Sequence,
            ["UpdatedAt"] = s.UpdatedAt,
        };

    public static InstanceSummary ToSummary(TableEntity e) =>
        new(e.GetString("InstanceId") ?? "", e.GetString("Name") ?? "", e.GetString("Status") ?? "",
            e.GetBoolean("HasWakeUp") == true ? e.GetDateTimeOffset("NextWakeUp") : null,
            e.GetBoolean("IsCompleted") ?? false, e.GetInt64("Sequence") ?? 0, e.GetDateTimeOffset("UpdatedAt") ?? default);
}
