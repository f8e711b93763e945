// A quarter of the UK financial year (1 April to 31 March), the period each progress report covers.
// "2009-10 Q4" is January to March 2010; its reporting date is 31 March 2010.

using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using NodaTime;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Dates;

/// <summary>A quarter of the UK financial year: Q1 = April to June ... Q4 = January to March of the following calendar year.</summary>
/// <remarks>
/// Serialized to JSON as its label, e.g. "2009-10 Q4". Quarters compare by their first day, so lists of them sort
/// (OrderBy, Max, SortedSet) in time order, and <c>&lt;</c>, <c>&gt;</c> read as "earlier" and "later".
/// </remarks>
[JsonConverter(typeof(FinancialQuarterJsonConverter))]
public readonly partial record struct FinancialQuarter : IComparable<FinancialQuarter>, IComparable
{
    private static readonly string[] MonthAbbreviations =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Creates a quarter, checking the year and number.</summary>
    public FinancialQuarter(int StartYear, int Number)
    {
        if (StartYear is < 1900 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(StartYear), StartYear, "A financial year must start between 1900 and 9998.");
        }
        if (Number is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(Number), Number, "A quarter is numbered 1 to 4.");
        }
        this.StartYear = StartYear;
        this.Number = Number;
    }

    /// <summary>The calendar year in which the financial year starts (2009 for 2009-10).</summary>
    public int StartYear { get; }

    /// <summary>1 (April to June) to 4 (January to March).</summary>
    public int Number { get; }

    /// <summary>The first day of the quarter.</summary>
    public LocalDate FirstDay => Number == 4
        ? new LocalDate(StartYear + 1, 1, 1)
        : new LocalDate(StartYear, 3 * Number + 1, 1);

    /// <summary>The last day of the quarter: the report's "Reporting Date".</summary>
    public LocalDate LastDay => FirstDay.PlusMonths(3).PlusDays(-1);

    /// <summary>The progress report's "Period Covered", e.g. "Jan - Mar 2010".</summary>
    public string PeriodCovered =>
        $"{MonthAbbreviations[FirstDay.Month - 1]} - {MonthAbbreviations[LastDay.Month - 1]} {LastDay.Year}";

    /// <summary>The label used in payloads and pages, e.g. "2009-10 Q4".</summary>
    public string Label => $"{StartYear}-{(StartYear + 1) % 100:00} Q{Number}";

    /// <summary>The quarter after this one.</summary>
    public FinancialQuarter Next => Number == 4 ? new(StartYear + 1, 1) : new(StartYear, Number + 1);

    /// <summary>The quarter containing <paramref name="date"/>.</summary>
    public static FinancialQuarter Containing(LocalDate date) => date.Month >= 4
        ? new(date.Year, (date.Month - 4) / 3 + 1)
        : new(date.Year - 1, 4);

    /// <summary>Parses a label such as "2009-10 Q4".</summary>
    /// <exception cref="FormatException">The text is not a quarter label.</exception>
    public static FinancialQuarter Parse(string text) => TryParse(text, out var quarter)
        ? quarter
        : throw new FormatException($"'{text}' is not a financial quarter; write it like \"2009-10 Q4\".");

    /// <summary>Tries to parse a label such as "2009-10 Q4".</summary>
    public static bool TryParse(string? text, out FinancialQuarter quarter)
    {
        quarter = default;
        var match = text is null ? Match.Empty : LabelPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }
        var startYear = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var endYear = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (startYear is < 1900 or > 9998 || (startYear + 1) % 100 != endYear)
        {
            return false;
        }
        quarter = new FinancialQuarter(startYear, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Label;

    /// <summary>True when this quarter ends before <paramref name="other"/> starts.</summary>
    public bool IsBefore(FinancialQuarter other) => CompareTo(other) < 0;

    /// <summary>Compares by the first day: an earlier quarter is less.</summary>
    public int CompareTo(FinancialQuarter other) => FirstDay.CompareTo(other.FirstDay);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a quarter.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        FinancialQuarter other => CompareTo(other),
        _ => throw new ArgumentException($"A financial quarter can only be compared with another, not with {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>True when <paramref name="left"/> is an earlier quarter than <paramref name="right"/>.</summary>
    public static bool operator <(FinancialQuarter left, FinancialQuarter right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> is a later quarter than <paramref name="right"/>.</summary>
    public static bool operator >(FinancialQuarter left, FinancialQuarter right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> is the same quarter as <paramref name="right"/> or an earlier one.</summary>
    public static bool operator <=(FinancialQuarter left, FinancialQuarter right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> is the same quarter as <paramref name="right"/> or a later one.</summary>
    public static bool operator >=(FinancialQuarter left, FinancialQuarter right) => left.CompareTo(right) >= 0;

    [GeneratedRegex(@"^(\d{4})-(\d{2}) Q([1-4])$")]
    private static partial Regex LabelPattern();
}
