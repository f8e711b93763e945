// Starts a private Azurite (in memory, on loopback ports it picks itself) for tests and benchmarks,
// installing the repo's pinned npm packages first if they are missing. Set ROCHFORD_TEST_STORAGE to a
// connection string to use an already-running storage instead.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Rochford.Lsp.Testing;

/// <summary>A running Azurite, or a configured storage account.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Environment variable naming a storage connection string to use instead of starting Azurite.</summary>
    public const string ConnectionStringVariable = "ROCHFORD_TEST_STORAGE";

    /// <summary>Azurite's well-known development account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public: Microsoft documents it, and it only works against the emulator).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly string[] Services = ["Blob", "Queue", "Table"];
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static AzuriteServer? _shared;
    private readonly Process? _process;
    private readonly StringBuilder _log;

    private AzuriteServer(string connectionString, Process? process, StringBuilder log)
    {
        ConnectionString = connectionString;
        _process = process;
        _log = log;
    }

    /// <summary>The connection string tests pass to <see cref="TableClient"/>.</summary>
    public string ConnectionString { get; }

    /// <summary>What Azurite printed (for failure messages).</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>
    /// The one server shared by every test in this process, started on first use and stopped when the process exits.
    /// </summary>
    public static async Task<AzuriteServer> SharedAsync(CancellationToken cancellationToken = default)
    {
        await SharedLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_shared is not null) return _shared;
            var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
            _shared = string.IsNullOrWhiteSpace(configured)
                ? await StartAsync(allServices: true, cancellationToken).ConfigureAwait(false)
                : new AzuriteServer(configured, null, new StringBuilder());
            var server = _shared;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
            return _shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>Starts a new, private Azurite in memory on free ports; the connection string names its table service only.</summary>
    public static Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(allServices: false, cancellationToken);

    /// <summary>
    /// Starts a new, private Azurite with its blob, queue and table services in memory on free ports: what the Durable Task
    /// engine's Azure Storage provider needs. The connection string names all three endpoints.
    /// </summary>
    public static Task<AzuriteServer> StartAllServicesAsync(CancellationToken cancellationToken = default) => StartAsync(allServices: true, cancellationToken);

    private static async Task<AzuriteServer> StartAsync(bool allServices, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var entry = await EnsureAzuriteInstalledAsync(root, cancellationToken).ConfigureAwait(false);
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var log = new StringBuilder();
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = root,
                // Azurite ends when its stdin closes (exit-with-parent.js), so it never outlives this process, even when a
                // test run is killed rather than ended: before, each run left its shared Azurite running.
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // Every service on port 0: Azurite binds free ports itself and says which (Listeners explains why). Its
            // full entry point, even for tables only, because the table-only one prints the port it was given, not the
            // one it got; the blob and queue services it starts beside them sit idle.
            start.ArgumentList.Add("--require");
            start.ArgumentList.Add(Path.Combine(root, "tests", "Rochford.Lsp.Testing", "exit-with-parent.js"));
            start.ArgumentList.Add(entry);
            foreach (var service in Services)
                foreach (var arg in new[] { $"--{service.ToLowerInvariant()}Host", "127.0.0.1", $"--{service.ToLowerInvariant()}Port", "0" })
                    start.ArgumentList.Add(arg);
            foreach (var arg in new[] { "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent" })
                start.ArgumentList.Add(arg);
            var announced = Services.ToDictionary(s => s, s => new ListeningAnnouncement(line => line.Contains($"Azurite {s} service", StringComparison.Ordinal)));
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node to run Azurite.");
            process.OutputDataReceived += (_, e) => Observe(e.Data);
            process.ErrorDataReceived += (_, e) => Observe(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            string Log() { lock (log) return log.ToString(); }
            try
            {
                var endpoints = new StringBuilder();
                foreach (var service in allServices ? Services : ["Table"])
                {
                    var address = await announced[service].WaitAsync(process, TimeSpan.FromSeconds(60), Log, cancellationToken).ConfigureAwait(false);
                    endpoints.Append(CultureInfo.InvariantCulture, $"{service}Endpoint=http://127.0.0.1:{address.Port}/{DevelopmentAccountName};");
                }
                return new AzuriteServer($"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};{endpoints}",
                    process, log);
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                last = ex;
                Kill(process);
                process.Dispose();
            }
            catch
            {
                Kill(process);
                process.Dispose();
                throw;
            }

            void Observe(string? line)
            {
                if (line is null) return;
                lock (log) log.AppendLine(line);
                foreach (var announcement in announced.Values) announcement.Observe(line);
            }
        }
        throw new InvalidOperationException("Azurite did not start after 3 attempts.", last);
    }

    /// <summary>A client for a new table with a unique name starting with <paramref name="prefix"/>, created.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = UniqueTableName(prefix);
        var client = new TableClient(ConnectionString, name);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>A table name unique to this run: letters and digits only, as the service requires.</summary>
    public static string UniqueTableName(string prefix)
    {
        var clean = new string(prefix.Where(char.IsAsciiLetterOrDigit).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0])) clean = "t" + clean;
        if (clean.Length > 40) clean = clean[..40];
        return clean + Guid.NewGuid().ToString("N")[..16];
    }

    /// <summary>Stops the Azurite process (if this server started one).</summary>
    public void Stop()
    {
        if (_process is not null) Kill(_process);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The folder holding Rochford.Lsp.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Rochford.Lsp.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Could not find Rochford.Lsp.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// Returns the path of Azurite's entry point, running `npm ci` first when node_modules lacks it.
    /// A lock file keeps parallel test processes from installing at once.
    /// </summary>
    private static async Task<string> EnsureAzuriteInstalledAsync(string root, CancellationToken cancellationToken)
    {
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(entry)) return entry;

        var lockPath = Path.Combine(root, ".npm-install.lock");
        for (var i = 0; ; i++)
        {
            try
            {
                await using var gate = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                if (File.Exists(entry)) return entry;
                var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not run npm to install Azurite.");
                var output = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (process.ExitCode != 0 || !File.Exists(entry))
                    throw new InvalidOperationException($"`npm ci` failed to install Azurite (exit {process.ExitCode}):\n{await output.ConfigureAwait(false)}");
                return entry;
            }
            catch (IOException) when (i < 600)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
