// The README shows the reporting cycle's state diagram; this test keeps it the one the code draws.
// After changing Transitions, run this test: it writes the new diagram to README.diagram.new for copying in.

namespace Rochford.Lsp.Reporting.Tests;

public sealed class ReadmeDiagramTests
{
    [Fact]
    public void Readme_ShowsTheDiagramTheCodeDraws()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Rochford.Lsp.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Rochford.Lsp.sln not found above the test binaries.");
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var diagram = Diagram.Mermaid().ReplaceLineEndings("\n").TrimEnd();

        var shown = readme.Contains("```mermaid\n" + diagram + "\n```", StringComparison.Ordinal);
        if (!shown) File.WriteAllText(Path.Combine(Path.GetTempPath(), "README.diagram.new"), diagram + "\n");

        Assert.True(shown, $"README.md's reporting-cycle diagram is out of date; the current one is in {Path.Combine(Path.GetTempPath(), "README.diagram.new")}.");
    }
}
