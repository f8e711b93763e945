// Money travels as whole pence (exact, unambiguous); a person-written "£1,234.56" is accepted on input.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rochford.Lsp.Reporting.Funding;

/// <summary>Writes <see cref="Money"/> as whole pence; reads pence (a whole number) or a string like "£1,234.56".</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    /// <inheritdoc/>
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out var pence) => new Money(pence),
        JsonTokenType.String when Money.TryParse(reader.GetString(), out var money, out _) => money,
        _ => throw new JsonException("An amount of money must be whole pence (e.g. 123456) or text like \"£1,234.56\"."),
    };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Pence);
}
