using NodaTime;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>A project's page.</summary>
/// <param name="Done">The action just done, for the notification banner.</param>
/// <param name="Versions">Every version of every report the history recorded, oldest first.</param>
/// <param name="Updates">Every interim update the lead sent while Red, latest first, with its comments.</param>
/// <param name="Emails">Every email sent about the project, newest first.</param>
public sealed record ProjectView(
    Person Officer,
    ProjectState State,
    ProjectRow Row,
    LocalDate Today,
    IReadOnlyList<HistoryRecord> History,
    IReadOnlyList<OfficerAction> Actions,
    OfficerAction? Done,
    IReadOnlyList<ReportVersionRecord> Versions,
    IReadOnlyList<InterimUpdateRecord> Updates,
    IReadOnlyList<SentEmail> Emails)
{
    /// <summary>What the project's workflow refused, newest first (the most recent 20), with the reasons.</summary>
    public IReadOnlyList<RefusalRecord> Refusals { get; init; } = [];

    /// <summary>The quarters to list, newest first: those the state keeps, and older ones only the history still has versions of.</summary>
    public IReadOnlyList<FinancialQuarter> Quarters =>
        [.. State.Quarters.Select(q => q.Quarter).Concat(Versions.Select(v => v.Quarter)).Distinct().OrderByDescending(q => q.FirstDay)];

    /// <summary>The versions of <paramref name="quarter"/>'s report, in order.</summary>
    public IReadOnlyList<ReportVersionRecord> VersionsOf(FinancialQuarter quarter) => [.. Versions.Where(v => v.Quarter == quarter).OrderBy(v => v.Version)];
}

/// <summary>A quarter's report page: every version's text, and two versions compared.</summary>
/// <param name="Officer">The signed-in officer.</param>
/// <param name="State">The project.</param>
/// <param name="Quarter">The quarter.</param>
/// <param name="Record">The state's record of the quarter; null when the state no longer keeps it (the history still has its versions).</param>
/// <param name="Versions">Each version with its text, in order.</param>
/// <param name="Comparison">The two versions compared, when asked for and both exist.</param>
/// <param name="CompareError">Why the comparison asked for cannot be made, in words.</param>
public sealed record ReportVersionsView(
    Person Officer,
    ProjectState State,
    FinancialQuarter Quarter,
    QuarterReport? Record,
    IReadOnlyList<ReportVersionText> Versions,
    ReportComparison? Comparison,
    string? CompareError)
{
    /// <summary>The quarter as this page's address writes it ("2009-Q4").</summary>
    public string QuarterValue => Components.PackView.QueryValue(Quarter);

    /// <summary>The version chosen as "from" in the form: the comparison's, else the one before the latest.</summary>
    public int From => Comparison?.From.Record.Version ?? Math.Max(1, Versions.Count - 1);

    /// <summary>The version chosen as "to" in the form: the comparison's, else the latest.</summary>
    public int To => Comparison?.To.Record.Version ?? Versions.Count;
}

/// <summary>A version with its text from the reports table.</summary>
/// <param name="Record">The version as the history recorded it.</param>
/// <param name="Text">Its text; null when it is not in the reports table.</param>
/// <param name="Current">True for the quarter's latest version.</param>
public sealed record ReportVersionText(ReportVersionRecord Record, StoredReport? Text, bool Current);

/// <summary>One section of a report in two versions.</summary>
/// <param name="Name">The section's name ("Future work").</param>
/// <param name="Id">A name for its element ids ("future-work").</param>
/// <param name="From">The section in the earlier version; null when its text is not stored.</param>
/// <param name="To">The section in the later version; null when its text is not stored.</param>
public sealed record SectionChange(string Name, string Id, string? From, string? To)
{
    /// <summary>True, false, or null when either text is not stored.</summary>
    public bool? Changed => From is null || To is null ? null : !string.Equals(From, To, StringComparison.Ordinal);

    /// <summary>"Changed", "Not changed", or why it cannot be said.</summary>
    public string ChangedText => Changed switch
    {
        true => "Changed",
        false => "Not changed",
        null => "Cannot say: a text is not stored",
    };
}

/// <summary>Two versions of a report, section by section.</summary>
public sealed record ReportComparison(ReportVersionText From, ReportVersionText To)
{
    /// <summary>The report's sections: status, comments, progress, future work and expenditure.</summary>
    public IReadOnlyList<SectionChange> Sections
    {
        get
        {
            ReportContent? a = From.Text?.Content, b = To.Text?.Content;
            return
            [
                // The status is in the history too, so it can be compared when a text is missing.
                new("Status", "status", From.Record.Status.ToString(), To.Record.Status.ToString()),
                new("Comments on the project's status", "status-comments", a?.StatusComments, b?.StatusComments),
                new("Progress in last period", "progress", a?.ProgressInLastPeriod, b?.ProgressInLastPeriod),
                new("Future work", "future-work", a?.FutureWork, b?.FutureWork),
                new("Expenditure this period", "expenditure", a is null ? null : a.Expenditure?.ToString() ?? "Not given",
                    b is null ? null : b.Expenditure?.ToString() ?? "Not given"),
            ];
        }
    }
}

/// <summary>An action's page.</summary>
/// <param name="Refusal">Why it cannot be done (the project's rules, or its phase), in words.</param>
public sealed record ActionView(
    Person Officer,
    ProjectState State,
    OfficerAction Action,
    LocalDate Today,
    IReadOnlyList<ProjectProfile> Candidates,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<Lead.FieldError> Errors,
    string? Refusal,
    string SubmissionId)
{
    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The value sent for <paramref name="field"/> ("" when none).</summary>
    public string Value(string field) => Values.TryGetValue(field, out var value) ? value : "";
}

/// <summary>The words for a refused input on the project page.</summary>
public static class RefusedText
{
    /// <summary>What was refused, e.g. "A payment released" for RecordPaymentReleased.</summary>
    public static string What(string inputName) => inputName switch
    {
        nameof(RecordPaymentReleased) => "A payment released",
        nameof(SetRecoveryDeadline) => "A recovery deadline",
        nameof(ChangeWithdrawalAmount) => "A change to the withdrawal amount",
        nameof(ApproveWithdrawal) => "Approving the withdrawal",
        nameof(RejectWithdrawal) => "Rejecting the withdrawal",
        nameof(ExtendDeadline) => "Extending the deadline",
        nameof(ProposeReallocation) => "A reallocation proposal",
        nameof(ApproveReallocation) => "Approving the reallocation",
        nameof(RejectReallocation) => "Rejecting the reallocation",
        nameof(ReceiveReallocatedFunds) => "Reallocated funds",
        nameof(MarkProjectCompleted) => "Marking the project completed",
        nameof(ChangeLeadContact) => "A change of lead",
        nameof(PauseReporting) => "Pausing reporting",
        nameof(ResumeReporting) => "Resuming reporting",
        nameof(ReviewReport) => "A report's review",
        nameof(ChangeQuarterDueDate) => "A change of due date",
        nameof(SubmitQuarterlyReport) => "A quarterly report",
        nameof(SubmitInterimUpdate) => "An interim update",
        nameof(ChangePartnershipContacts) => "A change of the partnership's contacts",
        nameof(OverrideCycleSettings) => "A change of reporting timings",
        _ => inputName,
    };
}
