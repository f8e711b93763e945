using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace Rochford.Lsp.Tables;

/// <summary>The response to one action of a transaction, read out of the multipart batch response.</summary>
internal sealed class BatchPartResponse(TableBatch.Part part) : Response
{
    public override int Status => part.Status;
    public override string ReasonPhrase => "";
    public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(part.Body));
    public override string ClientRequestId { get; set; } = "";
    public override void Dispose() => ContentStream?.Dispose();
    protected override bool ContainsHeader(string name) => part.Headers.ContainsKey(name);
    protected override IEnumerable<HttpHeader> EnumerateHeaders() => part.Headers.Select(h => new HttpHeader(h.Key, h.Value));
    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => part.Headers.TryGetValue(name, out value);
    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = part.Headers.TryGetValue(name, out var value);
        values = found ? [value!] : null;
        return found;
    }
}
