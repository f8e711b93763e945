// Entity-group transactions over the $batch endpoint: a multipart/mixed request holding one changeset
// of up to 100 operations on one partition, applied all-or-nothing by the service.

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure;

namespace Rochford.Lsp.Tables;

internal static class TableBatch
{
    public const int MaxActions = 100;
    public const int MaxPayloadBytes = 4 * 1024 * 1024;

    /// <summary>Checks the service's transaction rules before sending, with a clear message for each.</summary>
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        if (actions.Count > MaxActions)
            throw new ArgumentException($"A transaction may hold at most {MaxActions} actions; this one has {actions.Count}.", nameof(actions));
        var partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
                throw new ArgumentException($"All actions in a transaction must share one PartitionKey; action {i} has '{entity.PartitionKey}', action 0 has '{partition}'.", nameof(actions));
            if (!rows.Add(entity.RowKey))
                throw new ArgumentException($"A transaction may touch each entity once; RowKey '{entity.RowKey}' appears twice (action {i}).", nameof(actions));
            if (actions[i].ActionType == TableTransactionActionType.Delete)
                EntityLimits.ValidateKey(entity.RowKey, "RowKey");
            else
                EntityLimits.Validate(entity);
        }
    }

    /// <summary>Writes the multipart body; returns it with its content type.</summary>
    public static (byte[] Body, string ContentType) Build(Uri tableEndpoint, string table, IReadOnlyList<TableTransactionAction> actions, Guid batchId, Guid changesetId)
    {
        var batchBoundary = "batch_" + batchId.ToString("D");
        var changesetBoundary = "changeset_" + changesetId.ToString("D");
        var sb = new StringBuilder();
        sb.Append("--").Append(batchBoundary).Append("\r\n");
        sb.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");

        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, withBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", true),
                TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge => ("MERGE", true),
                TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpsertReplace => ("PUT", true),
                TableTransactionActionType.Delete => ("DELETE", false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions)),
            };
            var url = action.ActionType == TableTransactionActionType.Add
                ? tableEndpoint + Uri.EscapeDataString(table)
                : tableEndpoint + TableClient.EntityPath(table, entity.PartitionKey, entity.RowKey);

            sb.Append("--").Append(changesetBoundary).Append("\r\n");
            sb.Append("Content-Type: application/http\r\n");
            sb.Append("Content-Transfer-Encoding: binary\r\n\r\n");
            sb.Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n");
            sb.Append("Content-ID: ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            sb.Append("Accept: application/json;odata=minimalmetadata\r\n");
            sb.Append("DataServiceVersion: 3.0;\r\n");
            if (action.ETag != default)
                sb.Append("If-Match: ").Append(action.ETag.ToString()).Append("\r\n");
            if (withBody)
            {
                sb.Append("Content-Type: application/json\r\n");
                if (action.ActionType == TableTransactionActionType.Add)
                    sb.Append("Prefer: return-no-content\r\n");
                sb.Append("\r\n");
                sb.Append(Encoding.UTF8.GetString(EntityJson.Serialize(entity))).Append("\r\n");
            }
            else
            {
                sb.Append("\r\n");
            }
        }
        sb.Append("--").Append(changesetBoundary).Append("--\r\n");
        sb.Append("--").Append(batchBoundary).Append("--\r\n");
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        if (body.Length > MaxPayloadBytes)
            throw new ArgumentException($"The transaction is {body.Length:N0} bytes; the most allowed is {MaxPayloadBytes:N0} (4 MiB).", nameof(actions));
        return (body, "multipart/mixed; boundary=" + batchBoundary);
    }

    /// <summary>One inner response of a batch.</summary>
    public sealed record Part(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>Parses the inner HTTP responses of a multipart batch response.</summary>
    public static IReadOnlyList<Part> Parse(string body, string? contentType)
    {
        var boundary = BoundaryOf(contentType) ?? FirstBoundaryLine(body);
        if (boundary is null) return [];
        var parts = new List<Part>();
        foreach (var section in SplitParts(body, boundary))
        {
            // A section is either a nested changeset (multipart again) or an application/http part.
            var (headers, content) = SplitHeaders(section);
            if (headers.TryGetValue("Content-Type", out var ct) && ct.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                parts.AddRange(Parse(content, ct));
                continue;
            }
            var statusLineEnd = content.IndexOf("\r\n", StringComparison.Ordinal);
            var statusLine = statusLineEnd < 0 ? content : content[..statusLineEnd];
            var pieces = statusLine.Split(' ', 3);
            if (pieces.Length < 2 || !int.TryParse(pieces[1], CultureInfo.InvariantCulture, out var status)) continue;
            var (innerHeaders, innerBody) = SplitHeaders(statusLineEnd < 0 ? "" : content[(statusLineEnd + 2)..]);
            parts.Add(new Part(status, innerHeaders, innerBody.TrimEnd('\r', '\n')));
        }
        return parts;
    }

    /// <summary>
    /// Which action failed (zero-based): the service prefixes its error message with the index ("1:The update
    /// condition..."); failing that, the part's Content-ID, which we number from 1 as the service does.
    /// </summary>
    public static int? FailedIndex(Part part, int actionCount)
    {
        var (_, message) = TableErrors.ParseBody(part.Body);
        if (message is not null)
        {
            var colon = message.IndexOf(':');
            if (colon > 0 && int.TryParse(message[..colon], CultureInfo.InvariantCulture, out var byPrefix) && byPrefix >= 0 && byPrefix < actionCount)
                return byPrefix;
        }
        if (part.Headers.TryGetValue("Content-ID", out var id) && int.TryParse(id, CultureInfo.InvariantCulture, out var byId) && byId >= 1 && byId <= actionCount)
            return byId - 1;
        return actionCount == 1 ? 0 : null;
    }

    /// <summary>Turns a failed inner part into the typed error it stands for.</summary>
    public static TableRequestFailedException ErrorOf(Part part)
    {
        var (code, message) = TableErrors.ParseBody(part.Body);
        message ??= "The transaction was refused";
        // The service prefixes the failed operation's index ("1:..."); the exception states it separately.
        var colon = message.IndexOf(':');
        if (colon > 0 && int.TryParse(message[..colon], CultureInfo.InvariantCulture, out _)) message = message[(colon + 1)..];
        var firstLine = message.Split('\n')[0].Trim();
        return TableErrors.Create(part.Status, code, $"{firstLine} (status {part.Status}{(code is null ? "" : ", " + code)})");
    }

    public static ETag? ETagOf(Part part) => part.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : null;

    private static string? BoundaryOf(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        return media.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
    }

    private static string? FirstBoundaryLine(string body)
    {
        var line = body.TrimStart().Split("\r\n", 2)[0];
        return line.StartsWith("--", StringComparison.Ordinal) ? line[2..].Trim() : null;
    }

    private static IEnumerable<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var segments = body.Split(delimiter);
        // segments[0] is the preamble; a segment starting with "--" is the closing delimiter.
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.StartsWith("--", StringComparison.Ordinal)) yield break;
            yield return segment.TrimStart('\r', '\n');
        }
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = end < 0 ? text : text[..end];
        foreach (var line in headerText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (headers, end < 0 ? "" : text[(end + 4)..]);
    }
}
