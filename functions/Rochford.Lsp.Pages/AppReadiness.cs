// Whether the app has started: the local host starts its engine, tables and seed after the web server listens, and its
// health endpoint and pages say "starting" until then. The Functions app has no such start (the platform runs Durable
// Task) and registers none, so its health endpoint reads as running.

namespace Rochford.Lsp.Pages;

/// <summary>Whether the app has finished starting.</summary>
public sealed class AppReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>"starting", "running" or "failed".</summary>
    public string State { get; private set; } = "starting";

    /// <summary>Why the start failed, for /api/health and the log.</summary>
    public string? Failure { get; private set; }

    /// <summary>Completes when the app is running; faults when its start failed.</summary>
    public Task Ready => _ready.Task;

    /// <summary>The start finished.</summary>
    public void Running()
    {
        State = "running";
        _ready.TrySetResult();
    }

    /// <summary>The start failed at <paramref name="step"/>.</summary>
    public void Failed(string step, Exception exception)
    {
        Failure = $"{step}: {exception.Message}";
        State = "failed";
        _ready.TrySetException(new InvalidOperationException($"The app could not start ({Failure})", exception));
    }
}

