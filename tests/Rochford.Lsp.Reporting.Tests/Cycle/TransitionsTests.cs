// The state machine is data: every phase is reachable and the generated diagram shows every transition.

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class TransitionsTests
{
    [Fact]
    public void Transitions_FromReporting_ReachEveryPhase()
    {
        var reached = new HashSet<Phase> { Phase.Reporting };
        var frontier = new Queue<Phase>(reached);
        while (frontier.TryDequeue(out var phase))
        {
            foreach (var next in Transitions.All.Where(t => t.From == phase).Select(t => t.To).Where(reached.Add))
            {
                frontier.Enqueue(next);
            }
        }

        Assert.Equal(Enum.GetValues<Phase>().ToHashSet(), reached);
    }

    [Fact]
    public void Transitions_FinalPhases_PermitNothingButTheReturnOfRefusedFunds()
    {
        Assert.Empty(Transitions.PermittedIn(Phase.Completed));
        // Closed has sent its money away; the only thing left to hear is that a recipient refused some of it.
        Assert.Equal([Trigger.RaisedEventRefused], Transitions.PermittedIn(Phase.Closed));
        Assert.All(Transitions.All.Where(t => t.From == Phase.Closed), t => Assert.Equal(Phase.Closed, t.To));
    }

    [Fact]
    public void Transitions_EveryCommand_IsATriggerAndAParsableInput()
    {
        var commandNames = typeof(ReportingCommand).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(ReportingCommand)) && !type.IsAbstract)
            .Select(type => type.Name)
            .Order()
            .ToList();

        Assert.Equal(commandNames, CommandParser.InputNames.Order().ToList());
        Assert.All(commandNames, name => Assert.True(Enum.TryParse<Trigger>(name, out _), name));
    }

    [Fact]
    public void Mermaid_Diagram_MentionsEveryTransition()
    {
        var diagram = Diagram.Mermaid();

        Assert.StartsWith("stateDiagram-v2", diagram);
        Assert.All(Transitions.All, t => Assert.Contains($"{t.From} --> {t.To}: {t.Trigger}", diagram));
        Assert.Contains("Closed --> [*]", diagram);
        Assert.Contains("Reporting --> RedWatch: SubmitQuarterlyReport [Red]", diagram);
    }
}
