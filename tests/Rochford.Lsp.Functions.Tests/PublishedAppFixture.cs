// Publishes the function app once for the tests that read its output, reusing the build the test project's reference
// made (dotnet publish --no-build), into a temporary folder deleted afterwards.

using System.Diagnostics;
using System.Reflection;

namespace Rochford.Lsp.Functions.Tests;

/// <summary>The function app as `dotnet publish` lays it out for the Functions host.</summary>
public sealed class PublishedAppFixture : IDisposable
{
    /// <summary>The longest a publish of the built app may take.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    public PublishedAppFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("lsp-functions-publish-").FullName;
        var project = Path.Combine(RepositoryRoot(), "functions", "Rochford.Lsp.Functions", "Rochford.Lsp.Functions.csproj");
        // The configuration this test assembly was built in is the one the referenced app was built in.
        var configuration = typeof(PublishedAppFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", Directory, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(PublishTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish of the function app took over {PublishTimeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish of the function app failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
    }

    /// <summary>The publish folder: what would be zipped and deployed.</summary>
    public string Directory { get; }

    /// <summary>The path of <paramref name="relative"/> in the publish folder.</summary>
    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the system cleans it up.
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Rochford.Lsp.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Rochford.Lsp.sln was not found above {AppContext.BaseDirectory}.");
    }
}
