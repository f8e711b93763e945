// A personal link's secret: 32 random bytes, base64url in the URL path. Only its SHA-256 is ever stored,
// so a copy of the links table cannot be turned back into working links.

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Rochford.Lsp.Services.Links;

/// <summary>Creates link tokens and the hashes they are stored under.</summary>
public static class LinkToken
{
    /// <summary>Random bytes in a token: 256 bits, well over the 128 needed to make guessing hopeless.</summary>
    public const int RandomBytes = 32;

    /// <summary>The length of a token as text: 32 bytes in unpadded base64url.</summary>
    public const int TextLength = 43;

    /// <summary>A new random token, URL-safe.</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>True when <paramref name="text"/> has a token's shape; anything else is refused without a storage read.</summary>
    public static bool HasTokenShape(string? text) =>
        text is { Length: TextLength } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The storage key of <paramref name="token"/>: lower-case hex SHA-256.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
