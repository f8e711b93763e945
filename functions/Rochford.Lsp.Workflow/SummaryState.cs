// The decider's state kept on the project's summary row, so pages read a project as its last transition left it
// without touching the orchestration (ARCHITECTURE.md: pages read the read model). A table property holds at most
// 32K characters, so the JSON is split over numbered properties; an entity holds at most 1 MiB, which bounds it.

using Azure.Data.Tables;

namespace Rochford.Lsp.Workflow;

/// <summary>Writes and reads the state JSON on a summary row.</summary>
public static class SummaryState
{
    /// <summary>Characters per property: under the service's 32K-character (64 KiB) limit for a string.</summary>
    public const int ChunkLength = 30_000;

    /// <summary>At most this many chunks (about 900 KB of UTF-16), leaving room in the 1 MiB entity for the other fields.</summary>
    public const int MaxChunks = 30;

    /// <summary>Puts <paramref name="json"/> on <paramref name="row"/>.</summary>
    /// <exception cref="InvalidOperationException">The state is too large for one table row.</exception>
    public static void Write(TableEntity row, string json, int version)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(json);
        var chunks = json.Chunk(ChunkLength).Select(c => new string(c)).ToList();
        if (chunks.Count > MaxChunks)
            throw new InvalidOperationException(
                $"The state of {row.RowKey} is {json.Length:N0} characters, more than a table row holds ({ChunkLength * MaxChunks:N0}).");
        row["StateVersion"] = version;
        row["StateChunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
            row[$"State{i:D2}"] = chunks[i];
    }

    /// <summary>The state JSON and its version on <paramref name="row"/>, or null when the row carries none.</summary>
    public static (string Json, int Version)? Read(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.GetInt32("StateChunks") is not { } count || row.GetInt32("StateVersion") is not { } version)
            return null;
        var json = string.Concat(Enumerable.Range(0, count).Select(i => row.GetString($"State{i:D2}") ?? ""));
        return (json, version);
    }
}
