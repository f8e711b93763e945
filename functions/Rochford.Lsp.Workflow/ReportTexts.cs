// The texts leads send (ARCHITECTURE.md rule 5): report and interim-update texts live in the read model, not in the
// orchestration state. The page stores a text before it raises the input that refers to it by its content id; the
// email activity and the pages read it back. Saving is insert-if-absent, so the same form sent twice is one row and a
// retried save changes nothing.

using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Workflow;

/// <summary>A quarterly report's text as stored: the row of <see cref="ReportId"/> in <see cref="ProjectCode"/>'s partition.</summary>
public sealed record StoredReport(string ProjectCode, string ReportId, FinancialQuarter Quarter, ReportContent Content, string? SubmittedBy, DateTimeOffset StoredAt)
{
    /// <summary>The text of <paramref name="form"/> for <paramref name="projectCode"/>, stored at <paramref name="storedAt"/>.</summary>
    public static StoredReport From(string projectCode, ReportForm form, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(projectCode, form.ReportId, form.Quarter, form.Report, form.SubmittedBy, storedAt);
    }
}

/// <summary>An interim update's text as stored.</summary>
public sealed record StoredUpdate(string ProjectCode, string UpdateId, Rag Status, string Comments, string? SubmittedBy, DateTimeOffset StoredAt)
{
    /// <summary>The text of <paramref name="form"/> for <paramref name="projectCode"/>, stored at <paramref name="storedAt"/>.</summary>
    public static StoredUpdate From(string projectCode, InterimUpdateForm form, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(projectCode, form.UpdateId, form.Status, form.Comments, form.SubmittedBy, storedAt);
    }
}

/// <summary>Keeps the texts an older state row held in the state itself (version 1) in the reports table.</summary>
public static class StateTextsKeeper
{
    /// <summary>
    /// Saves every text <paramref name="stateJson"/> (written with <paramref name="stateVersion"/>) holds, under the ids the
    /// migrated state refers to them by (insert-only: a retry, or a text the page stored already, changes nothing). Called
    /// before a newer row replaces an older one, so the texts of a version 1 instance are in the table before its first
    /// version 2 write. Returns how many texts the row held.
    /// </summary>
    public static async Task<int> KeepAsync(IReportTexts texts, string projectCode, string stateJson, int stateVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var held = ReportingCycle.TextsIn(stateVersion, stateJson);
        foreach (var report in held.Reports)
            await texts.SaveAsync(new StoredReport(projectCode, report.ReportId, report.Quarter, report.Content, report.SubmittedBy, report.ReceivedAt), cancellationToken);
        foreach (var update in held.Updates)
            await texts.SaveAsync(new StoredUpdate(projectCode, update.UpdateId, update.Status, update.Comments, update.SubmittedBy, update.ReceivedAt), cancellationToken);
        return held.Reports.Count + held.Updates.Count;
    }
}

/// <summary>Where the texts of reports and interim updates are kept, by project and content id.</summary>
public interface IReportTexts
{
    /// <summary>Stores <paramref name="report"/> unless a row with its id is there already (the same content).</summary>
    Task SaveAsync(StoredReport report, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="update"/> unless a row with its id is there already.</summary>
    Task SaveAsync(StoredUpdate update, CancellationToken cancellationToken);

    /// <summary>The report <paramref name="reportId"/> of <paramref name="projectCode"/>, or null when it is not stored.</summary>
    Task<StoredReport?> FindReportAsync(string projectCode, string reportId, CancellationToken cancellationToken);

    /// <summary>The interim update <paramref name="updateId"/> of <paramref name="projectCode"/>, or null when it is not stored.</summary>
    Task<StoredUpdate?> FindUpdateAsync(string projectCode, string updateId, CancellationToken cancellationToken);
}

/// <summary>
/// The texts in the read model's <c>{prefix}reports</c> table: partition = project code, row = content id ("r..." for a
/// report, "u..." for an interim update). A text is at most 4,000 characters (the form and the parser allow no more), well
/// under a property's 32K characters; a row's four texts stay far below the entity's 1 MiB.
/// </summary>
public sealed class TableReportTexts(WorkflowTables tables) : IReportTexts
{
    /// <summary>The row's kind for a quarterly report.</summary>
    public const string ReportKind = "Report";

    /// <summary>The row's kind for an interim update.</summary>
    public const string UpdateKind = "InterimUpdate";

    /// <inheritdoc />
    public Task SaveAsync(StoredReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var content = report.Content;
        return AddAsync(new TableEntity(Partition(report.ProjectCode), report.ReportId)
        {
            ["Kind"] = ReportKind,
            ["Quarter"] = report.Quarter.Label,
            ["Status"] = content.Status.ToString(),
            ["StatusComments"] = content.StatusComments,
            ["ProgressInLastPeriod"] = content.ProgressInLastPeriod,
            ["FutureWork"] = content.FutureWork,
            ["ExpenditurePence"] = content.Expenditure?.Pence,
            ["SubmittedBy"] = report.SubmittedBy,
            ["StoredAt"] = report.StoredAt,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task SaveAsync(StoredUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return AddAsync(new TableEntity(Partition(update.ProjectCode), update.UpdateId)
        {
            ["Kind"] = UpdateKind,
            ["Status"] = update.Status.ToString(),
            ["Comments"] = update.Comments,
            ["SubmittedBy"] = update.SubmittedBy,
            ["StoredAt"] = update.StoredAt,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredReport?> FindReportAsync(string projectCode, string reportId, CancellationToken cancellationToken)
    {
        if (!ReportIds.IsValid(reportId, ReportIds.Report)) return null;
        var row = await FindAsync(projectCode, reportId, cancellationToken).ConfigureAwait(false);
        if (row is null || row.GetString("Kind") != ReportKind) return null;
        var content = new ReportContent(
            Enum.Parse<Rag>(row.GetString("Status")!), row.GetString("StatusComments") ?? "", row.GetString("ProgressInLastPeriod") ?? "",
            row.GetString("FutureWork") ?? "", row.GetInt64("ExpenditurePence") is { } pence ? new Money(pence) : null);
        return new StoredReport(row.PartitionKey, row.RowKey, FinancialQuarter.Parse(row.GetString("Quarter")!), content,
            row.GetString("SubmittedBy"), row.GetDateTimeOffset("StoredAt") ?? row.Timestamp ?? default);
    }

    /// <inheritdoc />
    public async Task<StoredUpdate?> FindUpdateAsync(string projectCode, string updateId, CancellationToken cancellationToken)
    {
        if (!ReportIds.IsValid(updateId, ReportIds.Update)) return null;
        var row = await FindAsync(projectCode, updateId, cancellationToken).ConfigureAwait(false);
        if (row is null || row.GetString("Kind") != UpdateKind) return null;
        return new StoredUpdate(row.PartitionKey, row.RowKey, Enum.Parse<Rag>(row.GetString("Status")!), row.GetString("Comments") ?? "",
            row.GetString("SubmittedBy"), row.GetDateTimeOffset("StoredAt") ?? row.Timestamp ?? default);
    }

    private async Task AddAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var table = await tables.ReportsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The same content was stored before (its id is its hash): nothing to change.
        }
    }

    private async Task<TableEntity?> FindAsync(string projectCode, string id, CancellationToken cancellationToken)
    {
        var table = await tables.ReportsAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(projectCode), id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    // Project codes are instance ids ("ROC4"): upper case, no characters a key refuses.
    private static string Partition(string projectCode) => WorkflowTables.KeyOf(ReportingCycle.InstanceIdFor(projectCode));
}

/// <summary>The texts in memory, for simulations and tests: the same insert-if-absent rule as the table.</summary>
public sealed class InMemoryReportTexts : IReportTexts
{
    private readonly ConcurrentDictionary<(string, string), object> _rows = new();

    /// <summary>How many texts are stored.</summary>
    public int Count => _rows.Count;

    /// <inheritdoc />
    public Task SaveAsync(StoredReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        _rows.TryAdd(Key(report.ProjectCode, report.ReportId), report);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SaveAsync(StoredUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        _rows.TryAdd(Key(update.ProjectCode, update.UpdateId), update);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StoredReport?> FindReportAsync(string projectCode, string reportId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault(Key(projectCode, reportId)) as StoredReport);

    /// <inheritdoc />
    public Task<StoredUpdate?> FindUpdateAsync(string projectCode, string updateId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault(Key(projectCode, updateId)) as StoredUpdate);

    private static (string, string) Key(string projectCode, string id) => (ReportingCycle.InstanceIdFor(projectCode), id);
}
