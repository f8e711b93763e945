// One set of JSON options for everything the domain writes into payloads (event data, email models, raised events).
// Not for the orchestration state: that is ReportingCycle.StateJson, the runtime's options, in both directions.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rochford.Lsp.Reporting.Json;

/// <summary>The JSON options the reporting domain writes with.</summary>
public static class ReportingJson
{
    /// <summary>System.Text.Json defaults plus enums as strings; dates, quarters and money carry their own converters.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
        // Stored and emailed through templates that encode: keep non-ASCII text one character each, not six.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes <paramref name="value"/> as its runtime type, so derived records keep all their fields.</summary>
    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);
}
