// A thin Azure Table Storage client on Azure.Core's HttpPipeline (retries, diagnostics, transport).
// Its names mirror Azure.Data.Tables.TableClient so that package can replace it when it is obtainable.

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Rochford.Lsp.Tables;

/// <summary>How an update combines with the stored entity.</summary>
public enum TableUpdateMode
{
    /// <summary>Change only the given properties.</summary>
    Merge,
    /// <summary>Replace the whole entity.</summary>
    Replace,
}

/// <summary>Operations on one table: entities, queries and entity-group transactions.</summary>
/// <remarks>
/// Every update and delete carries an ETag (use <see cref="ETag.All"/> deliberately to overwrite);
/// every entity is checked against the service's limits before it is sent.
/// </remarks>
public class TableClient
{
    private const string JsonAccept = "application/json;odata=minimalmetadata";
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly string _serviceVersion;

    /// <summary>Creates a client from a storage connection string (Azurite's <c>UseDevelopmentStorage=true</c> included).</summary>
    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
        : this(TableConnectionString.Parse(connectionString), tableName, options) { }

    /// <summary>Creates a client signing with the account key of a parsed connection string.</summary>
    public TableClient(TableConnectionString connection, string tableName, TableClientOptions? options = null)
        : this(connection.TableEndpoint, tableName, options ?? new TableClientOptions(),
            new SharedKeyLitePolicy(connection.AccountName,
                connection.AccountKey ?? throw new ArgumentException("The connection string has no AccountKey; use a TokenCredential instead.", nameof(connection))))
    { }

    /// <summary>Creates a client authenticating with Microsoft Entra ID (e.g. a managed identity).</summary>
    public TableClient(Uri tableEndpoint, string tableName, TokenCredential credential, TableClientOptions? options = null)
        : this(TableConnectionString.EnsureTrailingSlash(tableEndpoint), tableName, options ?? new TableClientOptions(),
            new BearerTokenAuthenticationPolicy(credential, "https://storage.azure.com/.default"))
    { }

    private TableClient(Uri endpoint, string tableName, TableClientOptions options, HttpPipelinePolicy authPolicy)
    {
        ValidateTableName(tableName);
        _endpoint = endpoint;
        Name = tableName;
        _serviceVersion = options.ServiceVersion;
        _pipeline = HttpPipelineBuilder.Build(options, [], [authPolicy], new ResponseClassifier());
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>Builds a $filter from an interpolated string, escaping every value (see <see cref="TableQueryFilter"/>).</summary>
    public static string CreateQueryFilter(FormattableString filter) => TableQueryFilter.Create(filter);

    /// <summary>Creates the table; does nothing if it already exists.</summary>
    public virtual async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = JsonContent(w => { w.WriteStartObject(); w.WriteString("TableName", Name); w.WriteEndObject(); });
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status is 201 or 204 or 409) return;
        throw TableErrors.FromResponse(message.Response);
    }

    /// <summary>Deletes the table; does nothing if it does not exist.</summary>
    public virtual async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"Tables('{EscapeKey(Name)}')");
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status is 204 or 404) return;
        throw TableErrors.FromResponse(message.Response);
    }

    /// <summary>Reads one entity; throws <see cref="TableNotFoundException"/> when it does not exist.</summary>
    public virtual async Task<Response<TableEntity>> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var result = await GetEntityIfExistsAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        if (!result.HasValue)
            throw new TableNotFoundException(404, $"No entity with PartitionKey '{partitionKey}' and RowKey '{rowKey}' in table '{Name}'.", "ResourceNotFound");
        return Response.FromValue(result.Value!, result.GetRawResponse());
    }

    /// <summary>Reads one entity, or returns a response without a value when it does not exist.</summary>
    public virtual async Task<NullableResponse<TableEntity>> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        EntityLimits.ValidateKey(partitionKey, "PartitionKey");
        EntityLimits.ValidateKey(rowKey, "RowKey");
        using var message = CreateMessage(RequestMethod.Get, EntityPath(Name, partitionKey, rowKey));
        AddSelect(message.Request.Uri, select);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404 && ErrorCodeOf(response) is "ResourceNotFound" or null)
            return new NoValueResponse(response);
        if (response.Status != 200) throw TableErrors.FromResponse(response);
        using var doc = JsonDocument.Parse(response.Content);
        var entity = EntityJson.Read(doc.RootElement);
        if (response.Headers.ETag is { } etag) entity.ETag = etag;
        return Response.FromValue(entity, response);
    }

    /// <summary>Inserts an entity; throws <see cref="TableConflictException"/> when it already exists.</summary>
    public virtual async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        EntityLimits.Validate(entity);
        using var message = CreateMessage(RequestMethod.Post, Uri.EscapeDataString(Name));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(EntityJson.Serialize(entity));
        return await SendExpectingAsync(message, entity, cancellationToken, 201, 204).ConfigureAwait(false);
    }

    /// <summary>
    /// Updates an existing entity if its stored ETag still equals <paramref name="ifMatch"/>;
    /// throws <see cref="TablePreconditionFailedException"/> when someone changed it first.
    /// </summary>
    public virtual async Task<Response> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
            throw new ArgumentException("An update needs an ETag: pass the entity's ETag, or ETag.All to overwrite unconditionally.", nameof(ifMatch));
        EntityLimits.Validate(entity);
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? RequestMethod.Patch : RequestMethod.Put, EntityPath(Name, entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString());
        message.Request.Content = RequestContent.Create(EntityJson.Serialize(entity));
        return await SendExpectingAsync(message, entity, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>Inserts or updates (merge or replace) an entity unconditionally.</summary>
    public virtual async Task<Response> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        EntityLimits.Validate(entity);
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? RequestMethod.Patch : RequestMethod.Put, EntityPath(Name, entity.PartitionKey, entity.RowKey));
        message.Request.Content = RequestContent.Create(EntityJson.Serialize(entity));
        return await SendExpectingAsync(message, entity, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an entity if its ETag matches <paramref name="ifMatch"/> (<see cref="ETag.All"/>: whatever its version).
    /// Deleting an entity that does not exist is not an error.
    /// </summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
            throw new ArgumentException("A delete needs an ETag: pass the entity's ETag, or ETag.All to delete whatever its version.", nameof(ifMatch));
        EntityLimits.ValidateKey(partitionKey, "PartitionKey");
        EntityLimits.ValidateKey(rowKey, "RowKey");
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(Name, partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString());
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 204 || (response.Status == 404 && ifMatch == ETag.All)) return response;
        throw TableErrors.FromResponse(response);
    }

    /// <summary>
    /// Queries entities, following continuation tokens across pages (an empty page that carries a
    /// continuation is followed too). <paramref name="maxPerPage"/> is sent as $top.
    /// </summary>
    public virtual AsyncPageable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is <= 0 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), "maxPerPage must be between 1 and 1000.");
        return new QueryPageable(this, filter, maxPerPage, select?.ToArray(), cancellationToken);
    }

    /// <summary>
    /// Submits an entity-group transaction: up to 100 actions on one partition, all applied or none.
    /// Throws <see cref="TableTransactionFailedException"/> naming the failed action.
    /// The returned list holds one response per action, in order (with the new ETag where there is one).
    /// </summary>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        TableBatch.Validate(actions);
        var (body, contentType) = TableBatch.Build(_endpoint, Name, actions, Guid.NewGuid(), Guid.NewGuid());
        using var message = CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202) throw TableErrors.FromResponse(response);

        response.Headers.TryGetValue("Content-Type", out var responseType);
        var parts = TableBatch.Parse(response.Content.ToString(), responseType);
        var failed = parts.FirstOrDefault(p => p.Status >= 300);
        if (failed is not null)
            throw new TableTransactionFailedException(TableBatch.ErrorOf(failed), TableBatch.FailedIndex(failed, actions.Count));
        if (parts.Count != actions.Count)
            throw new TableRequestFailedException(response.Status, $"The transaction response held {parts.Count} results for {actions.Count} actions.", null);

        var results = new List<Response>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            if (TableBatch.ETagOf(parts[i]) is { } etag && actions[i].ActionType != TableTransactionActionType.Delete)
                actions[i].Entity.ETag = etag;
            results.Add(new BatchPartResponse(parts[i]));
        }
        return Response.FromValue<IReadOnlyList<Response>>(results, response);
    }

    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{Uri.EscapeDataString(table)}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    /// <summary>Quotes are doubled (OData) and everything else URL-encoded, so any valid key survives the trip.</summary>
    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue("Accept", JsonAccept);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("x-ms-version", _serviceVersion);
        if (method != RequestMethod.Get && method != RequestMethod.Delete)
            request.Headers.SetValue("Content-Type", "application/json");
        return message;
    }

    private async Task<Response> SendExpectingAsync(HttpMessage message, TableEntity entity, CancellationToken cancellationToken, params int[] success)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (!success.Contains(response.Status)) throw TableErrors.FromResponse(response);
        if (response.Headers.ETag is { } etag) entity.ETag = etag;
        return response;
    }

    private static void AddSelect(RequestUriBuilder uri, IEnumerable<string>? select)
    {
        if (select is null) return;
        var columns = string.Join(',', select);
        if (columns.Length > 0) uri.AppendQuery("$select", columns, escapeValue: true);
    }

    private static RequestContent JsonContent(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return RequestContent.Create(buffer.ToArray());
    }

    private static string? ErrorCodeOf(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var code)) return code;
        return TableErrors.ParseBody(response.Content.ToString()).Code;
    }

    private static void ValidateTableName(string tableName)
    {
        if (string.IsNullOrEmpty(tableName) || tableName.Length is < 3 or > 63 || !char.IsAsciiLetter(tableName[0]) || !tableName.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"Table name '{tableName}' is not valid: use 3 to 63 letters and digits, starting with a letter.", nameof(tableName));
    }

    /// <summary>One page of a query: entities plus the continuation headers.</summary>
    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, int? top, string[]? select, string? continuation, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri.EscapeDataString(Name) + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter)) uri.AppendQuery("$filter", filter, escapeValue: true);
        if (top is { } t) uri.AppendQuery("$top", t.ToString(CultureInfo.InvariantCulture));
        AddSelect(uri, select);
        if (continuation is not null)
        {
            var pieces = continuation.Split(' ', 2);
            uri.AppendQuery("NextPartitionKey", pieces[0], escapeValue: true);
            if (pieces.Length > 1 && pieces[1].Length > 0) uri.AppendQuery("NextRowKey", pieces[1], escapeValue: true);
        }
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200) throw TableErrors.FromResponse(response);

        var entities = new List<TableEntity>();
        using (var doc = JsonDocument.Parse(response.Content))
        {
            if (doc.RootElement.TryGetProperty("value", out var values))
                foreach (var item in values.EnumerateArray()) entities.Add(EntityJson.Read(item));
        }
        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk) && !string.IsNullOrEmpty(nextPk))
        {
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk);
            next = nextPk + " " + (nextRk ?? "");
        }
        return Page<TableEntity>.FromValues(entities, next, response);
    }

    private sealed class QueryPageable(TableClient client, string? filter, int? top, string[]? select, CancellationToken cancellationToken)
        : AsyncPageable<TableEntity>(cancellationToken)
    {
        public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            var continuation = continuationToken;
            do
            {
                var page = await client.QueryPageAsync(filter, pageSizeHint ?? top, select, continuation, CancellationToken).ConfigureAwait(false);
                continuation = page.ContinuationToken;
                yield return page;
            }
            while (continuation is not null);
        }
    }

    private sealed class NoValueResponse(Response response) : NullableResponse<TableEntity>
    {
        public override bool HasValue => false;
        public override TableEntity? Value => null;
        public override Response GetRawResponse() => response;
    }
}
