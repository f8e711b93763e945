// The simulate command as a process: exit codes and messages for a bad scenario or bad arguments, and a
// short real run printing the timeline to stdout and progress to stderr.
// Run: dotnet test tests/Rochford.Lsp.Simulation.Tests --filter CommandTests

using System.Diagnostics;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Simulation.Tests;

public sealed class CommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(SimulationRunner).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(AzuriteFixture.TestTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Simulate_BadScenario_Exits2AndSaysWhere()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "from": "2010-04-01", "to": "2010-06-30",
              "actions": [ { "at": "2010-04-09", "project": "ROC4", "input": "Approve" } ]
            }
            """);
        try
        {
            var (code, output, error) = await RunAsync("--scenario", file);

            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.StartsWith($"{file}:3: actions[0].input: 'Approve' is not an input of the reporting cycle;", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Simulate_BadDate_Exits2()
    {
        var (code, _, error) = await RunAsync("--to", "31/05/2010");

        Assert.Equal(2, code);
        Assert.Equal("--to must be a date like 2010-05-31, not '31/05/2010'.", error.Trim());
    }

    [Fact]
    public async Task Simulate_ShortRangeOnGivenStorage_PrintsTimelineAndSummary_AndProgressToStderr()
    {
        var (code, output, error) = await RunAsync("--to", "2009-07-05", "--storage", azurite.Server.ConnectionString);

        Assert.True(code == 0, error);
        Assert.StartsWith("Timeline of \"Rochford LSP 2009-10\", 2009-04-01 to 2009-07-05 (London time)", output);
        Assert.Contains("2009-06-16 09:00  ROC4   ReportRequested             The Apr - Jun 2009 report was requested from Careline project lead (example), due by 15 Jul 2009.", output);
        Assert.Contains("email QuarterlyRequest to roc4.lead@example.org", output);
        Assert.Contains("Summary: 3 scenario actions (0 refused, 58 outside the dates skipped)", output);
        Assert.Contains("simulating: 2009-06-16", error); // stderr is not a terminal here: plain progress lines
        Assert.Contains("Simulated 2009-04-01 to 2009-07-05 in", error);
    }
}
