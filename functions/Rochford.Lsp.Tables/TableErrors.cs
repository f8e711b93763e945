// Typed errors for the table client. Each derives from Azure.RequestFailedException (as Azure.Data.Tables
// throws) so callers can catch broadly, or catch the specific case they can act on.

using Azure;

namespace Rochford.Lsp.Tables;

/// <summary>A table request failed. <see cref="RequestFailedException.ErrorCode"/> holds the service's error code.</summary>
public class TableRequestFailedException(int status, string message, string? errorCode, Exception? inner = null)
    : RequestFailedException(status, message, errorCode, inner);

/// <summary>The table or entity does not exist (404).</summary>
public sealed class TableNotFoundException(int status, string message, string? errorCode)
    : TableRequestFailedException(status, message, errorCode);

/// <summary>The entity or table already exists, or the operation conflicts with current state (409).</summary>
public sealed class TableConflictException(int status, string message, string? errorCode)
    : TableRequestFailedException(status, message, errorCode);

/// <summary>The If-Match ETag did not match: someone else changed the entity first (412).</summary>
public sealed class TablePreconditionFailedException(int status, string message, string? errorCode)
    : TableRequestFailedException(status, message, errorCode);

/// <summary>The service is throttling (429, or 503 ServerBusy) and the pipeline's retries were used up.</summary>
public sealed class TableThrottledException(int status, string message, string? errorCode)
    : TableRequestFailedException(status, message, errorCode);

/// <summary>
/// An entity-group transaction was refused; nothing in it was written.
/// <see cref="FailedTransactionActionIndex"/> says which action failed, when the service said.
/// </summary>
public sealed class TableTransactionFailedException(TableRequestFailedException failure, int? failedIndex)
    : TableRequestFailedException(failure.Status,
        failedIndex is { } i ? $"Transaction action {i} failed: {failure.Message}" : failure.Message,
        failure.ErrorCode, failure)
{
    /// <summary>The zero-based index of the failed action in the submitted list, if known.</summary>
    public int? FailedTransactionActionIndex { get; } = failedIndex;

    /// <summary>The error of the failed action itself (e.g. a <see cref="TablePreconditionFailedException"/>).</summary>
    public TableRequestFailedException Failure { get; } = failure;
}

internal static class TableErrors
{
    /// <summary>Builds the typed exception for a failed status, code and message.</summary>
    public static TableRequestFailedException Create(int status, string? errorCode, string message) => status switch
    {
        404 => new TableNotFoundException(status, message, errorCode),
        409 => new TableConflictException(status, message, errorCode),
        412 => new TablePreconditionFailedException(status, message, errorCode),
        429 => new TableThrottledException(status, message, errorCode),
        503 when errorCode == "ServerBusy" => new TableThrottledException(status, message, errorCode),
        _ => new TableRequestFailedException(status, message, errorCode),
    };

    /// <summary>Reads the OData error body (JSON) or the x-ms-error-code header of a failed response.</summary>
    public static TableRequestFailedException FromResponse(Response response)
    {
        var (code, message) = ParseBody(response.Content.ToString());
        if (code is null && response.Headers.TryGetValue("x-ms-error-code", out var headerCode))
            code = headerCode;
        message ??= response.ReasonPhrase;
        return Create(response.Status, code, $"{message} (status {response.Status}{(code is null ? "" : ", " + code)})");
    }

    /// <summary>Parses {"odata.error":{"code":..,"message":{"value":..}}}; tolerant of empty or non-JSON bodies.</summary>
    internal static (string? Code, string? Message) ParseBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null);
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("odata.error", out var error)) return (null, null);
            var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
            string? message = null;
            if (error.TryGetProperty("message", out var m))
                message = m.ValueKind == System.Text.Json.JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
            return (code, message);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, body.Length > 500 ? body[..500] : body);
        }
    }
}
