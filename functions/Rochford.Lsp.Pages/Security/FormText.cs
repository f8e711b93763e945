// What text a form may carry. Leads' answers are stored, shown to officers and put in emails, so a character that
// cannot be shown (NUL, escape, bell) is refused outright, and characters that only change how text looks or reads
// (zero-width spaces, right-to-left overrides) are removed, so an answer cannot be blank but look filled in.

using System.Globalization;
using System.Text;

namespace Rochford.Lsp.Pages.Security;

/// <summary>The rules for text typed into the pages' forms: refused characters, and normalisation of accepted text.</summary>
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

    /// <summary>
    /// The text as the lead meant it: new lines as "\n" (browsers send CRLF but count one character), Unicode NFC (an
    /// accented letter typed two ways is the same text, counted once), format characters removed except the zero-width
    /// joiner and non-joiner, control characters other than tab and new line removed, and trimmed.
    /// </summary>
    /// <remarks>
    /// Zero-width joiner and non-joiner stay: Persian, the Indic scripts and emoji need them to be written correctly. Every
    /// other format character (U+200B zero-width space, U+202E right-to-left override, U+2066 isolates, U+FEFF, soft hyphen)
    /// only changes how text displays, and the bidirectional ones can make an email read differently from what was stored.
    /// </remarks>
    public static string Normalise(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var text = new StringBuilder(value.Length);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            // Half a surrogate pair decodes as invalid: dropped, as it can be neither shown nor stored as UTF-8.
            var valid = Rune.DecodeFromUtf16(rest, out var rune, out var used) == System.Buffers.OperationStatus.Done;
            rest = rest[used..];
            if (!valid) continue;
            if (rune.Value == '\r')
            {
                text.Append('\n');
                if (!rest.IsEmpty && rest[0] == '\n') rest = rest[1..];
            }
            else if (rune.Value is 0x2028 or 0x2029) text.Append('\n');
            else if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\n')) continue;
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format && rune.Value is not (0x200C or 0x200D)) continue;
            else text.Append(rune.ToString());
        }
        return text.ToString().Normalize(NormalizationForm.FormC).Trim();
    }

    /// <summary>True when <paramref name="normalised"/> (from <see cref="Normalise"/>) shows nothing: only spaces, joiners and blank fillers.</summary>
    public static bool IsBlank(string normalised)
    {
        foreach (var rune in normalised.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || IsInvisible(rune)) continue;
            return false;
        }
        return true;
    }

    // Characters that draw nothing though Unicode counts them as letters, symbols or marks: the joiners (format), the
    // combining grapheme joiner and variation selectors (marks with nothing to attach to here), the Hangul fillers, the
    // Mongolian free variation selectors, and the blank Braille pattern.
    private static bool IsInvisible(Rune rune) => rune.Value is 0x200C or 0x200D or 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5
        or (>= 0x180B and <= 0x180F) or 0x2800 or 0x3164 or 0xFFA0 or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF)
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;
}
