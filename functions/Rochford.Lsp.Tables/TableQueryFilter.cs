// Builds OData $filter strings from interpolated strings, escaping every value so that user text
// (a quote in a project name, say) can never change the meaning of a query.

using System.Globalization;
using System.Text;

namespace Rochford.Lsp.Tables;

/// <summary>Escapes filter values. Use <see cref="TableClient.CreateQueryFilter(FormattableString)"/>.</summary>
public static class TableQueryFilter
{
    /// <summary>
    /// Formats <paramref name="filter"/>, turning each interpolated value into an OData literal:
    /// strings are quoted with embedded quotes doubled; long gets an "L" suffix; dates, Guids and binary get their prefixes.
    /// </summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var args = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, args);
    }

    /// <summary>The OData literal for one value.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var r && (r.Contains('.') || r.Contains('E')) ? r : r + ".0",
        DateTimeOffset dto => "datetime'" + dto.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + "'",
        DateTime dt => "datetime'" + DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        char c => Literal(c.ToString()),
        _ => throw new ArgumentException($"A filter value of type {value.GetType().Name} is not supported."),
    };
}
