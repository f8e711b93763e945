// Reads an input's JSON payload field by field so that every problem gets a message a person can act on
// ("SubmitQuarterlyReport: 'Status' must be Red, Amber or Green, not 'Purple'."), rather than a serializer's.

using System.Net.Mail;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>A validating view of one JSON object in an input's payload. Every failure is an <see cref="InputRefusedException"/>.</summary>
internal sealed class PayloadReader
{
    /// <summary>The longest free text accepted in any field: a generous page of the progress report.</summary>
    public const int MaxTextLength = 4000;

    private const int MaxShortTextLength = 200;
    private readonly string input;
    private readonly string path;
    private readonly JsonElement element;

    private PayloadReader(string input, string path, JsonElement element)
    {
        this.input = input;
        this.path = path;
        this.element = element;
    }

    /// <summary>Reads <paramref name="json"/>, which must be a JSON object, as the payload of <paramref name="input"/>.</summary>
    public static PayloadReader Parse(string input, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new PayloadReader(input, "", document.RootElement.Clone())
                : throw new InputRefusedException($"{input}: the payload must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new InputRefusedException($"{input}: the payload is not valid JSON.");
        }
    }

    /// <summary>Refuses the input with <paramref name="problem"/>, prefixed with the input's name.</summary>
    public InputRefusedException Refuse(string problem) => new($"{input}: {problem}");

    public string RequiredText(string name, int maxLength = MaxTextLength) =>
        OptionalText(name, maxLength) ?? throw Missing(name);

    public string? OptionalText(string name, int maxLength = MaxTextLength)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Refuse($"'{Path(name)}' must be text.");
        }
        var text = value.GetString()!.Trim();
        // Characters as a person sees them (an emoji is one), as the pages count them.
        if (!TextLength.Fits(text, maxLength))
        {
            var count = TextLength.Of(text);
            throw Refuse(count > maxLength
                ? $"'{Path(name)}' is {count:#,0} characters long; the most allowed is {maxLength:#,0}."
                : $"'{Path(name)}' is too long to store: its {count:#,0} characters take {text.Length:#,0} UTF-16 units, more than {TextLength.MostUnitsPerCharacter} a character.");
        }
        return text.Length == 0 ? null : text;
    }

    public string RequiredShortText(string name) => RequiredText(name, MaxShortTextLength);

    public string? OptionalEmail(string name)
    {
        var text = OptionalText(name, 254);
        return text is null || IsEmailAddress(text) ? text : throw Refuse($"'{Path(name)}' is not an email address: '{text}'.");
    }

    public string RequiredEmail(string name) => OptionalEmail(name) ?? throw Missing(name);

    /// <summary>A person: "Name" required, "Email" required or optional.</summary>
    public Person Person(string name, bool emailRequired)
    {
        var person = RequiredObject(name);
        return new Person(person.RequiredShortText("Name"), emailRequired ? person.RequiredEmail("Email") : person.OptionalEmail("Email"));
    }

    /// <summary>The officer giving an officer's input, with name and email for four-eyes checks and the audit trail.</summary>
    public Person Officer() => Person("Officer", emailRequired: true);

    public Money RequiredMoney(string name, bool allowZero = false) => OptionalMoney(name, allowZero) ?? throw Missing(name);

    public Money? OptionalMoney(string name, bool allowZero = true)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }
        var money = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var pence) => new Money(pence),
            JsonValueKind.String when Money.TryParse(value.GetString(), out var parsed, out var error) => parsed,
            JsonValueKind.String => throw Refuse($"'{Path(name)}': {MoneyError(value.GetString())}"),
            _ => throw Refuse($"'{Path(name)}' must be whole pence (e.g. 123456) or text like \"£1,234.56\"."),
        };
        return money switch
        {
            { IsNegative: true } => throw Refuse($"'{Path(name)}' cannot be negative ({money})."),
            { Pence: 0 } when !allowZero => throw Refuse($"'{Path(name)}' must be more than £0.00."),
            _ => money,
        };
    }

    public LocalDate RequiredDate(string name) => OptionalDate(name) ?? throw Missing(name);

    public LocalDate? OptionalDate(string name)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }
        var result = value.ValueKind == JsonValueKind.String ? LocalDatePattern.Iso.Parse(value.GetString()!) : null;
        return result is { Success: true }
            ? result.Value
            : throw Refuse($"'{Path(name)}' must be a date written yyyy-MM-dd, e.g. \"2010-05-31\", not {value.GetRawText()}.");
    }

    public FinancialQuarter RequiredQuarter(string name)
    {
        var text = RequiredShortText(name);
        return FinancialQuarter.TryParse(text, out var quarter)
            ? quarter
            : throw Refuse($"'{Path(name)}' must be a financial quarter like \"2009-10 Q4\", not '{text}'.");
    }

    public T RequiredEnum<T>(string name, string choices) where T : struct, Enum
    {
        var text = RequiredShortText(name);
        return Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !text.All(char.IsDigit)
            ? value
            : throw Refuse($"'{Path(name)}' must be {choices}, not '{text}'.");
    }

    public int RequiredInt(string name) => OptionalInt(name) ?? throw Missing(name);

    public int? OptionalInt(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
        { } value => throw Refuse($"'{Path(name)}' must be a whole number, not {value.GetRawText()}."),
    };

    public bool? OptionalBool(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } value => throw Refuse($"'{Path(name)}' must be true or false, not {value.GetRawText()}."),
    };

    public PayloadReader RequiredObject(string name) => OptionalObject(name) ?? throw Missing(name);

    public PayloadReader? OptionalObject(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => new PayloadReader(input, Path(name) + ".", value),
        _ => throw Refuse($"'{Path(name)}' must be an object."),
    };

    public IReadOnlyList<PayloadReader> RequiredObjects(string name) =>
        [.. RequiredArray(name).Select((item, index) => item.ValueKind == JsonValueKind.Object
            ? new PayloadReader(input, $"{Path(name)}[{index}].", item)
            : throw Refuse($"'{Path(name)}[{index}]' must be an object."))];

    public IReadOnlyList<string> RequiredTexts(string name) =>
        [.. RequiredArray(name).Select((item, index) => item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString())
            ? item.GetString()!.Trim()
            : throw Refuse($"'{Path(name)}[{index}]' must be non-empty text."))];

    /// <summary>A list of texts that may be missing or empty (read as empty).</summary>
    public IReadOnlyList<string> OptionalTexts(string name) => Find(name) is { ValueKind: JsonValueKind.Array } value && value.GetArrayLength() == 0 || !Has(name)
        ? []
        : RequiredTexts(name);

    private JsonElement[] RequiredArray(string name) => Find(name) switch
    {
        null => throw Missing(name),
        { ValueKind: JsonValueKind.Array } value when value.GetArrayLength() > 0 => [.. value.EnumerateArray()],
        { ValueKind: JsonValueKind.Array } => throw Refuse($"'{Path(name)}' must list at least one item."),
        _ => throw Refuse($"'{Path(name)}' must be a list."),
    };

    /// <summary>True when the payload has a non-null field <paramref name="name"/>.</summary>
    public bool Has(string name) => Find(name) is not null;

    /// <summary>A stored text's id (<see cref="ReportIds"/>): the kind's letter and 32 lowercase hex digits.</summary>
    public string RequiredTextId(string name, char kind, string what)
    {
        var id = RequiredText(name, 100);
        return ReportIds.IsValid(id, kind)
            ? id
            : throw Refuse($"'{Path(name)}' must be the id of a stored {what} ('{kind}' and 32 hex digits, from ReportIds), not '{id}'.");
    }

    // Field names are matched ignoring case (forms send camelCase, tests PascalCase); null counts as missing.
    private JsonElement? Find(string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }
        return null;
    }

    private string Path(string name) => path + name;

    private InputRefusedException Missing(string name) => Refuse($"'{Path(name)}' is required.");

    private static string MoneyError(string? text)
    {
        Money.TryParse(text, out _, out var error);
        return error;
    }

    private static bool IsEmailAddress(string text) =>
        !text.Any(char.IsWhiteSpace) && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);
}
