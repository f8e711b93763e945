// Starts the real app (the built Rochford.Lsp.Web.dll) as a process on a loopback port it picks itself, against the
// shared Azurite with its own table prefix, so tests exercise exactly what ./run.sh runs.

using System.Diagnostics;
using System.Text;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Web.Tests;

public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private AppProcess(Process process, StringBuilder log, Uri baseAddress, string connectionString, string tablePrefix)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        ConnectionString = connectionString;
        TablePrefix = tablePrefix;
        // Long enough for a clock move just after a restart on a crashed app's storage: messages the dead engine had taken
        // stay hidden for the task hub's visibility timeout (a minute, host.json) before the restarted one sees them.
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(150) };
    }

    public Uri BaseAddress { get; }
    public string ConnectionString { get; }
    public string TablePrefix { get; }
    public HttpClient Http { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>
    /// Starts the app on its own tables (a new prefix), or on <paramref name="tablePrefix"/>'s to restart on existing storage,
    /// and waits until /api/health says it is running (or, with <paramref name="untilHealthy"/> false, until the home page answers).
    /// <paramref name="connectionString"/> replaces Azurite's own (a relay in front of it, say).
    /// </summary>
    public static async Task<AppProcess> StartAsync(AzuriteServer azurite, IDictionary<string, string> settings, string? tablePrefix = null,
        bool untilHealthy = true, string? connectionString = null)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(AzuriteServer.RepositoryRoot(), "functions", "Rochford.Lsp.Web", "bin", configuration, "net10.0", "Rochford.Lsp.Web.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        // Port 0: Kestrel binds a free port itself and logs which (Rochford.Lsp.Testing.Listeners explains why).
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment[ListeningAnnouncement.KestrelLogLevelVariable] = "Information";
        connectionString ??= azurite.ConnectionString;
        start.Environment["Storage__ConnectionString"] = connectionString;
        var prefix = tablePrefix ?? AzuriteServer.UniqueTableName("app");
        start.Environment["Storage__TablePrefix"] = prefix;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var process = Process.Start(start)!;
        var log = new StringBuilder();
        var listening = ListeningAnnouncement.Kestrel();
        process.OutputDataReceived += (_, e) => Observe(e.Data);
        process.ErrorDataReceived += (_, e) => Observe(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Uri address;
        try
        {
            address = await listening.WaitAsync(process, TimeSpan.FromSeconds(60), () => { lock (log) return log.ToString(); });
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
        var app = new AppProcess(process, log, new Uri(address, "/"), connectionString, prefix);

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (app._process.HasExited) throw new InvalidOperationException($"The app exited with code {app._process.ExitCode}:\n{app.Log}");
            try
            {
                using var response = await app.Http.GetAsync(untilHealthy ? "api/health" : "");
                if (response.IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The app did not answer within 60 s:\n{app.Log}");

        void Observe(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
            listening.Observe(line);
        }
    }

    /// <summary><paramref name="instance"/>'s history as /dev/instances/{id}/history.json gives it (one row per event).</summary>
    public async Task<System.Text.Json.JsonElement[]> HistoryAsync(string instance) =>
        (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement[]>(Http, $"dev/instances/{instance}/history.json"))!;

    /// <summary>Waits (30 s at most) until <paramref name="instance"/>'s history satisfies <paramref name="done"/>, for effects raised by other instances; returns it.</summary>
    public async Task<System.Text.Json.JsonElement[]> WaitForHistoryAsync(string instance, Func<System.Text.Json.JsonElement[], bool> done)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var history = await HistoryAsync(instance);
            if (done(history)) return history;
            if (started.Elapsed > TimeSpan.FromSeconds(30))
                throw new Xunit.Sdk.XunitException($"{instance}'s history did not get there in 30 s: {string.Join("; ", history.Select(h => h.GetProperty("type").GetString()))}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="instance"/>'s history has a row of <paramref name="type"/>.</summary>
    public Task<System.Text.Json.JsonElement[]> WaitForHistoryAsync(string instance, string type) =>
        WaitForHistoryAsync(instance, history => history.Any(h => h.GetProperty("type").GetString() == type));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
