// The actions an officer can take on a project's page, each a small form at /projects/{code}/{step}: what it does is said
// before the POST, the fields are read and checked here, and the command goes to the project's workflow through
// ProjectInputs, which refuses in words whatever the project's rules refuse. The officer is always the signed-in one.

using System.Text.Json;
using NodaTime;
using NodaTime.Text;
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
}

/// <summary>Every officer action, by step.</summary>
public static class OfficerActions
{
    /// <summary>All of them, in the order the project page lists them.</summary>
    public static IReadOnlyList<OfficerAction> All { get; } =
    [
        new SetDeadlineAction(), new DecideWithdrawalAction(), new ProposeReallocationAction(), new DecideReallocationAction(),
        new RecordPaymentAction(), new PauseAction(), new ResumeAction(), new ChangeLeadAction(), new CompleteAction(),
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
        if (deadline is { } d && d < today) form.Fail("deadline", "The new recovery deadline must be today or later");
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
        + "Approving withdraws it (the lead, the officers and the Executive Board are told) and the money can then be reallocated. "
        + "Rejecting keeps the funding; if the project is still Red it stays on Red watch with a new deadline. Extending gives the project until a new date.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
    [
        new("decision", "Your decision", null, FieldKind.Radios)
        {
            Choices = [("approve", "Approve the withdrawal"), ("reject", "Reject it: the project keeps its funding"), ("extend", "Extend the deadline instead")],
        },
        new("executiveDecisionDate", "Date of the Executive Board's decision (if approving)", "For example, 7 6 2010.", FieldKind.Date) { Optional = true },
        new("minuteReference", "Minute reference (if approving)", null, FieldKind.Text) { Optional = true },
        new("newDeadline", "New recovery deadline (if extending; optional if rejecting)", "For example, 30 6 2010.", FieldKind.Date) { Optional = true },
        new("reason", "Reason (if rejecting or extending)", null, FieldKind.TextArea) { Optional = true },
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var decision = form.Choice("decision", "your decision", ["approve", "reject", "extend"]);
        switch (decision)
        {
            case "approve":
            {
                var on = form.Date("executiveDecisionDate", "the date of the Executive Board's decision", optional: true);
                if (on is { } d && d > today) form.Fail("executiveDecisionDate", "The date of the Executive Board's decision must be today or earlier");
                var minute = form.OptionalText("minuteReference", "the minute reference", 200);
                return form.Errors.Count > 0 ? null : (nameof(ApproveWithdrawal), new { Officer = Who(officer), ExecutiveDecisionDate = Iso(on), MinuteReference = minute });
            }
            case "reject":
            {
                var deadline = form.Date("newDeadline", "the new recovery deadline", optional: true);
                var reason = form.Text("reason", "the reason for rejecting the withdrawal");
                return form.Errors.Count > 0 ? null : (nameof(RejectWithdrawal), new { Officer = Who(officer), Reason = reason, NewDeadline = Iso(deadline) });
            }
            case "extend":
            {
                var deadline = form.Date("newDeadline", "the new recovery deadline");
                var reason = form.Text("reason", "the reason for extending the deadline");
                return form.Errors.Count > 0 ? null : (nameof(ExtendDeadline), new { Officer = Who(officer), NewDeadline = Iso(deadline), Reason = reason });
            }
            default:
                return null;
        }
    }
}

/// <summary>ProposeReallocation: amounts for projects of the same stream, those addressing the same indicators first.</summary>
public sealed record ProposeReallocationAction() : OfficerAction("reallocate", "Propose a reallocation", "Propose the reallocation")
{
    /// <summary>The other projects that could receive the money, set by the page before rendering (same stream, same indicators first).</summary>
    public static IReadOnlyList<ProjectProfile> Candidates(ProjectState state, IEnumerable<ProjectState> all) =>
    [
        .. all.Where(s => s.Project.Code != state.Project.Code && s.Project.FundingStream == state.Project.FundingStream
                && s.Phase is not (Phase.FundingWithdrawn or Phase.Completed or Phase.Closed))
            .Select(s => s.Project)
            .OrderByDescending(p => p.PerformanceIndicators.Intersect(state.Project.PerformanceIndicators).Count())
            .ThenBy(p => p.Code, StringComparer.Ordinal),
    ];

    public override bool IsOpen(ProjectState state) => state.Phase == Phase.FundingWithdrawn;

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"{state.Funding.Withdrawn} was withdrawn from {state.Project.Code}. Propose how much each project should receive; anything not allocated returns to the "
        + $"{state.Project.FundingStream} stream's unallocated balance. A different officer must approve it before any money moves.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
        [new("note", "Note for the approving officer", null, FieldKind.TextArea) { Optional = true }];

    /// <summary>The amount field of <paramref name="code"/>.</summary>
    public static string AmountField(string code) => $"amount-{code}";

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var allocations = new List<object>();
        var total = Money.Zero;
        foreach (var field in form.Values.Keys.Where(k => k.StartsWith("amount-", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var code = field["amount-".Length..];
            if (form.Amount(field, $"the amount for {code}", optional: true) is { } amount)
            {
                allocations.Add(new { ProjectCode = code, Amount = amount.Pence });
                total += amount;
            }
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
        new("decision", "Your decision", null, FieldKind.Radios) { Choices = [("approve", "Approve the reallocation"), ("reject", "Reject it")] },
        new("reason", "Reason (if rejecting)", null, FieldKind.TextArea) { Optional = true },
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var decision = form.Choice("decision", "your decision", ["approve", "reject"]);
        if (decision == "reject")
        {
            var reason = form.Text("reason", "the reason for rejecting the reallocation");
            return form.Errors.Count > 0 ? null : (nameof(RejectReallocation), new { Officer = Who(officer), Reason = reason });
        }
        return decision is null ? null : (nameof(ApproveReallocation), new { Officer = Who(officer) });
    }
}

/// <summary>RecordPaymentReleased.</summary>
public sealed record RecordPaymentAction() : OfficerAction("payment", "Record a payment released", "Record the payment")
{
    public override bool IsOpen(ProjectState state) => state.Phase is not (Phase.Closed or Phase.Completed or Phase.FundingWithdrawn or Phase.ReallocationProposed);

    public override string WhatHappens(ProjectState state, LocalDate today) =>
        $"The payment is added to what {state.Project.Organisation} has been paid ({state.Funding.Released} of {state.Funding.Awarded} so far; {state.Funding.Unreleased} unreleased). "
        + "While a report is overdue a payment is held, unless you give a reason to release it anyway, which is recorded.";

    public override IReadOnlyList<ActionField> Fields(ProjectState state) =>
    [
        new("amount", "Amount released", "In pounds, for example 2,500.00.", FieldKind.Money),
        new("releasedOn", "Date released", "For example, 15 4 2010.", FieldKind.Date),
        new("reference", "Payment reference", null, FieldKind.Text) { Optional = true },
        new("overrideReason", "Reason to release it although a report is overdue", "Leave empty unless a report is overdue.", FieldKind.TextArea) { Optional = true },
    ];

    public override (string Name, object Payload)? Command(ActionForm form, Person officer, ProjectState state, LocalDate today)
    {
        var amount = form.Amount("amount", "the amount released");
        var on = form.Date("releasedOn", "the date released");
        if (on is { } d && d > today) form.Fail("releasedOn", "The date released must be today or earlier");
        var reference = form.OptionalText("reference", "the payment reference", 200);
        var reason = form.OptionalText("overrideReason", "the reason");
        return form.Errors.Count > 0 ? null
            : (nameof(RecordPaymentReleased), new { Officer = Who(officer), Amount = amount!.Value.Pence, ReleasedOn = Iso(on), Reference = reference, OverrideReason = reason });
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
