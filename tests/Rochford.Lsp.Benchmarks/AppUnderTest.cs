// The real app (the Release build of Rochford.Lsp.Web) started as a process on a loopback port it picks itself, as ./run.sh starts
// it: its own Durable Task engine in process, over the benchmark's Azurite, with the given table prefix and settings.

using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Benchmarks;

/// <summary>A running app process, timed from process start to its first 200s.</summary>
internal sealed class AppUnderTest : IAsyncDisposable
{
    private const int KeptLogLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _log;

    private AppUnderTest(Process process, Queue<string> log, Uri baseAddress, string prefix)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        Prefix = prefix;
        // Long enough for a POST /dev/clock through a busy quarter.
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
    }

    public Uri BaseAddress { get; }

    public string Prefix { get; }

    public HttpClient Http { get; }

    /// <summary>Process start to the first 200 of GET / (the home page).</summary>
    public TimeSpan StartToFirstPage { get; private set; }

    /// <summary>Process start to the first 200 of GET /api/health.</summary>
    public TimeSpan StartToHealth { get; private set; }

    /// <summary>The last lines the app wrote to stderr (warnings and errors), for failure messages.</summary>
    public string RecentLog
    {
        get { lock (_log) return string.Join(Environment.NewLine, _log); }
    }

    /// <summary>Starts the app on <paramref name="prefix"/>'s tables and waits until both / and /api/health answer 200.</summary>
    public static async Task<AppUnderTest> StartAsync(string connectionString, string prefix, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AzuriteServer.RepositoryRoot(), "functions", "Rochford.Lsp.Web", "bin", "Release", "net10.0", "Rochford.Lsp.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the app first (./bench.sh builds it).", dll);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        // Port 0: Kestrel binds a free port itself and logs which (Rochford.Lsp.Testing.Listeners explains why).
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["Storage__ConnectionString"] = connectionString;
        start.Environment["Storage__TablePrefix"] = prefix;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment[ListeningAnnouncement.KestrelLogLevelVariable] = "Information";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var listening = ListeningAnnouncement.Kestrel();
        var log = new Queue<string>();
        process.OutputDataReceived += (_, e) => Keep(log, listening, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(log, listening, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Uri baseAddress;
        try
        {
            baseAddress = new Uri(await listening.WaitAsync(process, TimeSpan.FromSeconds(60), () => { lock (log) return string.Join(Environment.NewLine, log); }), "/");
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
        var app = new AppUnderTest(process, log, baseAddress, prefix);
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var page = FirstOkAsync(app, probe, "", clock);
            var health = FirstOkAsync(app, probe, "api/health", clock);
            app.StartToFirstPage = await page;
            app.StartToHealth = await health;
            return app;
        }
        catch
        {
            var recent = app.RecentLog;
            await app.DisposeAsync();
            Console.Error.WriteLine(recent);
            throw;
        }
    }

    /// <summary>Stops the app as Ctrl-C would (SIGTERM), killing it if it has not stopped within 15 seconds.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            _ = Kill(_process.Id, 15);
        else
            _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

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

    private static async Task<TimeSpan> FirstOkAsync(AppUnderTest app, HttpClient probe, string path, Stopwatch clock)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (app._process.HasExited) throw new InvalidOperationException($"The app exited with code {app._process.ExitCode}.");
            try
            {
                using var response = await probe.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK) return clock.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(5);
        }
        throw new TimeoutException($"The app did not answer 200 on /{path} within 60 s.");
    }

    private static void Keep(Queue<string> log, ListeningAnnouncement listening, string? line)
    {
        if (line is null) return;
        listening.Observe(line);
        lock (log)
        {
            log.Enqueue(line);
            while (log.Count > KeptLogLines) log.Dequeue();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
