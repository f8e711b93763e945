namespace Rochford.Lsp.Email;

/// <summary>
/// The template has no renderer, or its model JSON does not fit it: a fault in the app, not in what people typed.
/// The caller parks the outbox row and shows officers this message; retrying would fail the same way.
/// </summary>
public sealed class EmailTemplateException(string message, Exception? inner = null) : Exception(message, inner);
