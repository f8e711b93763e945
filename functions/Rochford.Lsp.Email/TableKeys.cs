using System.Text;

namespace Rochford.Lsp.Email;

/// <summary>Turns ids such as "ROC4/2/0/to/0" into table keys: Table Storage forbids '/', '\', '#' and '?' in keys.</summary>
internal static class TableKeys
{
    /// <summary>Base64url of the UTF-8 id: reversible, and only letters, digits, '-' and '_'.</summary>
    public static string Encode(string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
