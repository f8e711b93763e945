// Compiles infra/main.bicep once per test run with the pinned Bicep CLI and hands the tests the ARM JSON it made,
// what the compiler said on stderr, and its exit code.

using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Rochford.Lsp.Infra.Tests;

public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        RepositoryRoot = Metadata("RepositoryRoot");
        var bicep = Metadata("BicepCliPath");
        if (!File.Exists(bicep))
            throw new InvalidOperationException($"The Bicep CLI is not at {bicep}: restore the test project (dotnet restore) first.");
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(bicep).HasFlag(UnixFileMode.UserExecute))
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in new[] { "build", Path.Combine("infra", "main.bicep"), "--stdout" })
            start.ArgumentList.Add(argument);
        // No telemetry, and no lookups of anything online: the compile must work offline.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {bicep}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep build took over 3 minutes.");
        }
        ExitCode = process.ExitCode;
        Stdout = stdout.Result;
        Stderr = stderr.Result;
        Json = ExitCode == 0 ? JsonNode.Parse(Stdout)!.AsObject() : new JsonObject();
    }

    public string RepositoryRoot { get; }
    public int ExitCode { get; }
    public string Stdout { get; }
    public string Stderr { get; }
    public JsonObject Json { get; }

    public string ReadRepositoryFile(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    /// <summary>Every resource in the template and in the templates of its nested deployments (array or symbolic-name form).</summary>
    public IReadOnlyList<JsonObject> Resources() => [.. ResourcesIn(Json)];

    /// <summary>The one resource of <paramref name="type"/>.</summary>
    public JsonObject Single(string type) => Assert.Single(Resources(), resource => Type(resource) == type);

    public IEnumerable<JsonObject> All(string type) => Resources().Where(resource => Type(resource) == type);

    public static string Type(JsonObject resource) => (string?)resource["type"] ?? "";

    /// <summary>
    /// The function app's app settings, name to value (values may be ARM expressions): the one <c>sites/config</c>
    /// "appsettings" resource, which holds all of them (the site itself holds none).
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        Assert.Null(Single("Microsoft.Web/sites")["properties"]?["siteConfig"]?["appSettings"]);
        var config = Assert.Single(All("Microsoft.Web/sites/config"), resource => ((string?)resource["name"] ?? "").Contains("'appsettings'"));
        Assert.True(config["properties"] is JsonObject, "The appsettings resource's properties must stay a literal object of name: value, so that it can be checked here.");
        return config["properties"]!.AsObject().ToDictionary(setting => setting.Key, setting => setting.Value?.ToString() ?? "");
    }

    private static IEnumerable<JsonObject> ResourcesIn(JsonObject template)
    {
        IEnumerable<JsonNode?> resources = template["resources"] switch
        {
            JsonArray array => array,
            JsonObject byName => byName.Select(pair => pair.Value),
            _ => [],
        };
        foreach (var resource in resources.OfType<JsonObject>())
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
                foreach (var inner in ResourcesIn(nested))
                    yield return inner;
        }
    }

    private static string Metadata(string key) =>
        typeof(CompiledTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No assembly metadata {key}.");
}
