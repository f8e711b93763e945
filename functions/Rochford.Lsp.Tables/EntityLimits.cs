// Checks an entity against the Table service's limits before it is sent, so the caller gets a
// clear message instead of a service error (or worse, a truncated write).

namespace Rochford.Lsp.Tables;

/// <summary>The Table service's documented limits, enforced client-side.</summary>
public static class EntityLimits
{
    /// <summary>An entity may be at most 1 MiB, measured as the service does.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>At most 252 custom properties (255 including PartitionKey, RowKey and Timestamp).</summary>
    public const int MaxCustomProperties = 252;

    /// <summary>A string or binary property may be at most 64 KiB (strings are UTF-16: 32,768 characters).</summary>
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>A key may be at most 1 KiB (UTF-16: 512 characters).</summary>
    public const int MaxKeyChars = 512;

    /// <summary>A property name may be at most 255 characters.</summary>
    public const int MaxPropertyNameChars = 255;

    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp" };

    /// <summary>Throws <see cref="ArgumentException"/> saying which key is invalid and why.</summary>
    public static void ValidateKey(string? value, string keyName)
    {
        if (value is null)
            throw new ArgumentException($"{keyName} is required.", keyName);
        if (value.Length > MaxKeyChars)
            throw new ArgumentException($"{keyName} is {value.Length} characters; the most allowed is {MaxKeyChars} (1 KiB).", keyName);
        foreach (var ch in value)
        {
            if (ch is '/' or '\\' or '#' or '?')
                throw new ArgumentException($"{keyName} '{Shorten(value)}' contains '{ch}', which Table Storage does not allow in keys.", keyName);
            if (char.IsControl(ch))
                throw new ArgumentException($"{keyName} '{Shorten(value)}' contains a control character (U+{(int)ch:X4}), which Table Storage does not allow in keys.", keyName);
        }
    }

    /// <summary>Validates keys, property names, value types and sizes. Throws <see cref="ArgumentException"/> with a clear message.</summary>
    public static void Validate(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.GetString("PartitionKey"), "PartitionKey");
        ValidateKey(entity.GetString("RowKey"), "RowKey");

        long size = 4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2L;
        var custom = 0;
        foreach (var (name, value) in entity)
        {
            if (SystemProperties.Contains(name)) continue;
            custom++;
            ValidatePropertyName(name);
            size += 8 + name.Length * 2L + ValueSize(name, value);
        }

        if (custom > MaxCustomProperties)
            throw new ArgumentException($"The entity has {custom} properties; the most allowed is {MaxCustomProperties}.", nameof(entity));
        if (size > MaxEntityBytes)
            throw new ArgumentException($"The entity is {size:N0} bytes; the most allowed is {MaxEntityBytes:N0} (1 MiB).", nameof(entity));
    }

    private static void ValidatePropertyName(string name)
    {
        if (name.Length == 0 || name.Length > MaxPropertyNameChars)
            throw new ArgumentException($"Property name '{Shorten(name)}' must be 1 to {MaxPropertyNameChars} characters.", nameof(name));
        if (!(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"Property name '{Shorten(name)}' must start with a letter or '_' and contain only letters, digits and '_'.", nameof(name));
        if (name.StartsWith("odata", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Property name '{Shorten(name)}' is reserved.", nameof(name));
    }

    private static long ValueSize(string name, object? value) => value switch
    {
        null => 0,
        string s when s.Length * 2L > MaxValueBytes =>
            throw new ArgumentException($"Property '{name}' is {s.Length:N0} characters; a string may be at most {MaxValueBytes / 2:N0} characters (64 KiB).", nameof(value)),
        string s => 4 + s.Length * 2L,
        byte[] b when b.Length > MaxValueBytes =>
            throw new ArgumentException($"Property '{name}' is {b.Length:N0} bytes; binary data may be at most {MaxValueBytes:N0} bytes (64 KiB).", nameof(value)),
        byte[] b => 4 + b.Length,
        bool => 1,
        int => 4,
        long or double or DateTime or DateTimeOffset => 8,
        Guid => 16,
        _ => throw new ArgumentException(
            $"Property '{name}' is a {value.GetType().Name}; Table Storage supports string, bool, int, long, double, DateTimeOffset, Guid and byte[].", nameof(value)),
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
