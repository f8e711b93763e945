// How long a text is, as the person who typed it sees it: in characters on the screen (grapheme clusters, as .NET's text
// elements and the browser's Intl.Segmenter count them), not in UTF-16 code units, so "👍🏽" is one character, not four, and
// a limit of 4,000 characters takes 4,000 emoji as it takes 4,000 letters. The pages' forms, the GOV.UK character count
// in the browser and the decider's payloads count the same way.

using System.Globalization;

namespace Rochford.Lsp.Reporting;

/// <summary>Counts text in characters as a person sees them.</summary>
public static class TextLength
{
    /// <summary>
    /// The most UTF-16 code units a text may average per character counted: every letter (accented or not), and every emoji
    /// with a skin tone or a flag, fits. A text denser than this (a family emoji of eleven units, or a letter under dozens of
    /// combining marks, repeated thousands of times) is refused as too long to store, whatever its count, so that no limit of
    /// characters can let through more than storage holds.
    /// </summary>
    public const int MostUnitsPerCharacter = 4;

    /// <summary>The number of characters in <paramref name="text"/> as a person sees them (grapheme clusters).</summary>
    public static int Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Below U+0300 (before the combining marks) every unit is a character of its own, but for CR LF, which is one.
        return text.AsSpan().IndexOfAnyInRange('\u0300', '\uFFFF') < 0 && !text.Contains('\r', StringComparison.Ordinal)
            ? text.Length
            : new StringInfo(text).LengthInTextElements;
    }

    /// <summary>True when <paramref name="text"/> is at most <paramref name="max"/> characters and can be stored.</summary>
    public static bool Fits(string text, int max) => Of(text) <= max && text.Length <= (long)max * MostUnitsPerCharacter;

    /// <summary>
    /// Why <paramref name="text"/> is too long for a limit of <paramref name="max"/> characters, as a GOV.UK error message
    /// for <paramref name="what"/> (capitalised, e.g. "Comments on progress"); null when it fits.
    /// </summary>
    /// <param name="entered">True to say how many characters were entered, as the long answers' messages do.</param>
    public static string? Problem(string text, int max, string what, bool entered = true)
    {
        var count = Of(text);
        if (count > max) return $"{what} must be {max:#,0} characters or fewer" + (entered ? $" (you entered {count:#,0})" : "");
        return text.Length > (long)max * MostUnitsPerCharacter
            ? $"{what} is too long to store: it has {count:#,0} characters, but many are made of several parts (such as emoji or accents); shorten it"
            : null;
    }
}
