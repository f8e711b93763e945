// The decision forms' answers as typed, their validation with GOV.UK-style messages, and the workflow input each valid
// answer makes. The same rules as the domain's payload reader and decider, checked first so people get a message per field.

using System.Globalization;
using NodaTime;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Security;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Pages.Decisions;

/// <summary>A GOV.UK date input's three fields as typed.</summary>
public sealed record DateParts(string Day, string Month, string Year)
{
    /// <summary>No date.</summary>
    public static DateParts Empty { get; } = new("", "", "");

    /// <summary>
    /// Reads the fields <paramref name="name"/>-day, -month and -year. A whole date typed in the day box with the others left
    /// empty ("31 5 2010", as the hints write dates, or "31/5/2010") is read as its day, month and year.
    /// </summary>
    public static DateParts FromForm(IFormCollection form, string name)
    {
        var parts = new DateParts(Field(form, $"{name}-day"), Field(form, $"{name}-month"), Field(form, $"{name}-year"));
        var whole = form[$"{name}-day"].ToString().Trim().Split([' ', '/', '-', '.'], StringSplitOptions.RemoveEmptyEntries);
        return parts is { Month: "", Year: "" } && whole.Length == 3 ? new DateParts(whole[0], whole[1], whole[2]) : parts;
    }

    /// <summary>True when nothing was typed.</summary>
    public bool IsEmpty => Day.Length == 0 && Month.Length == 0 && Year.Length == 0;

    /// <summary>
    /// The date, when the fields make a real one (a four-digit year from 1900). Whether it is a date the field accepts (after
    /// today, within two years, ...) is each field's own rule, said in its own words: 1 1 1999 is a real date, long past.
    /// </summary>
    public LocalDate? Date =>
        int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
        && int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && Year.Length == 4 && y >= 1900 && m is >= 1 and <= 12 && d >= 1 && d <= CalendarSystem.Iso.GetDaysInMonth(y, m)
            ? new LocalDate(y, m, d)
            : null;

    private static string Field(IFormCollection form, string name)
    {
        var value = form[name].ToString().Trim();
        return value.Length > 10 ? value[..10] : value;
    }
}

/// <summary>Checks shared by the decision forms.</summary>
internal static class DecisionChecks
{
    public const int MaxReasonLength = ReportAnswers.MaxTextLength;
    public const int MaxReferenceLength = 200;

    /// <summary>The proposal version a decision form's hidden field carries, if it carries one.</summary>
    public static int? Version(IFormCollection form) =>
        int.TryParse(form["proposalVersion"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    /// <summary>A required reason: blank, too long, or fine.</summary>
    public static void Reason(List<FieldError> errors, string field, string text, string missing, string what)
    {
        if (FormText.IsBlank(text)) errors.Add(new(field, missing));
        else if (TextLength.Problem(text, MaxReasonLength, what) is { } tooLong) errors.Add(new(field, tooLong));
    }

    /// <summary>
    /// The Executive Board's decision a withdrawal's approval cites, checked as the domain checks it (ApproveWithdrawal needs
    /// both; the decision cannot be dated after today): one rule and one set of messages for the officer's page and the
    /// emailed decision link.
    /// </summary>
    /// <param name="dateError">The field the date's error belongs to (the summary links to it).</param>
    public static void ExecutiveDecision(List<FieldError> errors, string dateError, DateParts date, string minuteField, string minute, LocalDate today)
    {
        if (date.IsEmpty) errors.Add(new(dateError, "Enter the date of the Executive Board's decision"));
        else if (date.Date is not { } decided) errors.Add(new(dateError, "The date of the Executive Board's decision must be a real date, for example 7 6 2010"));
        else if (decided > today) errors.Add(new(dateError, $"The date of the Executive Board's decision must be today ({UkCalendar.Display(today)}) or earlier"));
        if (FormText.IsBlank(minute)) errors.Add(new(minuteField, "Enter the minute reference of the Executive Board's decision"));
        else if (TextLength.Problem(minute, MaxReferenceLength, "The minute reference", entered: false) is { } tooLong) errors.Add(new(minuteField, tooLong));
    }

    /// <summary>A date after today; <paramref name="required"/> or else may be left empty.</summary>
    public static void FutureDate(List<FieldError> errors, string field, DateParts parts, string what, bool required, LocalDate today)
    {
        if (parts.IsEmpty)
        {
            if (required) errors.Add(new($"{field}-day", $"Enter {what.ToLowerInvariant()}"));
            return;
        }
        if (parts.Date is not { } date) errors.Add(new($"{field}-day", $"{what} must be a real date, like {UkCalendar.Display(today.PlusWeeks(4))}"));
        else if (RecoveryDeadlines.Problem(date, today, what) is { } problem) errors.Add(new($"{field}-day", problem));
    }
}

/// <summary>The withdrawal decision form: approve (the Executive Board's decision date and minute), reject (reason; optional new deadline) or extend (new deadline and reason).</summary>
public sealed record WithdrawalAnswers(
    string? Decision,
    DateParts ApproveDate,
    string MinuteReference,
    string RejectReason,
    DateParts RejectDeadline,
    DateParts ExtendDeadline,
    string ExtendReason)
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Extend = "extend";

    /// <summary>The version of the proposal the page showed (its hidden field), which the decision names (ARCHITECTURE.md rule 11).</summary>
    public int? ProposalVersion { get; init; }

    /// <summary>A blank form.</summary>
    public static WithdrawalAnswers Blank() => new(null, DateParts.Empty, "", "", DateParts.Empty, DateParts.Empty, "");

    /// <summary>Reads the answers from a posted form.</summary>
    public static WithdrawalAnswers FromForm(IFormCollection form) => new(
        form["decision"].ToString() is Approve or Reject or Extend ? form["decision"].ToString() : null,
        DateParts.FromForm(form, "approveDate"),
        FormText.Normalise(form["minuteReference"]).Trim(),
        FormText.Normalise(form["rejectReason"]),
        DateParts.FromForm(form, "rejectDeadline"),
        DateParts.FromForm(form, "extendDeadline"),
        FormText.Normalise(form["extendReason"]))
    {
        ProposalVersion = DecisionChecks.Version(form),
    };

    /// <summary>Checks the fields of the chosen decision (the others are ignored); empty means it can be recorded.</summary>
    public IReadOnlyList<FieldError> Validate(LocalDate today)
    {
        var errors = new List<FieldError>();
        switch (Decision)
        {
            case Approve:
                DecisionChecks.ExecutiveDecision(errors, "approveDate-day", ApproveDate, "minuteReference", MinuteReference, today);
                break;
            case Reject:
                DecisionChecks.Reason(errors, "rejectReason", RejectReason, "Enter why you are rejecting the withdrawal", "The reason");
                DecisionChecks.FutureDate(errors, "rejectDeadline", RejectDeadline, "The new deadline", required: false, today);
                break;
            case Extend:
                DecisionChecks.FutureDate(errors, "extendDeadline", ExtendDeadline, "The new deadline", required: true, today);
                DecisionChecks.Reason(errors, "extendReason", ExtendReason, "Enter why you are giving the project more time", "The reason");
                break;
            default:
                errors.Add(new("decision", "Select whether to approve the withdrawal, reject it or extend the deadline"));
                break;
        }
        return errors;
    }

    /// <summary>The input these answers make for <paramref name="officer"/>. Call after <see cref="Validate"/> passed.</summary>
    public (string Name, string Payload) ToInput(Person officer)
    {
        var who = DecisionLinks.OfficerPayload(officer);
        return Decision switch
        {
            Approve => (nameof(ApproveWithdrawal), DecisionLinks.Payload(new
            {
                Officer = who,
                ExecutiveDecisionDate = DecisionLinks.Iso(ApproveDate.Date!.Value),
                MinuteReference,
                ProposalVersion,
            })),
            Reject => (nameof(RejectWithdrawal), DecisionLinks.Payload(new
            {
                Officer = who,
                Reason = RejectReason,
                NewDeadline = RejectDeadline.Date is { } date ? DecisionLinks.Iso(date) : null,
                ProposalVersion,
            })),
            Extend => (nameof(ExtendDeadline), DecisionLinks.Payload(new
            {
                Officer = who, NewDeadline = DecisionLinks.Iso(ExtendDeadline.Date!.Value), Reason = ExtendReason, ProposalVersion,
            })),
            _ => throw new InvalidOperationException("No decision was chosen: validate the answers first."),
        };
    }
}

/// <summary>The reallocation decision form: approve, or reject with a reason.</summary>
public sealed record ReallocationAnswers(string? Decision, string RejectReason)
{
    public const string Approve = "approve";
    public const string Reject = "reject";

    /// <summary>The version of the proposal the page showed (its hidden field), which the decision names (ARCHITECTURE.md rule 11).</summary>
    public int? ProposalVersion { get; init; }

    /// <summary>A blank form.</summary>
    public static ReallocationAnswers Blank() => new(null, "");

    /// <summary>Reads the answers from a posted form.</summary>
    public static ReallocationAnswers FromForm(IFormCollection form) => new(
        form["decision"].ToString() is Approve or Reject ? form["decision"].ToString() : null,
        FormText.Normalise(form["rejectReason"]))
    {
        ProposalVersion = DecisionChecks.Version(form),
    };

    /// <summary>Checks the answers.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Decision is null) errors.Add(new("decision", "Select whether to approve the reallocation or reject it"));
        else if (Decision == Reject) DecisionChecks.Reason(errors, "rejectReason", RejectReason, "Enter why you are rejecting the reallocation", "The reason");
        return errors;
    }

    /// <summary>The input these answers make for <paramref name="officer"/>. Call after <see cref="Validate"/> passed.</summary>
    public (string Name, string Payload) ToInput(Person officer) => Decision == Approve
        ? (nameof(ApproveReallocation), DecisionLinks.Payload(new { Officer = DecisionLinks.OfficerPayload(officer), ProposalVersion }))
        : (nameof(RejectReallocation), DecisionLinks.Payload(new { Officer = DecisionLinks.OfficerPayload(officer), Reason = RejectReason, ProposalVersion }));
}
