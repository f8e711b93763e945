// The ids of the texts a lead sends (ARCHITECTURE.md rule 5: texts live in the read model, not in the orchestration
// state). An id is a hash of the content, so the same form sent twice is the same id, stored once, and "already
// handled" is an id comparison. Pure: SHA-256 of a fixed encoding, the same on every machine and in every version.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting;

/// <summary>Content ids of stored report texts ("r...") and interim update texts ("u...").</summary>
public static class ReportIds
{
    /// <summary>The first letter of a quarterly report's id.</summary>
    public const char Report = 'r';

    /// <summary>The first letter of an interim update's id.</summary>
    public const char Update = 'u';

    /// <summary>The id of <paramref name="content"/> as the report for <paramref name="quarter"/>.</summary>
    public static string For(FinancialQuarter quarter, ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Hash(Report, [quarter.Label, content.Status.ToString(), content.StatusComments, content.ProgressInLastPeriod, content.FutureWork,
            content.Expenditure is { } money ? money.Pence.ToString(System.Globalization.CultureInfo.InvariantCulture) : null]);
    }

    /// <summary>The id of an interim update with <paramref name="status"/> and <paramref name="comments"/>.</summary>
    public static string ForUpdate(Rag status, string comments)
    {
        ArgumentNullException.ThrowIfNull(comments);
        return Hash(Update, [status.ToString(), comments]);
    }

    /// <summary>True when <paramref name="id"/> has the shape of an id of <paramref name="kind"/>.</summary>
    public static bool IsValid(string? id, char kind) =>
        id is { Length: 33 } && id[0] == kind && id.Skip(1).All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    // A JSON array of the fields: unambiguous (no separator can be forged by a text) and stable.
    private static string Hash(char kind, string?[] fields)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields)));
        return kind + Convert.ToHexStringLower(bytes, 0, 16);
    }
}
