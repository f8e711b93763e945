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

    private SimulatedTime(SimulatedClock clock, TableClient table)
    {
        Clock = clock;
        _table = table;
    }

    /// <summary>The clock pages and links read.</summary>
    public SimulatedClock Clock { get; }

    /// <summary>Opens the saved clock: <paramref name="start"/>, or the saved time when that is later.</summary>
    public static async Task<SimulatedTime> OpenAsync(TableClient table, DateTimeOffset start, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        var saved = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        var at = saved.HasValue && saved.Value!.GetDateTimeOffset("Now") is { } now && now > start ? now : start;
        var time = new SimulatedTime(new SimulatedClock(at), table);
        await time.SaveAsync(cancellationToken);
        return time;
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
