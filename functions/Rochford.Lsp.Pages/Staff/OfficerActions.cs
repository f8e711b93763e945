// The actions an officer can take on a project's page, each a small form at /projects/{code}/{step}: what it does is said
// before the POST, the fields are read and checked here, and the command goes to the project's workflow through
// ProjectInputs, which refuses in words whatever the project's rules refuse. The officer is always the signed-in one.

using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Rochford.Lsp.Pages.Decisions;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>An action an officer may take on a project.</summary>
/// <param name="Step">Its address under /projects/{code}/.</param>
/// <param name="Title">What it is called (the page's heading and the link on the project page).</param>
/// <param name="Button">The button that does it.</param>
public abstract record OfficerAction(string Step, string Title, string Button)
{
    /// <summary>True when it can be done in the project's current state.</summary>
    public abstract bool IsOpen(ProjectState state);

    /// <summary>What will happen, said before the POST.</summary>
    public abstract string WhatHappens(ProjectState state, LocalDate today);

    /// <summary>The form's fields.</summary>
    public abstract IReadOnlyList<ActionField> Fields(ProjectState state);

    /// <summary>The command the posted form makes (name and payload), or null when <paramref name="form"/> has errors.</summary>
    public abstract (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today);

    /// <summary>The payload as the workflow reads it.</summary>
    internal static string Json(object payload) => JsonSerializer.Serialize(payload);

    /// <summary>The officer as commands carry them.</summary>
    protected static object Who(Person officer) => new { officer.Name, officer.Email };

    /// <summary>An ISO date for a payload.</summary>
    protected static string? Iso(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;

    /// <summary>The hidden field naming the version of the proposal the page showed (ARCHITECTURE.md rule 11).</summary>
    public const string ProposalVersionField = "proposalVersion";

    /// <summary>The field that carries <paramref name="version"/>, the proposal shown.</summary>
    protected static ActionField ProposalVersion(int version) =>
        new(ProposalVersionField, "Proposal", null, FieldKind.Hidden) { Fixed = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The version of the proposal the officer was shown, or null with an error on <paramref name="field"/> when the form does not say.</summary>
    protected static int? ProposalVersion(ActionForm form, string field)
    {
        if (int.TryParse(form.Value(ProposalVersionField), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            return version;
        form.Fail(field, "The proposal you decided on is not known: open this page again");
        return null;
    }
}

/// <summary>Every officer action, by step.</summary>
public static class OfficerActions
{
    /// <summary>All of them, in the order the project page lists them.</summary>
    public static IReadOnlyList<OfficerAction> All { get; } =
    [
        new SetDeadlineAction(), new DecideWithdrawalAction(), new ProposeReallocationAction(), new DecideReallocationAction(),
        new ReviewReportAction(), new ChangeDueDateAction(), new RecordPaymentAction(), new PauseAction(), new ResumeAction(), new ChangeLeadAction(), new CompleteAction(),
    ];

    /// <summary>The steps, for the route table.</summary>
    public static IReadOnlyList<string> Steps { get; } = [.. All.Select(a => a.Step)];

    /// <summary>The action at <paramref name="step"/>, or null.</summary>
    public static OfficerAction? Find(string? step) => All.FirstOrDefault(a => string.Equals(a.Step, step, StringComparison.OrdinalIgnoreCase));
}

/// <summary>SetRecoveryDeadline.</summary>
public sealed record SetDeadlineAction() : OfficerAction("deadline", "Set or extend the recovery deadline", "Set the deadline")
{
    public override bool IsOpen(ProjectState state) => state.Phase == Phase.RedWatch;

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"The lead is emailed the new deadline and what is needed. If {state.Project.Code} is still Red at the end of that day, withdrawing its unreleased funding "
        + $"({state.Funding.Unreleased}) is proposed to the Executive Board." + (state.Red is { } red ? $" The deadline now is {UkCalendar.Display(red.Deadline)}." : "");

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
    [
        new("deadline", "New recovery deadline", "For example, 31 5 2010. The project must be Amber or Green by the end of this day.", FieldKind.Date),
        new("whatIsNeeded", "What is needed by then", "The lead sees this in the email and on the interim update form.", FieldKind.TextArea) { Optional = true },
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var deadline = form.Date("deadline", "the new recovery deadline");
        // The project's own rule, said at the field rather than refused after the POST.
        if (deadline is { } d && RecoveryDeadlines.Problem(d, today) is { } problem) form.Fail("deadline", problem);
        var needed = form.OptionalText("whatIsNeeded", "what is needed");
        return form.Errors.Count > 0 ? null : (nameof(SetRecoveryDeadline), new { Officer = Who(officer), Deadline = Iso(deadline), WhatIsNeeded = needed });
    }
}

/// <summary>ApproveWithdrawal, RejectWithdrawal or ExtendDeadline.</summary>
public sealed record DecideWithdrawalAction() : OfficerAction("withdrawal", "Decide the proposed withdrawal", "Record the decision")
{
    public override bool IsOpen(ProjectState state) => state.Phase == Phase.WithdrawalProposed && state.Withdrawal is not null;

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"Withdrawing {state.Withdrawal?.Amount} of {state.Project.Code}'s funding was proposed on {(state.Withdrawal is { } w ? UkCalendar.Display(w.ProposedOn) : "")}. "
        + "Approving withdraws it (the lead, the officers and the Executive Board are told) and the money can then be reallocated; it cites the Executive Board's "
        + $"decision, so give the date of that decision and its minute reference, which go into {state.Project.Code}'s history and the emails. "
        + "Rejecting keeps the funding; if the project is still Red it stays on Red watch with a new deadline. Extending gives the project until a new date.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
    [
        ProposalVersion(state.Withdrawal?.Version ?? 0),
        new("decision", "Your decision", null, FieldKind.Radios)
        {
            Choices = [("approve", "Approve the withdrawal"), ("reject", "Reject it: the project keeps its funding"), ("extend", "Extend the deadline instead")],
        },
        // Required when approving (DecisionChecks.ExecutiveDecision); "optional" here only because the other choices leave them empty.
        new("executiveDecisionDate", "Date of the Executive Board's decision (if approving)", "Today or earlier. For example, 7 6 2010.", FieldKind.Date) { Optional = true },
        new("minuteReference", "Minute reference of the decision (if approving)", "As the Executive Board's minutes number it, for example LSP Executive 7 June 2010, item 6.", FieldKind.Text) { Optional = true },
        new("newDeadline", "New recovery deadline (if extending; optional if rejecting)", "For example, 30 6 2010.", FieldKind.Date) { Optional = true },
        new("reason", "Reason (if rejecting or extending)", null, FieldKind.TextArea) { Optional = true },
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var decision = form.Choice("decision", "your decision", ["approve", "reject", "extend"]);
        var seen = ProposalVersion(form, "decision");
        switch (decision)
        {
            case "approve":
            {
                var date = form.Parts("executiveDecisionDate");
                var minute = form.Value("minuteReference").Trim();
                var problems = new List<Lead.FieldError>();
                DecisionChecks.ExecutiveDecision(problems, "executiveDecisionDate", date, "minuteReference", minute, today);
                // As the project's rules have it: the Board cannot have decided on this withdrawal before the project went Red.
                if (!problems.Any(p => p.Field == "executiveDecisionDate") && date.Date is { } decided && state.Red is { } red && decided < red.RedSince)
                    problems.Insert(0, new("executiveDecisionDate",
                        $"The date of the Executive Board's decision must be on or after {UkCalendar.Display(red.RedSince)}, when {state.Project.Code} went Red"));
                foreach (var problem in problems) form.Fail(problem.Field, problem.Message);
                return form.Errors.Count > 0 ? null
                    : (nameof(ApproveWithdrawal), new { Officer = Who(officer), ExecutiveDecisionDate = Iso(date.Date), MinuteReference = minute, ProposalVersion = seen });
            }
            case "reject":
            {
                var deadline = AfterToday(form.Date("newDeadline", "the new recovery deadline", optional: true), form, today);
                var reason = form.Text("reason", "the reason for rejecting the withdrawal");
                return form.Errors.Count > 0 ? null
                    : (nameof(RejectWithdrawal), new { Officer = Who(officer), Reason = reason, NewDeadline = Iso(deadline), ProposalVersion = seen });
            }
            case "extend":
            {
                var deadline = AfterToday(form.Date("newDeadline", "the new recovery deadline"), form, today);
                var reason = form.Text("reason", "the reason for extending the deadline");
                return form.Errors.Count > 0 ? null
                    : (nameof(ExtendDeadline), new { Officer = Who(officer), NewDeadline = Iso(deadline), Reason = reason, ProposalVersion = seen });
            }
            default:
                return null;
        }
    }

    // As the project's rules have it (after today, since a deadline of today would pass tonight, and within two years): said at
    // the field rather than as a refusal.
    private static LocalDate? AfterToday(LocalDate? deadline, ActionForm form, LocalDate today)
    {
        if (deadline is { } d && RecoveryDeadlines.Problem(d, today, "The new recovery deadline") is { } problem) form.Fail("newDeadline", problem);
        return deadline;
    }
}

/// <summary>ProposeReallocation: amounts for projects of the same stream, those addressing the same indicators first.</summary>
public sealed record ProposeReallocationAction() : OfficerAction("reallocate", "Propose a reallocation", "Propose the reallocation")
{
    /// <summary>
    /// The other projects that could receive the money, set by the page before rendering: the domain's ranking
    /// (<see cref="ReallocationCandidates.Rank"/>: same stream; the same performance indicators first, then the same priority),
    /// leaving out projects that are no longer funded or are losing their funding.
    /// </summary>
    public static IReadOnlyList<ProjectProfile> Candidates(ProjectState state, IEnumerable<ProjectState> all)
    {
        var states = all.ToList();
        // Not those losing their funding either (awaiting their own withdrawal, or withdrawn): money sent there could never be
        // paid, and the project refuses it (issue 21).
        var unfunded = states.Where(s => s.Phase is Phase.WithdrawalProposed or Phase.FundingWithdrawn or Phase.ReallocationProposed or Phase.Completed or Phase.Closed)
            .Select(s => s.Project.Code).ToHashSet(StringComparer.Ordinal);
        return [.. ReallocationCandidates.Rank(state.Project, states.Select(s => s.Project), unfunded).Select(c => c.Project)];
    }

    /// <summary>The codes of the projects offered on the page (set by the handler from <see cref="Candidates"/>).</summary>
    public IReadOnlyList<string> CandidateCodes { get; init; } = [];

    public override bool IsOpen(ProjectState state) => state.Phase == Phase.FundingWithdrawn;

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"{state.Funding.Withdrawn} was withdrawn from {state.Project.Code}. Propose how much each project should receive; anything not allocated returns to the "
        + $"{state.Project.FundingStream.Describe()} stream's unallocated balance. A different officer must approve it before any money moves.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
        [new("note", "Note for the approving officer", null, FieldKind.TextArea) { Optional = true }];

    /// <summary>The amount field of <paramref name="code"/>.</summary>
    public static string AmountField(string code) => $"amount-{code}";

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var allocations = new List<object>();
        var total = Money.Zero;
        // Only the projects the page offered (same stream, still funded); anything else posted is ignored.
        foreach (var code in CandidateCodes)
        {
            var field = AmountField(code);
            if (form.Amount(field, $"the amount for {code}", optional: true) is not { } amount) continue;
            if (amount > state.Funding.Withdrawn)
            {
                form.Fail(field, $"The amount for {code} must be at most the {state.Funding.Withdrawn} withdrawn");
                continue;
            }
            allocations.Add(new { ProjectCode = code, Amount = amount.Pence });
            total += amount;
        }
        if (form.Errors.Count == 0 && allocations.Count == 0) form.Fail("note", "Enter an amount for at least one project");
        if (total > state.Funding.Withdrawn) form.Fail("note", $"The amounts add up to {total}, more than the {state.Funding.Withdrawn} withdrawn");
        var note = form.OptionalText("note", "the note");
        return form.Errors.Count > 0 ? null : (nameof(ProposeReallocation), new { Officer = Who(officer), Allocations = allocations, Note = note });
    }
}

/// <summary>ApproveReallocation or RejectReallocation (a different officer from the proposer).</summary>
public sealed record DecideReallocationAction() : OfficerAction("approve-reallocation", "Approve or reject the proposed reallocation", "Record the decision")
{
    public override bool IsOpen(ProjectState state) => state.Phase == Phase.ReallocationProposed && state.Reallocation is not null;

    public override string WhatHappens(ProjectState state, LocalDate today) => state.Reallocation is not { } r ? "" :
        $"{r.ProposedBy.Name} proposed on {UkCalendar.Display(r.ProposedOn)}: {string.Join(", ", r.Allocations.Select(a => $"{a.Amount} to {a.ProjectCode}"))}. "
        + "Approving moves the money to those projects (their awards go up) and tells the officers and the Executive Board; the proposer cannot approve their own proposal. "
        + "Rejecting lets an officer propose again.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
    [
        ProposalVersion(state.Reallocation?.Version ?? 0),
        new("decision", "Your decision", null, FieldKind.Radios) { Choices = [("approve", "Approve the reallocation"), ("reject", "Reject it")] },
        new("reason", "Reason (if rejecting)", null, FieldKind.TextArea) { Optional = true },
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var decision = form.Choice("decision", "your decision", ["approve", "reject"]);
        // The decision is on the proposal this page showed: if another has replaced it since, the project refuses it in words.
        var seen = ProposalVersion(form, "decision");
        if (decision == "reject")
        {
            var reason = form.Text("reason", "the reason for rejecting the reallocation");
            return form.Errors.Count > 0 ? null : (nameof(RejectReallocation), new { Officer = Who(officer), Reason = reason, ProposalVersion = seen });
        }
        return decision is null || form.Errors.Count > 0 ? null : (nameof(ApproveReallocation), new { Officer = Who(officer), ProposalVersion = seen });
    }
}

/// <summary>ReviewReport on the latest version of the latest submitted quarter's report.</summary>
public sealed record ReviewReportAction() : OfficerAction("review", "Review a report", "Record the review")
{
    /// <summary>The report to review: the latest submitted quarter's.</summary>
    public static QuarterReport? Reviewable(ProjectState state) => state.Quarters.LastOrDefault(q => q.Latest is not null);

    public override bool IsOpen(ProjectState state) => Transitions.Permits(state.Phase, Trigger.ReviewReport) && Reviewable(state) is not null;

    public override string WhatHappens(ProjectState state, LocalDate today)
    {
        if (Reviewable(state) is not { Latest: { } latest } report) return "";
        var period = report.Quarter.PeriodCovered;
        var now = report.Review is { } r && r.Version == latest.Version
            ? r.Outcome == ReviewOutcome.Accepted
                ? $" {r.ReviewedBy.Name} accepted it on {UkCalendar.Display(r.ReviewedOn)}."
                : $" {r.ReviewedBy.Name} asked for changes to {ReportSections.Labels(r.Sections)} on {UkCalendar.Display(r.ReviewedOn)}."
            : " It has not been reviewed yet.";
        return $"You are reviewing version {latest.Version} of the {period} report ({latest.Status}, received {UkCalendar.Display(UkCalendar.Today(latest.ReceivedAt))}"
            + $"{(latest.Late ? ", late" : "")}).{now} Accepting it is recorded in the history; payments are held until the latest report is accepted. "
            + $"Asking for changes emails {state.Project.Lead.Name} a link to change the sections you tick (the officers are copied); the form takes the changes, "
            + "even after the due date, until they are sent.";
    }

    private static readonly IReadOnlyList<(string Value, string Text)> SectionChoices =
        [.. Enum.GetValues<ReportSection>().Select(section => (section.ToString(), ReportSections.Label(section)))];

    public override IReadOnlyList<ActionField> Fields(ProjectState state) => Reviewable(state) is not { Latest: { } latest } report ? [] :
    [
        new("quarter", "Quarter", null, FieldKind.Hidden) { Fixed = report.Quarter.Label },
        new("version", "Version", null, FieldKind.Hidden) { Fixed = latest.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        new("outcome", "Your review", null, FieldKind.Radios)
        {
            Choices = [("Accepted", "Accept the report"), ("ChangesRequested", "Ask the lead to change parts of it")],
        },
        new("sections", "Sections to change (if asking for changes)", "Only these are reopened; the rest stays as sent.", FieldKind.Checkboxes) { Optional = true, Choices = SectionChoices },
        new("note", "What you ask for, or a note", "If asking for changes, the lead sees this in the email.", FieldKind.TextArea) { Optional = true },
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var quarter = FinancialQuarter.TryParse(form.Value("quarter"), out var q) ? q : (FinancialQuarter?)null;
        var version = int.TryParse(form.Value("version"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        if (quarter is null || version < 1) form.Fail("outcome", "The report reviewed is not known: open the review page again");
        var outcome = form.Choice("outcome", "your review", ["Accepted", "ChangesRequested"]);
        var sections = form.Choices("sections", "the sections to change", [.. SectionChoices.Select(c => c.Value)]);
        if (outcome == "ChangesRequested" && sections.Count == 0) form.Fail("sections", "Select the sections the lead should change");
        if (outcome == "Accepted" && sections.Count > 0) form.Fail("sections", "Leave the sections unticked when accepting the report");
        var note = form.OptionalText("note", "the note");
        return form.Errors.Count > 0 ? null
            : (nameof(ReviewReport), new { Officer = Who(officer), Quarter = quarter!.Value.Label, Version = version, Outcome = outcome, Sections = sections, Note = note });
    }
}

/// <summary>ChangeQuarterDueDate for a report the lead still owes.</summary>
public sealed record ChangeDueDateAction() : OfficerAction("due-date", "Change a report's due date", "Change the due date")
{
    /// <summary>The quarters whose reports are still owed, latest first.</summary>
    public static IReadOnlyList<QuarterReport> Outstanding(ProjectState state) => [.. state.Quarters.Where(q => q.IsOutstanding).Reverse()];

    public override bool IsOpen(ProjectState state) => Transitions.Permits(state.Phase, Trigger.ChangeQuarterDueDate) && Outstanding(state).Count > 0;

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"{string.Join(" ", Outstanding(state).Select(q => $"The {q.Quarter.PeriodCovered} report is due by {UkCalendar.Display(q.DueOn)}."))} "
        + $"{state.Project.Lead.Name} is emailed the new date and your reason, with the officers copied. The reminder, the overdue chase and "
        + "\"no report received\" follow the new date, and a report sent by it is not late.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state)
    {
        var outstanding = Outstanding(state);
        ActionField quarter = outstanding.Count == 1
            ? new("quarter", "Quarter", null, FieldKind.Hidden) { Fixed = outstanding[0].Quarter.Label }
            : new("quarter", "Which report", null, FieldKind.Radios)
            {
                Choices = [.. outstanding.Select(q => (q.Quarter.Label, $"{q.Quarter.PeriodCovered} (due by {UkCalendar.Display(q.DueOn)})"))],
            };
        return
        [
            quarter,
            new("dueOn", "New due date", "For example, 14 5 2010. Today or later.", FieldKind.Date),
            new("reason", "Reason", "The lead sees this in the email.", FieldKind.TextArea),
        ];
    }

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var outstanding = Outstanding(state);
        var label = outstanding.Count == 1 ? form.Value("quarter") : form.Choice("quarter", "which report", outstanding.Select(q => q.Quarter.Label));
        if (label is not null && !FinancialQuarter.TryParse(label, out _)) form.Fail("quarter", "Select which report");
        var dueOn = form.Date("dueOn", "the new due date");
        if (dueOn is { } d && d < today) form.Fail("dueOn", "The new due date must be today or later");
        else if (dueOn is { } late && late > RecoveryDeadlines.Latest(today))
            form.Fail("dueOn", $"The new due date must be within two years of today: {UkCalendar.Display(RecoveryDeadlines.Latest(today))} at the latest");
        var reason = form.Text("reason", "the reason");
        return form.Errors.Count > 0 ? null : (nameof(ChangeQuarterDueDate), new { Officer = Who(officer), Quarter = label, DueOn = Iso(dueOn), Reason = reason });
    }
}

/// <summary>RecordPaymentReleased.</summary>
public sealed record RecordPaymentAction() : OfficerAction("payment", "Record a payment released", "Record the payment")
{
    /// <summary>The earliest date a payment can be recorded as released: the partnership's funding began in the 2000s.</summary>
    public static readonly LocalDate EarliestPayment = new(2000, 1, 1);

    public override bool IsOpen(ProjectState state) => state.Phase is not (Phase.Closed or Phase.Completed or Phase.FundingWithdrawn or Phase.ReallocationProposed);

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"The payment is added to what {state.Project.Organisation} has been paid ({state.Funding.Released} of {state.Funding.Awarded} so far; {state.Funding.Unreleased} unreleased). "
        + "While a report is overdue, or the latest report has not been accepted by an officer, a payment is held, unless you give a reason to release it anyway, which is recorded.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
    [
        new("amount", "Amount released", "In pounds, for example 2,500.00.", FieldKind.Money),
        new("releasedOn", "Date released", "For example, 15 4 2010.", FieldKind.Date),
        new("reference", "Payment reference", null, FieldKind.Text) { Optional = true },
        new("overrideReason", "Reason to release it although a report is overdue or not accepted", "Leave empty unless a report is overdue or the latest report is not accepted.", FieldKind.TextArea) { Optional = true },
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var amount = form.Amount("amount", "the amount released");
        var on = form.Date("releasedOn", "the date released");
        if (on is { } d && d > today) form.Fail("releasedOn", "The date released must be today or earlier");
        else if (on is { } early && early < EarliestPayment) form.Fail("releasedOn", $"The date released must be on or after {UkCalendar.Display(EarliestPayment)}");
        var reference = form.OptionalText("reference", "the payment reference", 200);
        var reason = form.OptionalText("overrideReason", "the reason");
        return form.Errors.Count > 0 ? null
            : (nameof(RecordPaymentReleased), new
            {
                Officer = Who(officer), Amount = amount!.Value.Pence, ReleasedOn = Iso(on), Reference = reference, OverrideReason = reason,
                // One form is one payment: sent again, even with an edited amount, it is not a second one.
                PaymentId = form.SubmissionId,
            });
    }
}

/// <summary>PauseReporting.</summary>
public sealed record PauseAction() : OfficerAction("pause", "Pause reporting", "Pause reporting")
{
    public override bool IsOpen(ProjectState state) => state.Phase is Phase.Reporting;

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"No more quarterly reports are requested from {state.Project.Code}, and any report still owed is excused, until an officer resumes reporting.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) => [new("reason", "Why reporting is paused", null, FieldKind.TextArea)];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var reason = form.Text("reason", "why reporting is paused");
        return form.Errors.Count > 0 ? null : (nameof(PauseReporting), new { Officer = Who(officer), Reason = reason });
    }
}

/// <summary>ResumeReporting.</summary>
public sealed record ResumeAction() : OfficerAction("resume", "Resume reporting", "Resume reporting")
{
    public override bool IsOpen(ProjectState state) => state.Phase is Phase.Paused;

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"Quarterly reports are requested from {state.Project.Code} again, from the current quarter.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) => [];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today) =>
        (nameof(ResumeReporting), new { Officer = Who(officer) });
}

/// <summary>ChangeLeadContact.</summary>
public sealed record ChangeLeadAction() : OfficerAction("lead", "Change the lead contact", "Change the lead contact")
{
    public override bool IsOpen(ProjectState state) => state.Phase is not (Phase.Closed or Phase.Completed);

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"Requests, reminders and receipts go to the new lead from now on. The lead now is {state.Project.Lead.Name} ({state.Project.Lead.Email}).";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
    [
        new("leadName", "Lead's name", null, FieldKind.Text),
        new("leadEmail", "Lead's email address", null, FieldKind.Email),
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var name = form.Text("leadName", "the lead's name", 200);
        var email = form.Email("leadEmail", "the lead's email address");
        return form.Errors.Count > 0 ? null : (nameof(ChangeLeadContact), new { Officer = Who(officer), Lead = new { Name = name, Email = email } });
    }
}

/// <summary>MarkProjectCompleted.</summary>
public sealed record CompleteAction() : OfficerAction("complete", "Mark the project completed", "Mark completed")
{
    public override bool IsOpen(ProjectState state) => state.Phase is Phase.Reporting or Phase.Paused;

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"{state.Project.Code} is recorded as delivered and finished: no more reports are requested, and it can no longer receive reallocated funds.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) => [new("note", "Note", null, FieldKind.TextArea) { Optional = true }];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var note = form.OptionalText("note", "the note");
        return form.Errors.Count > 0 ? null : (nameof(MarkProjectCompleted), new { Officer = Who(officer), Note = note });
    }
}
