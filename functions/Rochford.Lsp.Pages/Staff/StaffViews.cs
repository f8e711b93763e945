// What the officers' pages show about each project, worked out from its recorded state: pure functions of the state and
// the day, so the dashboard, the project page and the tests agree.

using NodaTime;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Seed;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>This quarter's report as the dashboard says it.</summary>
public enum ReportState
{
    /// <summary>No quarter requested yet.</summary>
    NotRequested,

    /// <summary>Requested and not yet due.</summary>
    Requested,

    /// <summary>Submitted by the due date.</summary>
    Submitted,

    /// <summary>Submitted after the due date.</summary>
    Late,

    /// <summary>Due and not received.</summary>
    Missing,

    /// <summary>Not needed: reporting paused, or stopped (the project completed, or its funding withdrawn) before the report came.</summary>
    Excused,
}

/// <summary>A decision officers have to make, and since when.</summary>
/// <param name="What">"Withdrawal to decide", "Reallocation to propose", "Reallocation to approve (proposed by ...)".</param>
/// <param name="Since">The day it started waiting; null when that was not recorded (so no length of wait is made up).</param>
public sealed record WaitingDecision(string What, LocalDate? Since)
{
    /// <summary>Whole days waited by <paramref name="today"/>; null when <see cref="Since"/> is not known.</summary>
    public int? Days(LocalDate today) => Since is { } since ? Period.Between(since, today, PeriodUnits.Days).Days : null;

    /// <summary>"since 27 May 2010 (5 days)", for people.</summary>
    public string SinceText(LocalDate today) => Days(today) is { } days
        ? $"since {UkCalendar.Display(Since!.Value)} ({days} {(days == 1 ? "day" : "days")})"
        : "since a date not recorded";
}

/// <summary>One project on the dashboard.</summary>
public sealed record ProjectRow(
    ProjectProfile Project,
    Phase Phase,
    Rag? Rag,
    QuarterReport? Quarter,
    ReportState Report,
    LocalDate? RedDeadline,
    int? DaysLeft,
    WaitingDecision? Waiting)
{
    /// <summary>The row for <paramref name="state"/> on <paramref name="today"/>.</summary>
    /// <param name="withdrawnOn">
    /// The day the withdrawal was approved (<see cref="WithdrawnOn"/>), which is when a project whose funding was withdrawn
    /// started waiting for a reallocation proposal; the state keeps no date of its own for that wait.
    /// </param>
    public static ProjectRow For(ProjectState state, LocalDate today, LocalDate? withdrawnOn)
    {
        ArgumentNullException.ThrowIfNull(state);
        var quarter = state.Quarters.OrderByDescending(q => q.Quarter).FirstOrDefault();
        var report = quarter switch
        {
            null => ReportState.NotRequested,
            { Stage: QuarterStage.Excused } => ReportState.Excused,
            { Latest: { Late: true } } => ReportState.Late,
            { Latest: not null } => ReportState.Submitted,
            { Stage: QuarterStage.NoReport } => ReportState.Missing,
            // Still owed when reporting stopped: no longer asked for, so never missing.
            _ when ReportingStopped(state.Phase) => ReportState.Excused,
            _ when today > quarter.DueOn => ReportState.Missing,
            _ => ReportState.Requested,
        };
        // A deadline counts while the project is on Red watch (or its withdrawal is being decided); a decision while its phase waits for one.
        var deadline = state.Phase is Phase.RedWatch or Phase.WithdrawalProposed ? state.Red?.Deadline : null;
        WaitingDecision? waiting = state switch
        {
            { Phase: Phase.WithdrawalProposed, Withdrawal: { } withdrawal } => new("Withdrawal to decide", withdrawal.ProposedOn),
            { Phase: Phase.ReallocationProposed, Reallocation: { } reallocation } => new($"Reallocation to approve (proposed by {reallocation.ProposedBy.Name})", reallocation.ProposedOn),
            { Phase: Phase.FundingWithdrawn } => new("Reallocation to propose", withdrawnOn),
            _ => null,
        };
        return new ProjectRow(state.Project, state.Phase, CurrentRag(state), quarter, report, deadline,
            deadline is { } d ? Period.Between(today, d, PeriodUnits.Days).Days : null, waiting);
    }

    /// <summary>The day (in London) the latest withdrawal of the project's funding was approved, from its history; null when none was.</summary>
    public static LocalDate? WithdrawnOn(IEnumerable<HistoryRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.LastOrDefault(h => h.Type == nameof(FundingWithdrawn)) is { } withdrawn ? UkCalendar.Today(withdrawn.At) : null;
    }

    /// <summary>The project's status now: the latest quarter with a report (or none received, which counts as Red); an interim update on Red watch counts too.</summary>
    public static Rag? CurrentRag(ProjectState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Red is { LatestUpdate: { } update }) return update.Status;
        var latest = state.Quarters.OrderByDescending(q => q.Quarter)
            .FirstOrDefault(q => q.Latest is not null || q.Stage == QuarterStage.NoReport);
        return latest switch
        {
            { Latest: { } version } => version.Status,
            { Stage: QuarterStage.NoReport } => Reporting.Rag.Red,
            _ => null,
        };
    }

    /// <summary>True in the phases in which the project is no longer asked for reports: completed, or its funding withdrawn.</summary>
    public static bool ReportingStopped(Phase phase) => phase is Phase.Completed or Phase.Closed or Phase.FundingWithdrawn or Phase.ReallocationProposed;

    /// <summary>Why a report that did not come is not needed in <paramref name="phase"/>: "Not needed (project completed)".</summary>
    public static string NotNeeded(Phase phase) => phase switch
    {
        Phase.Completed => "Not needed (project completed)",
        _ when ReportingStopped(phase) => "Not needed (funding withdrawn)",
        _ => "Not needed (paused)",
    };

    /// <summary>What the report state says, for people.</summary>
    public string ReportText => Report switch
    {
        ReportState.NotRequested => "Not requested yet",
        ReportState.Requested => $"Requested, due {UkCalendar.Display(Quarter!.DueOn)}",
        ReportState.Submitted => $"Submitted (version {Quarter!.Latest!.Version})",
        ReportState.Late => "Submitted late",
        ReportState.Missing => "Missing",
        ReportState.Excused => NotNeeded(Phase),
        _ => Report.ToString(),
    };
}

/// <summary>The dashboard's filters, from the query string; anything not understood is ignored.</summary>
public sealed record DashboardFilter(int? Priority, Rag? Rag, ReportState? Report)
{
    /// <summary>Reads ?priority=&amp;rag=&amp;report=.</summary>
    public static DashboardFilter From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        int? priority = int.TryParse(query["priority"], out var p) && p is >= 1 and <= 7 ? p : null;
        Rag? rag = Enum.TryParse<Rag>(query["rag"], ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : null;
        ReportState? report = Enum.TryParse<ReportState>(query["report"], ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        return new DashboardFilter(priority, rag, report);
    }

    /// <summary>True when <paramref name="row"/> passes.</summary>
    public bool Keeps(ProjectRow row) =>
        (Priority is null || row.Project.StrategicPriority == Priority)
        && (Rag is null || row.Rag == Rag)
        && (Report is null || row.Report == Report);
}

/// <summary>The dashboard.</summary>
public sealed record DashboardView(
    Person Officer,
    LocalDate Today,
    IReadOnlyList<ProjectRow> Rows,
    int Total,
    DashboardFilter Filter,
    IReadOnlyList<StrategicPriority> Priorities);
