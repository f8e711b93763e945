using System.Text.Json.Serialization;

namespace Rochford.Lsp.Reporting;

/// <summary>A progress report's status, as defined on the LSP's Funded Project Progress Report.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Rag>))]
public enum Rag
{
    /// <summary>Project experiencing or very likely to hit significant problems: urgent action required.</summary>
    Red,

    /// <summary>Project has potential for significant problems: action required.</summary>
    Amber,

    /// <summary>Project on target and no significant problems anticipated.</summary>
    Green,
}
