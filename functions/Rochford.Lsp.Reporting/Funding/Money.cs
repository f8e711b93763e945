// An exact amount of money in pence. Grants are counted to the penny and must never drift,
// so there is no floating point anywhere: amounts are whole pence in a long.

using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Rochford.Lsp.Reporting.Funding;

/// <summary>An exact amount of sterling, held as whole pence.</summary>
/// <param name="Pence">The amount in pence; £1,234.56 is 123456.</param>
/// <remarks>Serialized to JSON as whole pence (a number); a string such as "£1,234.56" is also read.</remarks>
[JsonConverter(typeof(MoneyJsonConverter))]
public readonly partial record struct Money(long Pence) : IComparable<Money>
{
    /// <summary>No money.</summary>
    public static Money Zero => default;

    /// <summary>Whole pounds, e.g. <c>Money.Pounds(12_000)</c> for £12,000.00.</summary>
    public static Money Pounds(long pounds) => new(checked(pounds * 100));

    /// <summary>True when the amount is below zero.</summary>
    public bool IsNegative => Pence < 0;

    /// <summary>Adds exactly; overflow throws rather than wrapping.</summary>
    public static Money operator +(Money a, Money b) => new(checked(a.Pence + b.Pence));

    /// <summary>Subtracts exactly; overflow throws rather than wrapping.</summary>
    public static Money operator -(Money a, Money b) => new(checked(a.Pence - b.Pence));

    public static bool operator <(Money a, Money b) => a.Pence < b.Pence;
    public static bool operator >(Money a, Money b) => a.Pence > b.Pence;
    public static bool operator <=(Money a, Money b) => a.Pence <= b.Pence;
    public static bool operator >=(Money a, Money b) => a.Pence >= b.Pence;

    /// <inheritdoc/>
    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    /// <summary>The sum of <paramref name="amounts"/>.</summary>
    public static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Zero, (total, amount) => total + amount);

    /// <summary>Formats as on a grant letter, e.g. "£1,234.56" or "-£0.50".</summary>
    public override string ToString()
    {
        var magnitude = Math.Abs((decimal)Pence);
        var text = (magnitude / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);
        return Pence < 0 ? $"-£{text}" : $"£{text}";
    }

    /// <summary>Parses "£1,234.56", "1234.5", "1,234" or "-£3.00".</summary>
    /// <exception cref="FormatException">The text is not an amount, or has fractions of a penny.</exception>
    public static Money Parse(string text) => TryParse(text, out var money, out var error)
        ? money
        : throw new FormatException(error);

    /// <summary>
    /// Tries to parse an amount as people type it: an optional minus and '£' (either first, spaces after each), then pounds
    /// plain or in groups of three separated by commas or by spaces (ordinary, no-break or narrow), then pence. The one parser
    /// of every money form and payload; <paramref name="error"/> says why the text is not an amount.
    /// </summary>
    public static bool TryParse(string? text, out Money money, out string error)
    {
        money = Zero;
        var trimmed = (text ?? "").Trim().Replace('\u00A0', ' ').Replace('\u202F', ' ').Replace('\u2009', ' ');
        var match = AmountPattern().Match(trimmed);
        if (!match.Success || match.Groups["sign"].Captures.Count > 1)
        {
            error = $"'{text}' is not an amount of money; write it like £1,234.56 or 1234.56.";
            return false;
        }
        var fraction = match.Groups["fraction"].Value;
        if (fraction.Length > 2)
        {
            error = $"'{text}' has fractions of a penny; use at most two decimal places.";
            return false;
        }
        var digits = match.Groups["pounds"].Value.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var pounds) || pounds > long.MaxValue / 100 - 1)
        {
            error = $"'{text}' is too large an amount.";
            return false;
        }
        var pence = pounds * 100 + (fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        money = new Money(match.Groups["sign"].Success ? -pence : pence);
        error = "";
        return true;
    }

    // Digits either plain or grouped in threes by commas or by spaces (one kind in an amount), an optional '£' and an optional
    // minus before or after it, each may be followed by spaces.
    // [0-9], not \d: \d also matches other scripts' digits (Arabic-Indic, full-width), which the parsers below refuse.
    [GeneratedRegex(@"^(?:(?<sign>-) *)?(?:£ *)?(?:(?<sign>-) *)?(?<pounds>[0-9]{1,3}(,[0-9]{3})+|[0-9]{1,3}( [0-9]{3})+|[0-9]+)(\.(?<fraction>[0-9]+))?$")]
    private static partial Regex AmountPattern();
}
