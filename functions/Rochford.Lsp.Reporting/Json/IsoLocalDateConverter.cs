// LocalDate has no System.Text.Json support of its own and would silently round-trip as 0001-01-01.
// Every LocalDate property that is persisted or sent carries this converter (a test checks they all do).

using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Rochford.Lsp.Reporting.Json;

/// <summary>Writes and reads a <see cref="LocalDate"/> as an ISO date, e.g. "2010-05-31".</summary>
public sealed class IsoLocalDateConverter : JsonConverter<LocalDate>
{
    /// <inheritdoc/>
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var result = LocalDatePattern.Iso.Parse(text ?? "");
        return result.Success
            ? result.Value
            : throw new JsonException($"'{text}' is not a date; write it as yyyy-MM-dd, e.g. \"2010-05-31\".");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
}
