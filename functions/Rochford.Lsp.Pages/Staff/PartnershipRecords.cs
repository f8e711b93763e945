// What the quarterly performance pack and the CSV exports read: every project's recorded state, the texts leads sent,
// the history trail, the email log with SendGrid's delivery events, and the quarterly digests. Only the read model
// (ARCHITECTURE.md rule 6): nothing here asks the orchestrations anything, and nothing here writes.

using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Rochford.Lsp.Email.Events;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Services.Mail;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>One project in the pack: its status for the quarter and, when it reported, what the lead wrote.</summary>
/// <param name="Profile">The project.</param>
/// <param name="Record">Its record of the quarter; null when the quarter was never asked of it.</param>
/// <param name="Status">The quarter's status: the report's, or Red when no report came; null while none is known.</param>
/// <param name="StatusText">The status in words ("Green", "Red: no report received", "Not yet received: due by 15 Apr 2010").</param>
/// <param name="Text">What the lead sent; null when there is no report or its text cannot be found.</param>
/// <param name="TextMissing">True when a report was received but its text is not in the reports table.</param>
public sealed record PackProject(ProjectProfile Profile, QuarterReport? Record, Rag? Status, string StatusText, ReportContent? Text, bool TextMissing);

/// <summary>A strategic priority with its indicators and the projects that serve it.</summary>
public sealed record PackPriority(StrategicPriority Priority, IReadOnlyList<PackProject> Projects)
{
    /// <summary>"2 Green, 1 Amber, 1 not known": its projects' statuses counted, for the priority's line.</summary>
    public string StatusSummary
    {
        get
        {
            var parts = new List<string>();
            foreach (var rag in new[] { Rag.Red, Rag.Amber, Rag.Green })
            {
                var count = Projects.Count(p => p.Status == rag);
                if (count > 0) parts.Add($"{count} {rag}");
            }
            var unknown = Projects.Count(p => p.Status is null);
            if (unknown > 0) parts.Add($"{unknown} not known");
            return parts.Count == 0 ? "No funded projects" : string.Join(", ", parts);
        }
    }
}

/// <summary>The pack for one quarter.</summary>
/// <param name="Quarter">The quarter shown; null when no quarter has been requested of any project yet.</param>
/// <param name="Quarters">Every quarter that can be chosen, newest first.</param>
/// <param name="Priorities">The strategic priorities in order, each with its projects.</param>
/// <param name="Projects">Every project, by priority then code.</param>
/// <param name="PreparedOn">Today in London (the simulated clock's day when it runs).</param>
/// <param name="Streams">Each funding stream's figures from the partnership's live ledger (none before its instance has started).</param>
public sealed record PackContent(FinancialQuarter? Quarter, IReadOnlyList<FinancialQuarter> Quarters, IReadOnlyList<PackPriority> Priorities,
    IReadOnlyList<PackProject> Projects, NodaTime.LocalDate PreparedOn, IReadOnlyList<StreamPosition> Streams);

/// <summary>Reads what the pack and the exports show.</summary>
public sealed class PartnershipRecords(
    ProjectStates<ProjectState> states,
    PartnershipRecord partnership,
    IReportTexts texts,
    ProjectHistory history,
    WorkflowTables tables,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    IServiceProvider services)
{
    /// <summary>The exports, by the name in their address (/exports/{name}.csv), with what each holds.</summary>
    public static IReadOnlyList<(string Name, string Title, string Description)> Exports { get; } =
    [
        ("projects", "Projects", "every funded project: its objective, priority, indicators, lead, award and where it stands"),
        ("reports", "Reports", "every version of every quarterly report, with the lead's texts"),
        ("ledger", "Funding ledger", "each project's money: awarded, reallocated in, released, withdrawn, reallocated out"),
        ("activity", "Activity", "the history trail of every project, in plain English, with who did what"),
        ("emails", "Emails", "every email sent, to whom, whether it went, and its delivery status where SendGrid reported it"),
    ];

    /// <summary>Today in London.</summary>
    public NodaTime.LocalDate Today => UkCalendar.Today(time.GetUtcNow());

    /// <summary>The pack for <paramref name="chosen"/>, or (when null) for the latest quarter with reports.</summary>
    public async Task<PackContent> PackAsync(FinancialQuarter? chosen, CancellationToken cancellationToken)
    {
        var all = (await states.ListAsync(cancellationToken)).Select(s => s.State).ToList();
        var quarters = PackQuarters(all);
        var quarter = chosen ?? LatestReportedQuarter(all, quarters);
        var today = Today;
        var projects = new List<PackProject>();
        foreach (var state in all.OrderBy(s => s.Project.StrategicPriority).ThenBy(s => ProjectNumber(s.Project.Code)))
        {
            var record = quarter is { } q ? state.QuarterFor(q) : null;
            var stored = record?.Latest is { } latest ? await texts.FindReportAsync(state.Project.Code, latest.ReportId, cancellationToken) : null;
            projects.Add(PackProjectFor(state, quarter, today, stored));
        }
        var streams = (await partnership.GetAsync(cancellationToken))?.State.Positions() ?? [];
        return Pack(quarter, quarters, projects, today, streams);
    }

    /// <summary>The pack of <paramref name="projects"/> (each worked out by <see cref="PackProjectFor"/>), grouped by priority.</summary>
    internal static PackContent Pack(FinancialQuarter? quarter, IReadOnlyList<FinancialQuarter> quarters, IReadOnlyList<PackProject> projects,
        NodaTime.LocalDate today, IReadOnlyList<StreamPosition> streams)
    {
        var priorities = RochfordSeed.Partnership.Priorities
            .Select(p => new PackPriority(p, [.. projects.Where(x => x.Profile.StrategicPriority == p.Number)]))
            .ToList();
        return new PackContent(quarter, quarters, priorities, projects, today, streams);
    }

    /// <summary>Every quarter asked of any of <paramref name="all"/>, newest first: the quarters a pack can be chosen for.</summary>
    internal static IReadOnlyList<FinancialQuarter> PackQuarters(IEnumerable<ProjectState> all) =>
        [.. all.SelectMany(s => s.Quarters).Select(q => q.Quarter).Distinct().OrderDescending()];

    /// <summary>The pack's quarter when none is chosen: the latest of <paramref name="quarters"/> any project reported on (or counts as Red for), else the latest.</summary>
    internal static FinancialQuarter? LatestReportedQuarter(IReadOnlyList<ProjectState> all, IReadOnlyList<FinancialQuarter> quarters) =>
        quarters.Cast<FinancialQuarter?>().FirstOrDefault(q => all.Any(s => s.QuarterFor(q!.Value) is { Latest: not null } or { Stage: QuarterStage.NoReport }))
        ?? quarters.Cast<FinancialQuarter?>().FirstOrDefault();

    /// <summary>
    /// <paramref name="state"/>'s line in the pack for <paramref name="quarter"/> on <paramref name="today"/>, with the text of
    /// its latest report (<paramref name="stored"/>; null when it has none or it cannot be found).
    /// </summary>
    internal static PackProject PackProjectFor(ProjectState state, FinancialQuarter? quarter, NodaTime.LocalDate today, StoredReport? stored)
    {
        var record = quarter is { } q ? state.QuarterFor(q) : null;
        switch (record)
        {
            case null:
                return new PackProject(state.Project, null, null, "Not requested for this quarter", null, false);
            case { Latest: { } latest }:
            {
                var words = latest.Status.ToString();
                if (latest.Late) words += " (received late)";
                if (latest.Version > 1) words += $" (amended: version {latest.Version})";
                return new PackProject(state.Project, record, latest.Status, words, stored?.Content, stored is null);
            }
            case { Stage: QuarterStage.NoReport }:
                return new PackProject(state.Project, record, Rag.Red, "Red: no report received", null, false);
            case { Stage: QuarterStage.Excused }:
                return new PackProject(state.Project, record, null, "Not needed: reporting was paused", null, false);
            case { IsOutstanding: true } when ProjectRow.ReportingStopped(state.Phase):
                return new PackProject(state.Project, record, null,
                    state.Phase == Phase.Completed ? "Not needed: the project was completed" : "Not needed: its funding was withdrawn", null, false);
            default:
                return new PackProject(state.Project, record, null,
                    today > record.DueOn ? $"Overdue: was due by {UkCalendar.Display(record.DueOn)}" : $"Not yet received: due by {UkCalendar.Display(record.DueOn)}",
                    null, false);
        }
    }

    /// <summary>The export named <paramref name="name"/>, or null when there is none by that name.</summary>
    public async Task<Csv?> ExportAsync(string name, CancellationToken cancellationToken) => name switch
    {
        "projects" => ProjectsCsv((await states.ListAsync(cancellationToken)).Select(s => s.State)),
        "reports" => await ReportsCsvAsync(cancellationToken),
        "ledger" => LedgerCsv((await states.ListAsync(cancellationToken)).Select(s => s.State)),
        "activity" => await ActivityCsvAsync(cancellationToken),
        "emails" => await EmailsCsvAsync(cancellationToken),
        _ => null,
    };

    /// <summary>The projects export of <paramref name="all"/>.</summary>
    internal static Csv ProjectsCsv(IEnumerable<ProjectState> all)
    {
        var csv = new Csv("Project code", "Project name", "Organisation", "Project objective", "Strategic priority", "Priority name",
            "Performance indicators", "Funding stream", "Amount awarded", "Lead name", "Lead email", "Phase", "Monitoring started",
            "Latest quarter", "Latest quarter stage", "Latest status", "Latest report version", "Red quarter", "Recovery deadline", "Next quarter to request");
        foreach (var state in all)
        {
            var p = state.Project;
            var latest = state.Quarters.Where(q => q.Latest is not null || q.Stage == QuarterStage.NoReport).MaxBy(q => q.Quarter);
            csv.Row(p.Code, p.Name, p.Organisation, p.Objective, Number(p.StrategicPriority), PriorityName(p.StrategicPriority),
                string.Join("; ", p.PerformanceIndicators), p.FundingStream.Describe(), Pounds(p.AmountAwarded), p.Lead.Name, p.Lead.Email,
                state.Phase.ToString(), Iso(state.MonitoringStarts), latest?.Quarter.Label, latest?.Stage.ToString(),
                latest is null ? null : (latest.Latest?.Status ?? Rag.Red).ToString(), latest?.Latest is { } v ? Number(v.Version) : null,
                state.Red?.Quarter.Label, state.Red is { } red ? Iso(red.Deadline) : null, state.NextQuarterToRequest.Label);
        }
        return csv;
    }

    private async Task<Csv> ReportsCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new Csv("Project code", "Project name", "Quarter", "Period covered", "Version", "Current version", "Status", "Late",
            "Received at (UTC)", "Submitted by", "Project status comments", "Progress in last period", "Future work", "Expenditure this period", "Report id");
        foreach (var recorded in await states.ListAsync(cancellationToken))
        {
            var state = recorded.State;
            foreach (var r in ReportVersionRecord.From(await history.ListAsync(recorded.InstanceId, cancellationToken)))
            {
                var text = (await texts.FindReportAsync(state.Project.Code, r.ReportId, cancellationToken))?.Content;
                var current = state.QuarterFor(r.Quarter)?.Latest is { } latest ? latest.Version == r.Version ? "Yes" : "No" : "";
                csv.Row(state.Project.Code, state.Project.Name, r.Quarter.Label, r.Quarter.PeriodCovered, Number(r.Version), current, r.Status.ToString(),
                    r.Late ? "Yes" : "No", Iso(r.At), r.SubmittedBy, text?.StatusComments, text?.ProgressInLastPeriod, text?.FutureWork,
                    text?.Expenditure is { } spent ? Pounds(spent) : null, r.ReportId);
            }
        }
        return csv;
    }

    /// <summary>The ledger export of <paramref name="all"/>.</summary>
    internal static Csv LedgerCsv(IEnumerable<ProjectState> all)
    {
        var csv = new Csv("Project code", "Project name", "Funding stream", "Original award", "Reallocated in", "Awarded now", "Released",
            "Withdrawn", "Reallocated out", "Returned to unallocated", "Held for reallocation", "Unreleased", "Phase");
        foreach (var state in all)
        {
            var funding = state.Funding;
            // Where the project's money stands, counted as the ledger and FundingPosition count it.
            var money = OpeningAccount.Of(state);
            csv.Row(state.Project.Code, state.Project.Name, state.Project.FundingStream.Describe(), Pounds(state.Project.AmountAwarded),
                Pounds(funding.Awarded - state.Project.AmountAwarded), Pounds(funding.Awarded), Pounds(funding.Released), Pounds(funding.Withdrawn),
                Pounds(money.Reallocated), Pounds(money.Returned), Pounds(money.Held), Pounds(funding.Unreleased), state.Phase.ToString());
        }
        return csv;
    }

    private async Task<List<HistoryRecord>> AllHistoryAsync(CancellationToken cancellationToken)
    {
        var records = new List<HistoryRecord>();
        foreach (var recorded in await states.ListAsync(cancellationToken))
            records.AddRange(await history.ListAsync(recorded.InstanceId, cancellationToken));
        return records;
    }

    private async Task<Csv> ActivityCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new Csv("Project code", "At (UTC)", "Date (London)", "Transition", "Index", "Event", "What happened", "By", "Input id");
        var records = await AllHistoryAsync(cancellationToken);
        foreach (var r in records.OrderBy(r => r.At).ThenBy(r => ProjectNumber(r.InstanceId)).ThenBy(r => r.Sequence).ThenBy(r => r.Index))
        {
            csv.Row(r.InstanceId, Iso(r.At), Iso(UkCalendar.Today(r.At)), Number(r.Sequence), Number(r.Index), r.Type, r.Explanation, Actor(r.DataJson), r.InputId);
        }
        return csv;
    }

    /// <summary>
    /// Every email the workflow sent about the project <paramref name="instanceId"/>, newest first, with SendGrid's delivery
    /// events. Reads only that project's rows of the email log and of the delivery events.
    /// </summary>
    /// <param name="instanceId">The project's instance id.</param>
    /// <param name="projectHistory">The project's history (which the caller has already read), for when each email was asked for.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<SentEmail>> ProjectEmailsAsync(string instanceId, IReadOnlyList<HistoryRecord> projectHistory, CancellationToken cancellationToken)
    {
        var emails = await EmailLogAsync(instanceId, projectHistory, cancellationToken);
        var delivery = services.GetService<DeliveryEventStore>() is { } store
            ? await store.ListForAsync([.. emails.Select(e => e.Id)], cancellationToken)
            : new Dictionary<string, IReadOnlyList<DeliveryEvent>>();
        return [.. emails.Select(e => e with { Delivery = delivery.GetValueOrDefault(e.Id) ?? [] })
            .OrderByDescending(e => e.RowKey, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The email log's rows (of one project's partition, or of every project when <paramref name="instanceId"/> is null),
    /// each with when it was asked for, from <paramref name="histories"/>; without delivery events (the callers read those
    /// as suits them).
    /// </summary>
    private async Task<List<SentEmail>> EmailLogAsync(string? instanceId, IEnumerable<HistoryRecord> histories, CancellationToken cancellationToken)
    {
        // When each email was asked for: its transition's time in the history (the simulated clock's, when it runs).
        var transitions = histories.GroupBy(r => (r.InstanceId, r.Sequence)).ToDictionary(g => g.Key, g => g.First().At);
        var log = await tables.EmailLogAsync(cancellationToken);
        var rows = instanceId is null
            ? log.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : log.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken);
        var emails = new List<SentEmail>();
        await foreach (var row in rows)
        {
            var transition = long.TryParse(row.RowKey.AsSpan(0, Math.Max(0, row.RowKey.IndexOf('-'))), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1;
            DateTimeOffset? at = transitions.TryGetValue((row.PartitionKey, transition), out var when) ? when : null;
            emails.Add(new SentEmail(row.GetString("EmailId") ?? $"{row.PartitionKey}/{row.RowKey}", row.PartitionKey, row.RowKey, row.GetString("Template"),
                row.GetString("To"), row.GetString("Cc"), row.GetString("State"), row.GetString("Reason"), row.GetInt32("Attempts") ?? 0, at, []));
        }
        return emails;
    }

    private async Task<Csv> EmailsCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new Csv("Outbox id", "Project code", "Template", "To", "Cc", "State", "Reason", "Attempts", "Queued at (UTC)",
            "Delivery status", "Delivery events");
        var delivery = services.GetService<DeliveryEventStore>() is { } store
            ? await store.ListAllAsync(cancellationToken)
            : new Dictionary<string, IReadOnlyList<DeliveryEvent>>();
        var rows = new List<(DateTimeOffset? At, string Id, string?[] Cells)>();
        foreach (var email in await EmailLogAsync(null, await AllHistoryAsync(cancellationToken), cancellationToken))
        {
            var events = delivery.GetValueOrDefault(email.Id) ?? [];
            rows.Add((email.QueuedAt, email.Id, [email.Id, email.InstanceId, email.Template, email.To, email.Cc, email.State,
                email.Reason, Number(email.Attempts), email.QueuedAt is { } a ? Iso(a) : null,
                events.Count == 0 ? "Not reported" : events[^1].Event, Describe(events)]));
        }
        // The quarterly digest is no project's email: its sender keeps its own log (a marker row per quarter), read here so
        // this export holds every email sent. Markers from before they kept the addresses name the roles instead.
        foreach (var digest in await DigestsAsync(cancellationToken))
        {
            var id = digest.OutboxId;
            var events = delivery.GetValueOrDefault(id) ?? [];
            var sent = digest.Outcome == QuarterlyDigestSender.SentOutcome;
            rows.Add((digest.At, id, [id, "", EmailTemplates.QuarterlyDigest, digest.To ?? "The Executive Board", digest.Cc ?? "The LSP officers",
                sent ? EmailLogState.Sent : EmailLogState.Parked, sent ? "" : digest.Outcome, "", digest.At is { } a ? Iso(a) : null,
                events.Count == 0 ? "Not reported" : events[^1].Event, Describe(events)]));
        }
        foreach (var row in rows.OrderBy(r => r.At ?? DateTimeOffset.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal))
            csv.Row(row.Cells);
        return csv;
    }

    private async Task<IReadOnlyList<(string OutboxId, string Outcome, DateTimeOffset? At, string? To, string? Cc)>> DigestsAsync(CancellationToken cancellationToken)
    {
        var result = new List<(string, string, DateTimeOffset?, string?, string?)>();
        try
        {
            await foreach (var row in storage.Value.CreateClient(QuarterlyDigestSender.MarkerTable).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                // A quarter no one was asked about has a marker too, but no email went.
                var outcome = row.GetString("Outcome") ?? "";
                if (outcome == QuarterlyDigestSender.NothingToReportOutcome) continue;
                if (!FinancialQuarter.TryParse(row.RowKey, out var quarter))
                    throw new InvalidOperationException($"Digest marker '{row.RowKey}' does not name a quarter."); // our own data is damaged
                result.Add((QuarterlyDigestSender.OutboxIdFor(quarter), outcome, row.GetDateTimeOffset("At"), row.GetString("To"), row.GetString("Cc")));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No digest has been considered yet.
        }
        return result;
    }

    private static string Describe(IReadOnlyList<DeliveryEvent> events) => string.Join("; ", events.Select(e =>
        $"{e.Event} {Iso(e.OccurredAt)}{(e.RecipientHint is null ? "" : $" {e.RecipientHint}")}{(string.IsNullOrWhiteSpace(e.Reason) ? "" : $": {e.Reason}")}"));

    /// <summary>Who acted, from an event's data: the officer who decided, or the lead who submitted.</summary>
    private static string? Actor(string dataJson)
    {
        try
        {
            using var json = JsonDocument.Parse(dataJson);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in new[] { "ApprovedBy", "Officer", "SetBy" })
            {
                if (json.RootElement.TryGetProperty(name, out var person) && person.ValueKind == JsonValueKind.Object
                    && person.TryGetProperty("Name", out var who) && who.ValueKind == JsonValueKind.String)
                {
                    return person.TryGetProperty("Email", out var email) && email.ValueKind == JsonValueKind.String
                        ? $"{who.GetString()} ({email.GetString()})"
                        : who.GetString();
                }
            }
            return json.RootElement.TryGetProperty("SubmittedBy", out var lead) && lead.ValueKind == JsonValueKind.String ? lead.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? PriorityName(int number) => RochfordSeed.Partnership.Priorities.FirstOrDefault(p => p.Number == number)?.Name;

    /// <summary>Pounds with pence, no symbol or separators, so a spreadsheet reads it as a number ("12000.00").</summary>
    internal static string Pounds(Money money) => (money.Pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Iso(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static int ProjectNumber(string code) =>
        int.TryParse(code.AsSpan(code.TakeWhile(char.IsLetter).Count()), out var number) ? number : int.MaxValue;
}
