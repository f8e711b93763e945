// Behaviour Azurite cannot be made to show on demand (throttling, empty pages that still carry a
// continuation, server errors) is checked against a real local HTTP server that answers from a script.

using System.Net;
using System.Net.Sockets;
using System.Text;
using Rochford.Lsp.Tables;

namespace Rochford.Lsp.Tables.Tests;

public sealed class ScriptedServiceTests
{
    [Fact]
    public async Task Query_EmptyPageWithContinuation_IsFollowedToTheNextPage()
    {
        await using var server = ScriptedServer.Start(
            (200, """{"value":[]}""", new() { ["x-ms-continuation-NextPartitionKey"] = "1!8!cDE-", ["x-ms-continuation-NextRowKey"] = "1!8!cjE-" }),
            (200, """{"value":[{"PartitionKey":"p1","RowKey":"r1","Count":3}]}""", new()));
        var client = server.Client();

        var rows = await client.QueryAsync("Count gt 1").ToListAsync();

        Assert.Equal("p1", Assert.Single(rows).PartitionKey);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("NextPartitionKey=1%218%21cDE-", server.Requests[1]);
        Assert.Contains("NextRowKey=1%218%21cjE-", server.Requests[1]);
    }

    [Fact]
    public async Task Throttling_IsRetriedThenReportedAsThrottled()
    {
        var busy = (503, """{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"The server is busy."}}}""", new Dictionary<string, string>());
        await using var server = ScriptedServer.Start(busy, busy, busy);
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var client = server.Client(options);

        var ex = await Assert.ThrowsAsync<TableThrottledException>(() => client.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("ServerBusy", ex.ErrorCode);
        Assert.Contains("The server is busy.", ex.Message);
    }

    [Fact]
    public async Task Throttling_ThatClears_Succeeds()
    {
        await using var server = ScriptedServer.Start(
            (429, "", new()),
            (204, "", new() { ["ETag"] = "W/\"datetime'2010-06-01T09%3A00%3A00Z'\"" }));
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var entity = new TableEntity("p", "r");

        await server.Client(options).AddEntityAsync(entity);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("W/\"datetime'2010-06-01T09%3A00%3A00Z'\"", entity.ETag.ToString());
    }

    [Fact]
    public async Task OtherError_CarriesServiceCodeAndMessage()
    {
        await using var server = ScriptedServer.Start(
            (400, """{"odata.error":{"code":"PropertyValueTooLarge","message":{"lang":"en-US","value":"The property value exceeds the maximum allowed size."}}}""", new()));

        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(() => server.Client().AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(400, ex.Status);
        Assert.Equal("PropertyValueTooLarge", ex.ErrorCode);
        Assert.Contains("exceeds the maximum allowed size", ex.Message);
    }

    /// <summary>A loopback HTTP server that answers each request with the next scripted response.</summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Queue<(int Status, string Body, Dictionary<string, string> Headers)> _script;
        private readonly Task _loop;

        private ScriptedServer(int port, IEnumerable<(int, string, Dictionary<string, string>)> script)
        {
            Port = port;
            _script = new(script);
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public int Port { get; }

        public List<string> Requests { get; } = [];

        public static ScriptedServer Start(params (int, string, Dictionary<string, string>)[] script)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new ScriptedServer(port, script);
        }

        public TableClient Client(TableClientOptions? options = null) =>
            new(new TableConnectionString(new Uri($"http://127.0.0.1:{Port}/devstoreaccount1/"), TableConnectionString.DevelopmentAccountName, TableConnectionString.DevelopmentAccountKey),
                "scripted", options);

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
                lock (Requests) Requests.Add(context.Request.RawUrl ?? "");
                var (status, body, headers) = _script.Count > 0 ? _script.Dequeue() : (500, "script exhausted", new Dictionary<string, string>());
                context.Response.StatusCode = status;
                foreach (var (name, value) in headers) context.Response.Headers[name] = value;
                var bytes = Encoding.UTF8.GetBytes(body);
                if (bytes.Length > 0) context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }
}
