// The Table service's JSON wire format (OData minimal metadata): types JSON cannot carry on its own
// (Int64, DateTime, Guid, Binary, integral doubles) travel with an "Name@odata.type" annotation.

using System.Globalization;
using System.Text.Json;
using Azure;

namespace Rochford.Lsp.Tables;

internal static class EntityJson
{
    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, entity);
        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            if (name == "Timestamp" || value is null) continue;
            switch (value)
            {
                case string s: writer.WriteString(name, s); break;
                case bool b: writer.WriteBoolean(name, b); break;
                case int i: writer.WriteNumber(name, i); break;
                case long l:
                    writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                    writer.WriteString(name + "@odata.type", "Edm.Int64");
                    break;
                case double d:
                    writer.WriteNumber(name, d);
                    writer.WriteString(name + "@odata.type", "Edm.Double");
                    break;
                case DateTimeOffset dto:
                    writer.WriteString(name, dto.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                    writer.WriteString(name + "@odata.type", "Edm.DateTime");
                    break;
                case DateTime dt:
                    writer.WriteString(name, DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                    writer.WriteString(name + "@odata.type", "Edm.DateTime");
                    break;
                case Guid g:
                    writer.WriteString(name, g.ToString("D"));
                    writer.WriteString(name + "@odata.type", "Edm.Guid");
                    break;
                case byte[] bytes:
                    writer.WriteString(name, Convert.ToBase64String(bytes));
                    writer.WriteString(name + "@odata.type", "Edm.Binary");
                    break;
                default:
                    throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.");
            }
        }
        writer.WriteEndObject();
    }

    public static TableEntity Read(JsonElement element)
    {
        var entity = new TableEntity();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith("@odata.type", StringComparison.Ordinal))
                types[property.Name[..^"@odata.type".Length]] = property.Value.GetString() ?? "";
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.Contains('@') || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                if (name == "odata.etag") entity.ETag = new ETag(property.Value.GetString()!);
                continue;
            }
            var value = ReadValue(property.Value, types.GetValueOrDefault(name));
            if (name == "Timestamp")
                entity.Timestamp = value as DateTimeOffset? ?? (value is string ts ? DateTimeOffset.Parse(ts, CultureInfo.InvariantCulture) : null);
            else
                entity[name] = value;
        }
        return entity;
    }

    private static object? ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Int32" => value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? ParseDoubleString(value.GetString()!) : value.GetDouble(),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => Convert.FromBase64String(value.GetString()!),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetInt32(out var i) => i,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        },
    };

    private static double ParseDoubleString(string s) => s switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };
}
