// A strict snapshot check (Verify.Xunit is not obtainable here: its core package is missing from the registry).
// A mismatch or a missing snapshot writes <name>.received.<ext> next to the test and FAILS; nothing is ever
// accepted automatically. To accept a reviewed change, rename the .received file to .verified and commit it.

using System.Runtime.CompilerServices;

namespace Rochford.Lsp.Email.Tests;

internal static class Snapshot
{
    public static void Match(string name, string extension, string actual, [CallerFilePath] string callerFile = "") =>
        MatchAll([(name, extension, actual)], callerFile);

    /// <summary>Checks every snapshot (writing each .received file) before failing, so one run shows every change.</summary>
    public static void MatchAll(IReadOnlyList<(string Name, string Extension, string Actual)> snapshots, [CallerFilePath] string callerFile = "")
    {
        var failures = snapshots.Select(s => Check(s.Name, s.Extension, s.Actual, callerFile)).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? Check(string name, string extension, string actual, string callerFile)
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        var normalised = actual.ReplaceLineEndings("\n");
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == normalised)
        {
            File.Delete(received);
            return null;
        }
        Directory.CreateDirectory(directory);
        File.WriteAllText(received, normalised);
        return File.Exists(verified)
            ? $"The {name} snapshot changed. Compare {received} with {verified}; if the change is intended, replace the .verified file with the .received one."
            : $"There is no verified {name} snapshot. Review {received} and rename it to .verified.{extension} to accept it.";
    }
}
