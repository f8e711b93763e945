// What text a form may carry. Leads' answers are stored, shown to officers and put in emails, so a character that
// cannot be shown (NUL, escape, bell) is refused outright.

namespace Rochford.Lsp.Web.Security;

/// <summary>The rules for text typed into the pages' forms: refused characters.</summary>
public static class FormText
{
    /// <summary>
    /// True when <paramref name="value"/> holds a character no form field may carry: a control character other than tab,
    /// carriage return and line feed (C0 and C1, NUL included), or half of a surrogate pair.
    /// </summary>
    /// <remarks>A browser never sends these from what a person types; a field holding one is a broken or hostile client.</remarks>
    public static bool HasUnacceptableCharacters(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n')) return true;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(c)) return true;
        }
        return false;
    }
}
