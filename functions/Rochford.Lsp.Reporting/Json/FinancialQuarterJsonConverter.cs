// Quarters travel in JSON as their label ("2009-10 Q4"), the way officers and leads write them.

using System.Text.Json;
using System.Text.Json.Serialization;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting.Json;

/// <summary>Writes and reads a <see cref="FinancialQuarter"/> as its label, e.g. "2009-10 Q4".</summary>
public sealed class FinancialQuarterJsonConverter : JsonConverter<FinancialQuarter>
{
    /// <inheritdoc/>
    public override FinancialQuarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return FinancialQuarter.TryParse(text, out var quarter)
            ? quarter
            : throw new JsonException($"'{text}' is not a financial quarter; write it like \"2009-10 Q4\".");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, FinancialQuarter value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Label);
}
