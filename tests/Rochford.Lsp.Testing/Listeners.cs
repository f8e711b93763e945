// How tests and tools give a listener its port without racing the rest of the machine for it: AzuriteServer, the app
// processes of the web tests and the benchmarks, and the in-memory engine of the workflow tests and the simulation all
// start theirs through here. Its own tests: tests/Rochford.Lsp.Workflow.Tests/ListenersTests.cs.

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Rochford.Lsp.Testing;

/// <summary>
/// Starts listeners on ports nobody else can take first: port 0 where the listener can say which port it got, otherwise
/// a free port, started again on another when it turns out to have been taken.
/// </summary>
/// <remarks>
/// <para>"Bind port 0, read the number, close, hand the number to a server" is a race: until the server binds it, the
/// port is free for anyone. A test run starts many listeners at once (Azurite, app processes and their engines,
/// in-memory engines) while the system hands out ports for outgoing connections from the same range, and a start then
/// fails with "address already in use" (issue 24: the in-memory engine's sidecar, which otherwise picks a random port).</para>
/// <para>So where a listener can bind port 0 itself and report the port it got, it does, and nothing is retried: Kestrel
/// (<c>--urls http://127.0.0.1:0</c>, its "Now listening on:" line), Azurite (<c>--tablePort 0</c>, its "successfully
/// listening at" lines) and WireMock (its default). <see cref="ListeningAnnouncement"/> reads such a line from a child
/// process. Where an API must be told the number before it binds (<c>DurableTaskTestHost</c> builds its client's address
/// from it), <see cref="StartOnFreePortAsync{T}"/> picks a free port and, if the start fails because the port was taken
/// meanwhile, starts again on another, a few times. Any other failure is thrown at once: retrying would only hide it.</para>
/// <para>The app's own workflow engine (functions/Rochford.Lsp.Web) needs neither: it holds its port from the moment it
/// picks it (LocalEngine's <c>LoopbackPortReservation</c>).</para>
/// </remarks>
public static class Listeners
{
    /// <summary>How many ports <see cref="StartOnFreePortAsync{T}"/> tries before giving up.</summary>
    public const int DefaultAttempts = 5;

    /// <summary>
    /// Starts a listener that must be told its port up front: on a port from <paramref name="choosePort"/> (by default
    /// <see cref="FreeLoopbackPort"/>), and again on a new one each time the start fails with "address already in use",
    /// up to <paramref name="attempts"/> starts.
    /// </summary>
    /// <param name="start">Starts the listener on the given port. A failed start must leave nothing listening.</param>
    /// <param name="choosePort">Picks each attempt's port (tests pass a taken one first).</param>
    /// <exception cref="IOException">Every attempt's port was taken (the last refusal is the inner exception).</exception>
    public static async Task<T> StartOnFreePortAsync<T>(Func<int, CancellationToken, Task<T>> start, Func<int>? choosePort = null,
        int attempts = DefaultAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        choosePort ??= FreeLoopbackPort;
        var tried = new List<int>();
        for (var attempt = 1; ; attempt++)
        {
            var port = choosePort();
            tried.Add(port);
            try
            {
                return await start(port, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsAddressInUse(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= attempts)
                    throw new IOException(
                        $"Could not start a listener: each of the {attempts} ports tried ({string.Join(", ", tried)}) was taken before it could bind it.", ex);
            }
        }
    }

    /// <summary>
    /// A loopback port nobody listens on at this moment (the system's pick for port 0, released at once). Only for
    /// <see cref="StartOnFreePortAsync{T}"/>: by the time a server binds it, someone else may have.
    /// </summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// True when <paramref name="exception"/> or one it wraps says the address was in use: a <see cref="SocketException"/>
    /// with <see cref="SocketError.AddressAlreadyInUse"/>, or Kestrel's <c>AddressInUseException</c> (which wraps one;
    /// matched by name, so that this project needs no ASP.NET Core reference).
    /// </summary>
    public static bool IsAddressInUse(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var ex))
        {
            if (ex is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || ex.GetType().FullName == "Microsoft.AspNetCore.Connections.AddressInUseException")
                return true;
            if (ex is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (ex.InnerException is { } inner)
                pending.Push(inner);
        }
        return false;
    }
}

/// <summary>
/// Waits for a child process started on port 0 to say where it listens: Kestrel's "Now listening on: http://127.0.0.1:41234",
/// Azurite's "Azurite Table service is successfully listening at http://127.0.0.1:41234". Feed it every line the process
/// writes (<see cref="Observe"/>); <see cref="WaitAsync"/> returns the first address announced on a line that
/// <c>which</c> accepts.
/// </summary>
public sealed partial class ListeningAnnouncement(Func<string, bool>? which = null)
{
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Kestrel's line, as an app process started with <c>--urls http://127.0.0.1:0</c> logs it.</summary>
    /// <remarks>
    /// Logged by the Microsoft.Hosting.Lifetime category at Information: start the process with
    /// <see cref="KestrelLogLevelVariable"/> set to Information if its settings may quieten it.
    /// </remarks>
    public static ListeningAnnouncement Kestrel() => new(line => line.Contains("Now listening on:", StringComparison.Ordinal));

    /// <summary>The environment variable that keeps Kestrel's "Now listening on:" line in an app's log whatever its default level.</summary>
    public const string KestrelLogLevelVariable = "Logging__LogLevel__Microsoft.Hosting.Lifetime";

    /// <summary>The address a line announces (a port other than 0), if it announces one.</summary>
    public static Uri? AddressIn(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = Announcement().Match(line);
        return match.Success && Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var address) && address.Port > 0 ? address : null;
    }

    /// <summary>Reads one line the process wrote (stdout or stderr; null, the end of a stream, is ignored).</summary>
    public void Observe(string? line)
    {
        if (line is not null && (which?.Invoke(line) ?? true) && AddressIn(line) is { } address)
            _address.TrySetResult(address);
    }

    /// <summary>
    /// The announced address, once the process has written it.
    /// </summary>
    /// <param name="process">The process: if it exits first, this fails with <paramref name="log"/>.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="log">What the process wrote so far, for the failure message.</param>
    /// <exception cref="InvalidOperationException">The process exited without announcing an address.</exception>
    /// <exception cref="TimeoutException">It did not announce one in time.</exception>
    public async Task<Uri> WaitAsync(Process process, TimeSpan timeout, Func<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(log);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exited = process.WaitForExitAsync(waiting.Token);
        var finished = await Task.WhenAny(_address.Task, exited, Task.Delay(timeout, waiting.Token)).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (_address.Task.IsCompleted) return await _address.Task.ConfigureAwait(false);
        if (finished == exited && process.HasExited)
        {
            // The line may be among the last ones read: the output streams end after the exit is seen.
            process.WaitForExit();
            if (_address.Task.IsCompleted) return await _address.Task.ConfigureAwait(false);
            throw new InvalidOperationException($"The process exited with code {process.ExitCode} before saying where it listens:\n{log()}");
        }
        throw new TimeoutException($"The process did not say where it listens within {timeout.TotalSeconds:0} s:\n{log()}");
    }

    [GeneratedRegex(@"listening (?:on|at):? (?<address>https?://[^\s/]+)")]
    private static partial Regex Announcement();
}
