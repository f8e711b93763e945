// CSV as RFC 4180 writes it (comma separated, CRLF line ends, fields with a comma, quote or line break quoted and their
// quotes doubled), made safe to open in a spreadsheet: a cell that starts with '=', '+', '-' or '@' (or a tab or carriage
// return, which some spreadsheets skip before reading a formula) is given a leading apostrophe, so text a lead typed is
// shown as text and never run as a formula.

using System.Text;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>A CSV document: a header row, then rows of the same width.</summary>
public sealed class Csv
{
    private readonly StringBuilder _text = new();
    private readonly int _width;

    /// <summary>Starts a document with <paramref name="header"/>.</summary>
    public Csv(params string[] header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _width = header.Length;
        Append(header);
    }

    /// <summary>How many rows, not counting the header.</summary>
    public int Rows { get; private set; }

    /// <summary>Adds a row; null cells are empty.</summary>
    /// <exception cref="ArgumentException">The row is not as wide as the header.</exception>
    public Csv Row(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _width) throw new ArgumentException($"A row has {_width} cells; this one has {cells.Length}.", nameof(cells));
        Append(cells);
        Rows++;
        return this;
    }

    /// <summary>The document.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>One cell as written: neutralised if it could be read as a formula, then quoted if it needs to be.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private void Append(IEnumerable<string?> cells)
    {
        _text.AppendJoin(',', cells.Select(Cell));
        _text.Append("\r\n");
    }
}
