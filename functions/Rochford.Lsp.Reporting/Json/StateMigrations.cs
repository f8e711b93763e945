// Reads state rows written by older versions of ReportingCycle into the current shape (ARCHITECTURE.md rule 4: state is
// data, migrated explicitly). Pure: the ids of texts that version 1 kept in the state are their content hashes,
// exactly the ids the page gives the same texts now, so "already handled" still recognises a redelivered report.

using System.Text.Json;
using System.Text.Json.Nodes;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting.Json;

/// <summary>Migrations of stored <see cref="ProjectState"/> JSON.</summary>
internal static class StateMigrations
{
    /// <summary>
    /// Version 1 kept every version of every quarter's report with its texts, and every interim update with its comments.
    /// Version 2 keeps, per quarter, the latest version's number, status, text id, time, lateness and sender; for a Red
    /// watch, the latest update (status, id, time, sender) and how many came; and only the most recent quarters.
    /// </summary>
    public static ProjectState FromVersion1(string json)
    {
        var options = ReportingCycle.StateJson;
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("The stored reporting cycle state is empty.");
        if (Property(root, "quarters") is JsonArray quarters)
        {
            foreach (var quarter in quarters.OfType<JsonObject>())
            {
                var label = FinancialQuarter.Parse(Property(quarter, "quarter")!.GetValue<string>());
                var versions = Property(quarter, "versions") as JsonArray ?? [];
                Remove(quarter, "versions", "latest", "isOutstanding");
                if (versions.LastOrDefault() is JsonObject latest)
                {
                    var report = Property(latest, "report").Deserialize<ReportContent>(options)
                                 ?? throw new InvalidOperationException($"A stored {label} report version has no report.");
                    quarter["latest"] = JsonSerializer.SerializeToNode(new ReportVersion(
                        Property(latest, "version")!.GetValue<int>(), report.Status, ReportIds.For(label, report),
                        Property(latest, "receivedAt").Deserialize<DateTimeOffset>(options), Property(latest, "late")?.GetValue<bool>() ?? false,
                        Property(latest, "submittedBy")?.GetValue<string>()), options);
                }
            }
        }
        if (Property(root, "red") is JsonObject red)
        {
            var updates = Property(red, "updates") as JsonArray ?? [];
            Remove(red, "updates");
            if (updates.LastOrDefault() is JsonObject last)
            {
                var status = Property(last, "status").Deserialize<Rag>(options);
                red["latestUpdate"] = JsonSerializer.SerializeToNode(new InterimUpdate(
                    status, ReportIds.ForUpdate(status, Property(last, "comments")?.GetValue<string>() ?? ""),
                    Property(last, "receivedAt").Deserialize<DateTimeOffset>(options), Property(last, "submittedBy")?.GetValue<string>()), options);
            }
            red["updatesReceived"] = updates.Count;
        }
        var state = root.Deserialize<ProjectState>(options) ?? throw new InvalidOperationException("The stored reporting cycle state is empty.");
        return QuarterlyReports.DropOldQuarters(state);
    }

    /// <summary>
    /// Every text a version 1 row holds: each version of each quarter's report (not only the latest, nor only the quarters
    /// version 2 keeps) and each interim update, under the ids <see cref="FromVersion1"/> gives them. Version 2 keeps only the
    /// ids, so these are written to the reports table before a version 2 row replaces the version 1 one.
    /// </summary>
    public static StateTexts TextsOfVersion1(string json)
    {
        var options = ReportingCycle.StateJson;
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("The stored reporting cycle state is empty.");
        var reports = new List<StateReportText>();
        foreach (var quarter in (Property(root, "quarters") as JsonArray ?? []).OfType<JsonObject>())
        {
            var label = FinancialQuarter.Parse(Property(quarter, "quarter")!.GetValue<string>());
            foreach (var version in (Property(quarter, "versions") as JsonArray ?? []).OfType<JsonObject>())
            {
                var report = Property(version, "report").Deserialize<ReportContent>(options)
                             ?? throw new InvalidOperationException($"A stored {label} report version has no report.");
                reports.Add(new StateReportText(label, ReportIds.For(label, report), report, Property(version, "submittedBy")?.GetValue<string>(),
                    Property(version, "receivedAt").Deserialize<DateTimeOffset>(options)));
            }
        }
        var updates = new List<StateUpdateText>();
        if (Property(root, "red") is JsonObject red)
        {
            foreach (var update in (Property(red, "updates") as JsonArray ?? []).OfType<JsonObject>())
            {
                var status = Property(update, "status").Deserialize<Rag>(options);
                var comments = Property(update, "comments")?.GetValue<string>() ?? "";
                updates.Add(new StateUpdateText(ReportIds.ForUpdate(status, comments), status, comments, Property(update, "submittedBy")?.GetValue<string>(),
                    Property(update, "receivedAt").Deserialize<DateTimeOffset>(options)));
            }
        }
        return new StateTexts(reports, updates);
    }

    // The runtime's options read names ignoring case; do the same here.
    private static JsonNode? Property(JsonObject node, string name) =>
        node.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static void Remove(JsonObject node, params string[] names)
    {
        foreach (var key in node.Select(p => p.Key).Where(k => names.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
            node.Remove(key);
    }
}

/// <summary>The texts an older state row held in the state itself (see <see cref="ReportingCycle.TextsIn"/>).</summary>
public sealed record StateTexts(IReadOnlyList<StateReportText> Reports, IReadOnlyList<StateUpdateText> Updates)
{
    /// <summary>No texts: what rows of version 2 and later hold.</summary>
    public static StateTexts None { get; } = new([], []);
}

/// <summary>A version of a quarterly report as an older state row held it, with the id version 2 refers to it by.</summary>
public sealed record StateReportText(FinancialQuarter Quarter, string ReportId, ReportContent Content, string? SubmittedBy, DateTimeOffset ReceivedAt);

/// <summary>An interim update as an older state row held it, with the id version 2 refers to it by.</summary>
public sealed record StateUpdateText(string UpdateId, Rag Status, string Comments, string? SubmittedBy, DateTimeOffset ReceivedAt);
