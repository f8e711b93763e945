using NodaTime;
using Rochford.Lsp.Pages.Decisions;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Pages.Components;

/// <summary>A GOV.UK date input (day, month, year) named <paramref name="Name"/>.</summary>
public sealed record DateInputField(string Name, string Legend, string Hint, DateParts Value, string? Error);

/// <summary>One quarter's line of a RAG history.</summary>
/// <param name="Period">"Jan - Mar 2010".</param>
/// <param name="Status">Red, Amber or Green; null while the report is still owed or was not needed.</param>
/// <param name="Detail">What the status rests on: the version and when it came, no report, or still to come.</param>
public sealed record RagLine(string Period, Rag? Status, string Detail);

/// <summary>The Executive's project summary.</summary>
public sealed record ProjectSummaryView(SummaryContext Summary, DateTimeOffset Now)
{
    /// <summary>The project as now recorded.</summary>
    public ProjectState State => Summary.State;

    /// <summary>Each requested quarter, oldest first.</summary>
    public IReadOnlyList<RagLine> RagHistory => DecisionText.RagHistory(State);

    /// <summary>Where the project stands, in words.</summary>
    public string Situation => DecisionText.Situation(State);

    /// <summary>What happened, newest first (the most recent 20).</summary>
    public IReadOnlyList<HistoryRecord> Recent => [.. Summary.History.OrderByDescending(h => h.Sequence).ThenByDescending(h => h.Index).Take(20)];
}

/// <summary>The withdrawal decision page.</summary>
public sealed record WithdrawalDecisionView(DecisionContext Context, WithdrawalAnswers Answers, IReadOnlyList<FieldError> Errors, LocalDate Today)
{
    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The proposal.</summary>
    public WithdrawalProposal Proposal => Context.State.Withdrawal!;

    /// <summary>True when the latest status is still Red, so rejecting keeps the Red watch going.</summary>
    public bool StillRed => DecisionText.LatestStatus(Context.State) == Rag.Red;

    /// <summary>The deadline a rejection without one gives.</summary>
    public LocalDate UsualDeadline => Today.PlusWeeks(Context.State.Settings.RecoveryWeeksAfterReportingDate);
}

/// <summary>The reallocation decision page.</summary>
public sealed record ReallocationDecisionView(DecisionContext Context, ReallocationAnswers Answers, IReadOnlyList<FieldError> Errors)
{
    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The proposal.</summary>
    public ReallocationProposal Proposal => Context.State.Reallocation!;

    /// <summary>The withdrawn funding the proposal shares out.</summary>
    public Money Held => Context.State.Funding.Withdrawn;

    /// <summary>What returns to the stream's unallocated balance.</summary>
    public Money Returned => Held - Money.Sum(Proposal.Allocations.Select(a => a.Amount));

    /// <summary>True when the link's officer proposed it (a different officer must approve).</summary>
    public bool IsProposer => Context.Officer.IsSamePersonAs(Proposal.ProposedBy);
}

/// <summary>The confirmation after a decision was recorded.</summary>
/// <param name="Title">The panel's title, e.g. "Withdrawal approved".</param>
/// <param name="Body">The panel's line.</param>
/// <param name="Next">What happens next, one paragraph each.</param>
public sealed record DecisionRecordedView(DecisionContext Context, string Title, string Body, IReadOnlyList<string> Next)
{
    /// <summary>The withdrawal decision recorded from <paramref name="answers"/>.</summary>
    public static DecisionRecordedView ForWithdrawal(DecisionContext context, WithdrawalAnswers answers)
    {
        var code = context.Project.Code;
        var amount = context.State.Withdrawal!.Amount;
        return answers.Decision switch
        {
            WithdrawalAnswers.Approve => new(context, "Withdrawal approved", $"{code}: {amount} withdrawn",
            [
                $"The approval cites the Executive Board's decision of {UkCalendar.Display(answers.ApproveDate.Date!.Value)} (minute {answers.MinuteReference}).",
                $"{code} stops reporting. Its lead, the Executive Board and the officers are emailed.",
                amount.Pence > 0 ? $"The withdrawn {amount} waits for an officer to propose how to reallocate it, and a different officer to approve that." : "There was nothing unreleased to withdraw, so the project closes.",
            ]),
            WithdrawalAnswers.Reject => new(context, "Withdrawal rejected", $"{code} keeps its funding",
            [
                $"The lead and the officers are emailed. If {code} is still Red, it stays on Red watch with its new deadline.",
            ]),
            _ => new(context, "Deadline extended", $"{code}: new deadline {UkCalendar.Display(answers.ExtendDeadline.Date!.Value)}",
            [
                $"{code} keeps its funding and stays on Red watch. The lead is emailed the new deadline and your reason.",
            ]),
        };
    }

    /// <summary>The reallocation decision recorded from <paramref name="answers"/>.</summary>
    public static DecisionRecordedView ForReallocation(DecisionContext context, ReallocationAnswers answers) => answers.Decision == ReallocationAnswers.Approve
        ? new(context, "Reallocation approved", $"{context.Project.Code}'s withdrawn funding is reallocated",
            ["The money moves to the projects named, and the Executive Board and the officers are emailed."])
        : new(context, "Reallocation rejected", "Nothing has moved",
            [$"{context.State.Reallocation!.ProposedBy.Name}, who proposed it, and the other officers are emailed, so that another reallocation can be proposed."]);
}

/// <summary>Words shared by the summary and decision pages.</summary>
public static class DecisionText
{
    /// <summary>Each requested quarter's status, oldest first.</summary>
    public static IReadOnlyList<RagLine> RagHistory(ProjectState state) =>
    [
        .. state.Quarters.Select(q => q.Stage switch
        {
            QuarterStage.NoReport when q.Latest is null => new RagLine(q.Quarter.PeriodCovered, Rag.Red, $"No report received by {UkCalendar.Display(q.DueOn)}: counts as Red"),
            QuarterStage.Excused => new RagLine(q.Quarter.PeriodCovered, null, "Not needed: reporting was paused"),
            _ when q.Latest is { } latest => new RagLine(q.Quarter.PeriodCovered, latest.Status,
                $"Version {latest.Version}, received {UkCalendar.Display(UkCalendar.Today(latest.ReceivedAt))}{(latest.Late ? " (late)" : "")}"),
            _ => new RagLine(q.Quarter.PeriodCovered, null, $"Requested, due by {UkCalendar.Display(q.DueOn)}"),
        }),
    ];

    /// <summary>The latest status (<see cref="Staff.ProjectRow.CurrentRag"/>, as the officers' pages show it); Red when nothing was reported.</summary>
    public static Rag LatestStatus(ProjectState state) => Staff.ProjectRow.CurrentRag(state) ?? Rag.Red;

    /// <summary>Where the project stands, in a sentence.</summary>
    public static string Situation(ProjectState state) => PhaseText.Sentence(state);

    /// <summary>The GOV.UK tag colour for a status.</summary>
    public static string TagClass(Rag? status) => status switch
    {
        Rag.Red => "govuk-tag govuk-tag--red",
        Rag.Amber => "govuk-tag govuk-tag--orange",
        Rag.Green => "govuk-tag govuk-tag--green",
        _ => "govuk-tag govuk-tag--grey",
    };
}

/// <summary>Something sent that is not decided yet: what it is, where to see whether it was done.</summary>
/// <param name="Officer">The signed-in officer (for the menu), if any.</param>
public sealed record PendingView(Person? Officer, string Title, string Text, string Href, string LinkText);
