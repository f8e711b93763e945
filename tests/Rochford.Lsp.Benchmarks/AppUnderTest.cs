// The real app (the Release build of Rochford.Lsp.Web) started as a process on a free loopback port, as ./run.sh starts
// it: its own Durable Task engine in process, over the benchmark's Azurite, with the given table prefix and settings.

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Rochford.Lsp.Benchmarks;

/// <summary>A running app process, timed from process start to its first 200s.</summary>
internal sealed class AppUnderTest : IAsyncDisposable
{
    private const int KeptLogLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _log = new();

    private AppUnderTest(Process process, Uri baseAddress, string prefix)
    {
        _process = process;
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
        var dll = Path.Combine(Testing.AzuriteServer.RepositoryRoot(), "functions", "Rochford.Lsp.Web", "bin", "Release", "net10.0", "Rochford.Lsp.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the app first (./bench.sh builds it).", dll);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Storage__ConnectionString"] = connectionString;
        start.Environment["Storage__TablePrefix"] = prefix;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var app = new AppUnderTest(Process.Start(start)!, baseAddress, prefix);
        app._process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
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
            var log = app.RecentLog;
            await app.DisposeAsync();
            Console.Error.WriteLine(log);
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

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > KeptLogLines) _log.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
