// The quarterly digest to the Executive Board: every project's position once a quarter's reports are closed.
// Pure: the web app gathers the projects' states and history and sends the result through the email part.

using System.Text.Json;
using NodaTime;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;
using Rochford.Lsp.Reporting.Partnership;

namespace Rochford.Lsp.Reporting.Email;

/// <summary>A history event of one project, as the digest needs it: its type, data and London date.</summary>
public sealed record DigestHistoryItem(string ProjectCode, [property: System.Text.Json.Serialization.JsonConverter(typeof(IsoLocalDateConverter))] LocalDate On, string Type, string DataJson);

/// <summary>Builds <see cref="QuarterlyDigestModel"/>.</summary>
public static class QuarterlyDigest
{
    /// <summary>
    /// The day the digest for <paramref name="quarter"/> goes: the day after a missing report counts as Red,
    /// so every project's status for the quarter is known.
    /// </summary>
    public static LocalDate SendOn(FinancialQuarter quarter, CycleSettings settings) =>
        quarter.LastDay.PlusDays(settings.DueDaysAfterQuarterEnd + settings.NoReportDaysAfterDue + 1);

    /// <summary>The latest quarter whose digest is due on or before <paramref name="today"/>.</summary>
    public static FinancialQuarter LatestDue(LocalDate today, CycleSettings settings)
    {
        var quarter = FinancialQuarter.Containing(today);
        while (SendOn(quarter, settings) > today)
        {
            quarter = Previous(quarter);
        }
        return quarter;
    }

    /// <summary>
    /// The Executive Board's link to <paramref name="quarter"/>'s performance pack, read-only and without signing in. It
    /// belongs to the partnership, not to one project, so it names the partnership's instance.
    /// </summary>
    /// <remarks>
    /// It works until the next quarter's digest has gone (with the next pack's own link) and then for as long as an
    /// officer's or the Executive's link does (<see cref="CycleSettings.OfficerLinkDays"/>, 30 days by default): the Board
    /// meets on its own calendar, and a meeting just after the next digest may still discuss this quarter. After that the
    /// officers can still print any quarter's pack from /pack.
    /// </remarks>
    public static EmailLink PackLink(FinancialQuarter quarter, CycleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new EmailLink(LinkPurpose.QuarterlyPack, PartnershipCycle.InstanceId, quarter,
            SendOn(quarter.Next, settings).PlusDays(settings.OfficerLinkDays));
    }

    /// <summary>
    /// The digest for <paramref name="quarter"/>: each project's status for it, and the money that moved since the
    /// previous digest (withdrawals and reallocations found in <paramref name="history"/>).
    /// </summary>
    public static QuarterlyDigestModel Build(
        FinancialQuarter quarter,
        LocalDate preparedOn,
        CycleSettings settings,
        IEnumerable<ProjectState> projects,
        IEnumerable<DigestHistoryItem> history,
        EmailLink? link)
    {
        var lines = projects
            .OrderBy(p => ProjectNumber(p.Project.Code))
            .ThenBy(p => p.Project.Code, StringComparer.Ordinal)
            .Select(p => Line(p, quarter, preparedOn))
            .ToList();
        var from = SendOn(Previous(quarter), settings);
        var moves = history
            .Where(h => h.On >= from && h.On < SendOn(quarter, settings).PlusDays(1))
            .OrderBy(h => h.On)
            .SelectMany(Moves)
            .ToList();
        return new QuarterlyDigestModel(quarter, quarter.PeriodCovered, preparedOn, lines, moves, link);
    }

    private static DigestProjectLine Line(ProjectState state, FinancialQuarter quarter, LocalDate today)
    {
        var record = state.QuarterFor(quarter);
        Rag? status = record switch
        {
            { Stage: QuarterStage.NoReport } => Rag.Red,
            { Latest: { } latest } => latest.Status,
            _ => null,
        };
        var overdue = record is not null
            && (record.Stage == QuarterStage.NoReport
                || (record.IsOutstanding && today > record.DueOn)
                || record.Latest is { Late: true });
        var escalated = state.Phase == Phase.WithdrawalProposed || state.Withdrawal is not null;
        return new DigestProjectLine(state.Project.Code, state.Project.Name, state.Project.Organisation, status, overdue, escalated,
            StatusText.For(state, today));
    }

    private static IEnumerable<DigestMoneyMove> Moves(DigestHistoryItem item)
    {
        switch (item.Type)
        {
            case nameof(FundingWithdrawn):
                var withdrawn = JsonSerializer.Deserialize<FundingWithdrawn>(item.DataJson, ReportingJson.Options)!;
                yield return new DigestMoneyMove(item.ProjectCode, null, withdrawn.Amount, "Withdrawn", item.On);
                break;
            case nameof(ReallocationApproved):
                var approved = JsonSerializer.Deserialize<ReallocationApproved>(item.DataJson, ReportingJson.Options)!;
                foreach (var allocation in approved.Allocations)
                {
                    yield return new DigestMoneyMove(item.ProjectCode, allocation.ProjectCode, allocation.Amount, "Reallocated", item.On);
                }
                if (approved.ReturnedToUnallocated > Money.Zero)
                {
                    yield return new DigestMoneyMove(item.ProjectCode, null, approved.ReturnedToUnallocated, "Returned to unallocated", item.On);
                }
                break;
            case nameof(ReallocatedFundsReturned):
                // A recipient refused its share (it had completed or lost its funding): the money went back.
                var refused = JsonSerializer.Deserialize<ReallocatedFundsReturned>(item.DataJson, ReportingJson.Options)!;
                yield return new DigestMoneyMove(item.ProjectCode, null, refused.Amount, "Returned to unallocated", item.On);
                break;
        }
    }

    private static FinancialQuarter Previous(FinancialQuarter quarter) =>
        quarter.Number == 1 ? new(quarter.StartYear - 1, 4) : new(quarter.StartYear, quarter.Number - 1);

    private static int ProjectNumber(string code) =>
        int.TryParse(code.AsSpan(code.TakeWhile(char.IsLetter).Count()), out var number) ? number : int.MaxValue;
}
