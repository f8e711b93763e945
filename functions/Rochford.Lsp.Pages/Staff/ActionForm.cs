// Reading an officer's action form: each field normalised as the lead's forms are (Security/FormText.cs), each problem a
// GOV.UK error message naming the field, in the order of the form.

using NodaTime;
using Rochford.Lsp.Pages.Decisions;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Security;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>What kind of input a field is.</summary>
public enum FieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>Several lines.</summary>
    TextArea,

    /// <summary>A GOV.UK date input: day, month and year.</summary>
    Date,

    /// <summary>An amount in pounds.</summary>
    Money,

    /// <summary>A choice of one.</summary>
    Radios,

    /// <summary>An email address.</summary>
    Email,

    /// <summary>A choice of any number (GOV.UK checkboxes); posted as the same name once per ticked box.</summary>
    Checkboxes,

    /// <summary>A value the page fixed when it was shown (e.g. the report version the officer saw), posted back unchanged.</summary>
    Hidden,
}

/// <summary>A field of an action's form.</summary>
/// <param name="Name">Its name (and id; a date's parts are Name-day, Name-month, Name-year).</param>
/// <param name="Label">Its label or legend.</param>
/// <param name="Hint">Its hint, if any.</param>
/// <param name="Kind">Its kind.</param>
public sealed record ActionField(string Name, string Label, string? Hint, FieldKind Kind)
{
    /// <summary>The choices of a <see cref="FieldKind.Radios"/> field: value and text.</summary>
    public IReadOnlyList<(string Value, string Text)> Choices { get; init; } = [];

    /// <summary>True when it may be left empty.</summary>
    public bool Optional { get; init; }

    /// <summary>The value of a <see cref="FieldKind.Hidden"/> field when the form is first shown.</summary>
    public string? Fixed { get; init; }
}

/// <summary>A posted action form, read field by field; problems collect in <see cref="Errors"/>.</summary>
public sealed class ActionForm(IFormCollection form)
{
    private readonly List<FieldError> _errors = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>The raw values, to show the form again as it was sent.</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = form.ToDictionary(f => f.Key, f => FormText.Normalise(f.Value.ToString()), StringComparer.Ordinal);

    /// <summary>The posted submission id (or a new one).</summary>
    public string SubmissionId => SubmissionIds.OrNew(Value("submissionId"));

    /// <summary>A field's normalised value ("" when absent).</summary>
    public string Value(string name) => Values.TryGetValue(name, out var value) ? value : "";

    /// <summary>Records a problem with <paramref name="field"/>.</summary>
    public void Fail(string field, string message) => _errors.Add(new FieldError(field, message));

    /// <summary>Required text of at most <paramref name="max"/> characters.</summary>
    public string Text(string name, string what, int max = 2000)
    {
        var value = Value(name);
        if (FormText.IsBlank(value)) Fail(name, $"Enter {what}");
        else if (TextLength.Problem(value, max, Capitalise(what), entered: false) is { } tooLong) Fail(name, tooLong);
        return value;
    }

    /// <summary>Optional text: null when blank.</summary>
    public string? OptionalText(string name, string what, int max = 2000)
    {
        var value = Value(name);
        if (FormText.IsBlank(value)) return null;
        if (TextLength.Problem(value, max, Capitalise(what), entered: false) is { } tooLong) Fail(name, tooLong);
        return value;
    }

    /// <summary>One of <paramref name="choices"/>, or an error.</summary>
    public string? Choice(string name, string what, IEnumerable<string> choices)
    {
        var value = Value(name);
        if (choices.Contains(value, StringComparer.Ordinal)) return value;
        Fail(name, $"Select {what}");
        return null;
    }

    /// <summary>The ticked values of a checkboxes field that are among <paramref name="choices"/>, in the order of <paramref name="choices"/>; anything else is an error.</summary>
    public IReadOnlyList<string> Choices(string name, string what, IReadOnlyList<string> choices)
    {
        var ticked = form.TryGetValue(name, out var values) ? values.Select(v => FormText.Normalise(v ?? "")).Where(v => v.Length > 0).ToList() : [];
        if (ticked.Any(v => !choices.Contains(v, StringComparer.Ordinal))) Fail(name, $"Select {what} from the list");
        return [.. choices.Where(ticked.Contains)];
    }

    /// <summary>A date from its three parts (read as the decision links' forms read them); null, with an error unless <paramref name="optional"/> and all blank.</summary>
    public LocalDate? Date(string name, string what, bool optional = false)
    {
        var parts = DateParts.FromForm(form, name);
        if (parts.IsEmpty)
        {
            if (!optional) Fail(name, $"Enter {what}");
            return null;
        }
        if (parts.Date is { } date) return date;
        Fail(name, $"{Capitalise(what)} must be a real date, for example 31 5 2010");
        return null;
    }

    /// <summary>A date's three parts as typed, for checks shared with the decision links' forms.</summary>
    public DateParts Parts(string name) => DateParts.FromForm(form, name);

    /// <summary>
    /// The most any money form takes: more than the partnership has ever handled, so an amount above it is a slip of the
    /// keyboard (£999,999,999,999,999.99), said at the field, rather than a figure to confirm.
    /// </summary>
    public static readonly Money MaxAmount = Money.Pounds(100_000_000);

    /// <summary>An amount in pounds above zero and at most <see cref="MaxAmount"/>, read by <see cref="Money.TryParse"/> as every money form reads it.</summary>
    public Money? Amount(string name, string what, bool optional = false)
    {
        var value = Value(name);
        if (value.Length == 0)
        {
            if (!optional) Fail(name, $"Enter {what}");
            return null;
        }
        if (!Money.TryParse(value, out var money, out _) || money <= Money.Zero)
        {
            Fail(name, $"{Capitalise(what)} must be an amount in pounds, like 1,250.00");
            return null;
        }
        if (money > MaxAmount)
        {
            Fail(name, $"{Capitalise(what)} must be {MaxAmount} or less");
            return null;
        }
        return money;
    }

    /// <summary>An email address.</summary>
    public string Email(string name, string what)
    {
        var value = Value(name);
        if (value.Length == 0) Fail(name, $"Enter {what}");
        else if (!System.Net.Mail.MailAddress.TryCreate(value, out var address) || address.Address != value || value.Length > 254)
            Fail(name, $"Enter {what} in the right format, like name@example.org");
        return value;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
