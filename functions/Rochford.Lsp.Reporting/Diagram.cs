// Draws the reporting cycle from the transition table, so the picture in the README and on the officers'
// pages never goes stale. Paste the output into any Mermaid renderer.

using System.Text;

namespace Rochford.Lsp.Reporting;

/// <summary>The reporting cycle as a Mermaid state diagram.</summary>
public static class Diagram
{
    /// <summary>A <c>stateDiagram-v2</c> with one arrow per transition in <see cref="Transitions.All"/>.</summary>
    public static string Mermaid()
    {
        var text = new StringBuilder().AppendLine("stateDiagram-v2");
        text.AppendLine($"    [*] --> {Phase.Reporting}: Start");
        foreach (var transition in Transitions.All)
        {
            var condition = transition.When.Length == 0 ? "" : $" [{transition.When}]";
            text.AppendLine($"    {transition.From} --> {transition.To}: {transition.Trigger}{condition}");
        }
        foreach (var phase in Enum.GetValues<Phase>().Where(Transitions.IsFinal))
        {
            text.AppendLine($"    {phase} --> [*]");
        }
        return text.ToString();
    }
}
