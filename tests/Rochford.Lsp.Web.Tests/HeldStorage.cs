// Storage that answers only when the test says so: a loopback TCP relay in front of some of Azurite's endpoints that
// accepts connections at once but passes no bytes until Release(). Holding blob and queue storage, which only the
// workflow engine uses, makes "the engine is still starting" a state the test holds, instead of a race the test hopes to
// win against a fast machine. (Table storage is left alone: the data-protection key ring is read from it before the web
// server listens.)

using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Rochford.Lsp.Web.Tests;

public sealed partial class HeldStorage : IAsyncDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpListener> _listeners = [];
    private readonly List<Task> _loops = [];

    /// <summary>Relays the <paramref name="held"/> services' endpoints (Blob, Queue, Table) of <paramref name="connectionString"/>.</summary>
    public HeldStorage(string connectionString, params string[] held)
    {
        ConnectionString = Endpoint().Replace(connectionString, match =>
        {
            if (!held.Contains(match.Groups["service"].Value, StringComparer.Ordinal)) return match.Value;
            var target = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            _listeners.Add(listener);
            _loops.Add(AcceptAsync(listener, target));
            return $"{match.Groups["service"].Value}Endpoint=http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        });
        if (_listeners.Count == 0) throw new ArgumentException($"The connection string names no loopback endpoint for {string.Join(", ", held)} to hold.", nameof(connectionString));
    }

    /// <summary>The connection string that goes through the relays.</summary>
    public string ConnectionString { get; }

    /// <summary>From now on (and for every connection already waiting) bytes pass both ways.</summary>
    public void Release() => _released.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var listener in _listeners) listener.Stop();
        try { await Task.WhenAll(_loops); } catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, int target)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = RelayAsync(client, target);
        }
    }

    private async Task RelayAsync(TcpClient client, int target)
    {
        using (client)
        {
            try
            {
                await _released.Task.WaitAsync(_stop.Token);
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, target, _stop.Token);
                var inbound = client.GetStream();
                var outbound = upstream.GetStream();
                await Task.WhenAny(inbound.CopyToAsync(outbound, _stop.Token), outbound.CopyToAsync(inbound, _stop.Token));
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The app or the relay closed the connection; nothing to keep.
            }
        }
    }

    [GeneratedRegex(@"(?<service>Blob|Queue|Table)Endpoint=http://127\.0\.0\.1:(?<port>\d+)/")]
    private static partial Regex Endpoint();
}
