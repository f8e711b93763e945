// The lead's answers on the progress report form, as typed, and their validation with GOV.UK-style
// messages. The same rules as the domain's payload reader, checked first so people get a message per field.

using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Pages.Security;

namespace Rochford.Lsp.Pages.Lead;

/// <summary>A field that failed validation: its input id (for the error summary link) and the message.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The report form's answers as typed (so they can be shown back unchanged when something is wrong).</summary>
public sealed record ReportAnswers(string? Status, string StatusComments, string ProgressInLastPeriod, string FutureWork, string Expenditure, string SubmissionId)
{
    /// <summary>The most characters in each comment box (the domain accepts up to 4,000).</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The largest expenditure a quarter can report.</summary>
    public static readonly Money MaxExpenditure = Money.Pounds(10_000_000);

    /// <summary>Reads the answers from a posted form; missing fields read as empty.</summary>
    public static ReportAnswers FromForm(IFormCollection form) => new(
        NullIfEmpty(form["status"]),
        Text(form["statusComments"]),
        Text(form["progressInLastPeriod"]),
        Text(form["futureWork"]),
        form["expenditure"].ToString().Trim(),
        SubmissionIds.OrNew(form["submissionId"]));

    /// <summary>The answers of a stored version, to amend it.</summary>
    public static ReportAnswers From(ReportContent report) => new(report.Status.ToString(), report.StatusComments, report.ProgressInLastPeriod,
        report.FutureWork, report.Expenditure is { } money ? money.ToString().TrimStart('£') : "", SubmissionIds.New());

    /// <summary>
    /// These answers with the <paramref name="locked"/> sections taken from <paramref name="latest"/>: when the officers
    /// asked for changes to some sections, only those are reopened, whatever the form sent for the others.
    /// </summary>
    public ReportAnswers Keeping(ReportAnswers latest, IReadOnlySet<ReportSection> locked)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(locked);
        return this with
        {
            Status = locked.Contains(ReportSection.Status) ? latest.Status : Status,
            StatusComments = locked.Contains(ReportSection.StatusComments) ? latest.StatusComments : StatusComments,
            ProgressInLastPeriod = locked.Contains(ReportSection.ProgressInLastPeriod) ? latest.ProgressInLastPeriod : ProgressInLastPeriod,
            FutureWork = locked.Contains(ReportSection.FutureWork) ? latest.FutureWork : FutureWork,
            Expenditure = locked.Contains(ReportSection.Expenditure) ? latest.Expenditure : Expenditure,
        };
    }

    /// <summary>A blank form.</summary>
    public static ReportAnswers Blank() => new(null, "", "", "", "", SubmissionIds.New());

    /// <summary>The status chosen, when it is one of Red, Amber and Green.</summary>
    public Rag? Rag => Status is "Red" or "Amber" or "Green" ? Enum.Parse<Rag>(Status) : null;

    /// <summary>Checks every field; an empty list means the answers can be submitted.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Rag is null) errors.Add(new("status", "Select the project status: Red, Amber or Green"));
        CheckText(errors, "statusComments", StatusComments, "comments on progress");
        CheckText(errors, "progressInLastPeriod", ProgressInLastPeriod, "the progress in the last period");
        CheckText(errors, "futureWork", FutureWork, "the future work");
        if (ExpenditureError() is { } money) errors.Add(new("expenditure", money));
        return errors;
    }

    /// <summary>The expenditure as money, or null when none was given. Call after <see cref="Validate"/> passed.</summary>
    public Money? ExpenditureMoney => Expenditure.Length == 0 ? null : Money.Parse(Expenditure);

    /// <summary>The report these answers make. Call after <see cref="Validate"/> passed.</summary>
    public ReportContent ToContent() => new(Rag!.Value, StatusComments, ProgressInLastPeriod, FutureWork, ExpenditureMoney);

    /// <summary>The report these answers make for <paramref name="quarter"/>: its text is stored, its id raised. Call after <see cref="Validate"/> passed.</summary>
    public ReportForm ToForm(FinancialQuarter quarter, string submittedBy) => new(quarter, ToContent(), submittedBy);

    private string? ExpenditureError()
    {
        if (Expenditure.Length == 0) return null;
        if (Expenditure.Length > 30) return "Enter the expenditure as an amount, like £1,234.56";
        // Read as every money form reads amounts (Money.TryParse): "£ 1 000" is £1,000.00 here as on the officers' forms.
        var text = Expenditure;
        if (!Money.TryParse(text, out var money, out _))
            return text.Contains('.', StringComparison.Ordinal) && text.Split('.')[^1].Length > 2 && text.Split('.')[^1].All(char.IsAsciiDigit)
                ? "Expenditure this period must be in pounds and pence, with no more than 2 decimal places"
                : "Enter the expenditure as an amount, like £1,234.56";
        if (money.IsNegative) return "Expenditure this period must be £0 or more";
        return money > MaxExpenditure ? "Expenditure this period must be £10,000,000 or less" : null;
    }

    private static void CheckText(List<FieldError> errors, string field, string text, string what)
    {
        if (FormText.IsBlank(text)) errors.Add(new(field, $"Enter {what}"));
        else if (TextLength.Problem(text, MaxTextLength, $"{char.ToUpperInvariant(what[0])}{what[1..]}") is { } tooLong) errors.Add(new(field, tooLong));
    }

    // Browsers send new lines as CRLF but count them as one character: count as the person sees them. Format characters
    // (zero-width spaces, direction overrides) are removed and accents composed (FormText.Normalise), so what is counted,
    // checked, stored and emailed is what the person sees.
    internal static string Text(string? value) => FormText.Normalise(value);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The interim update form's answers (a Red project's lead, before the recovery deadline).</summary>
public sealed record InterimAnswers(string? Status, string Comments, string SubmissionId)
{
    /// <summary>Reads the answers from a posted form.</summary>
    public static InterimAnswers FromForm(IFormCollection form) => new(
        string.IsNullOrWhiteSpace(form["status"]) ? null : form["status"].ToString().Trim(),
        ReportAnswers.Text(form["comments"]),
        SubmissionIds.OrNew(form["submissionId"]));

    /// <summary>A blank form.</summary>
    public static InterimAnswers Blank() => new(null, "", SubmissionIds.New());

    /// <summary>The status chosen, when valid.</summary>
    public Rag? Rag => Status is "Red" or "Amber" or "Green" ? Enum.Parse<Rag>(Status) : null;

    /// <summary>Checks every field.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Rag is null) errors.Add(new("status", "Select the project's status now: Red, Amber or Green"));
        if (FormText.IsBlank(Comments)) errors.Add(new("comments", "Enter comments on the project's progress"));
        else if (TextLength.Problem(Comments, ReportAnswers.MaxTextLength, "Comments") is { } tooLong) errors.Add(new("comments", tooLong));
        return errors;
    }

    /// <summary>The update these answers make: its comments are stored, its id raised. Call after <see cref="Validate"/> passed.</summary>
    public InterimUpdateForm ToForm(string submittedBy) => new(Rag!.Value, Comments, submittedBy);
}

/// <summary>Ids that make a form's submission idempotent: rendered into the form, used as the workflow input id.</summary>
public static class SubmissionIds
{
    /// <summary>A new random id (128 bits, base64url).</summary>
    public static string New() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The posted id when it has the right shape, else a new one (a forged id cannot reach storage keys).</summary>
    public static string OrNew(string? posted) => IsWellFormed(posted) ? posted! : New();

    /// <summary>True when <paramref name="posted"/> has the shape of an id this app made (22 base64url characters).</summary>
    public static bool IsWellFormed(string? posted) =>
        posted is { Length: 22 } && posted.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
