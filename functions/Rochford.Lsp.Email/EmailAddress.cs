using System.Text.RegularExpressions;

namespace Rochford.Lsp.Email;

/// <summary>A deliberately simple email address check: one '@', something before it, a dotted domain after it, no spaces.</summary>
/// <remarks>
/// Full RFC 5322 validation accepts addresses no one types and still cannot say whether a mailbox exists;
/// this catches the mistakes people make (a missing '@', a trailing comma, two addresses in one field).
/// </remarks>
public static partial class EmailAddress
{
    /// <summary>True when <paramref name="address"/> looks like one email address.</summary>
    public static bool IsValid(string? address) =>
        !string.IsNullOrWhiteSpace(address) && address.Length <= 254 && Pattern().IsMatch(address);

    /// <summary>The address with most of its local part hidden, e.g. "r•••@example.org": enough for an officer to recognise, no more.</summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "•••" : $"{address[0]}•••{address[at..]}";
    }

    [GeneratedRegex(@"^[^@\s,;<>""]+@[^@\s,;<>""]+\.[^@\s,;<>"".]{2,}$")]
    private static partial Regex Pattern();
}
