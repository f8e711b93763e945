// The simulated clock of a local run, kept with the data: a restart on the same storage resumes where the clock was
// (the projects' own times are in their orchestrations; the pages, links and digest must not fall back behind them).

using Azure;
using Azure.Data.Tables;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>The app's <see cref="SimulatedClock"/> and the table row it is saved in.</summary>
public sealed class SimulatedTime
{
    private const string Partition = "clock";
    private const string Row = "now";
    private readonly TableClient _table;

    /// <summary>A clock at <paramref name="start"/> saved in <paramref name="table"/>; <see cref="LoadAsync"/> moves it to the saved time.</summary>
    public SimulatedTime(TableClient table, DateTimeOffset start)
    {
        Clock = new SimulatedClock(start);
        _table = table;
    }

    /// <summary>The clock pages and links read.</summary>
    public SimulatedClock Clock { get; }

    /// <summary>Opens the saved clock: the start, or the saved time when that is later; saves it.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        var saved = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        if (saved.HasValue && saved.Value!.GetDateTimeOffset("Now") is { } now && now > Clock.GetUtcNow()) Clock.AdvanceTo(now);
        await SaveAsync(cancellationToken);
    }

    /// <summary>Moves the clock forward to <paramref name="to"/> (never back) and saves it.</summary>
    public async Task AdvanceAsync(DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to > Clock.GetUtcNow()) Clock.AdvanceTo(to);
        await SaveAsync(cancellationToken);
    }

    private Task<Response> SaveAsync(CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, Row) { ["Now"] = Clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
}
