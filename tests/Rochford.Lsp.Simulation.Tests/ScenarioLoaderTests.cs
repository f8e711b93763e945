// Scenario files are written by hand: every mistake must be reported with the file, line and field.
// Run: dotnet test tests/Rochford.Lsp.Simulation.Tests --filter ScenarioLoaderTests

using NodaTime;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Simulation.Tests;

public sealed class ScenarioLoaderTests
{
    private const string Head = """
        {
          "name": "test",
          "from": "2010-04-01",
          "to": "2010-06-30",
          "actions": [

        """;

    private static string Message(string actions) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Head + actions + "\n  ]\n}", "test.json")).Message;

    [Fact]
    public void Parse_DefaultScenario_LoadsEveryProjectAndAction()
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(AzuriteServer.RepositoryRoot(), SimulationScenario.DefaultPath));

        Assert.Equal(["ROC1", "ROC3", "ROC4", "ROC6", "ROC7", "ROC8", "ROC9", "ROC10"], scenario.Projects.Select(p => p.Code));
        Assert.Equal((new LocalDate(2009, 4, 1), new LocalDate(2010, 6, 30)), (scenario.From, scenario.To));
        Assert.Equal(61, scenario.Actions.Count); // 51, and an officer's review before each of the 10 payments
        Assert.Equal(scenario.Actions.Count, scenario.Actions.Select(a => a.EventId).Distinct().Count());
        Assert.All(scenario.Actions, a => Assert.False(string.IsNullOrWhiteSpace(a.Source)));
        var deadline = Assert.Single(scenario.Actions, a => a.Input == "SetRecoveryDeadline");
        Assert.Contains("\"Deadline\":\"2010-05-31\"", deadline.PayloadJson);
        Assert.Contains("\"Email\":\"lsp.officer.a@example.org\"", deadline.PayloadJson);
    }

    [Fact]
    public void Parse_ActionWithOnlyADate_HappensAt10amLondonTime()
    {
        var scenario = ScenarioLoader.Parse(Head + """{ "at": "2010-06-15", "project": "ROC4", "input": "ApproveReallocation", "officer": "B" }""" + "]}", "t.json");

        var action = Assert.Single(scenario.Actions);
        Assert.Equal(new LocalDateTime(2010, 6, 15, 10, 0), action.At);
        Assert.Equal(new DateTimeOffset(2010, 6, 15, 9, 0, 0, TimeSpan.Zero), action.Instant); // BST
        Assert.Equal("sim-001-ROC4-ApproveReallocation", action.EventId);
        Assert.Equal(6, action.Line);
    }

    [Fact]
    public void Parse_NotJson_SaysWhichLine() =>
        Assert.StartsWith("test.json:7: not valid JSON", Message("""
            { "at": "2010-04-09", "project": "ROC4", "input": "ApproveReallocation" }
            { "at": "2010-04-09" }
            """));

    [Fact]
    public void Parse_MalformedPayload_NamesTheLineFieldAndTheCyclesOwnMessage() =>
        Assert.Equal("test.json:8: actions[1].payload: SubmitQuarterlyReport: 'Status' must be Red, Amber or Green, not 'Purple'.", Message("""
            { "at": "2010-04-01", "project": "ROC1", "input": "MarkProjectCompleted", "officer": "A" },
            { "at": "2010-04-09 15:00", "project": "ROC4", "input": "SubmitQuarterlyReport",
              "payload": { "Quarter": "2009-10 Q4", "Status": "Purple", "StatusComments": "x", "ProgressInLastPeriod": "x", "FutureWork": "x" } }
            """));

    [Fact]
    public void Parse_BadTime_NamesTheField() =>
        Assert.Equal("test.json:6: actions[0].at: 'at' must be a London date and time like \"2010-04-09 15:00\" (or a date), not '9 April 2010'.",
            Message("""{ "at": "9 April 2010", "project": "ROC4", "input": "ApproveReallocation" }"""));

    [Fact]
    public void Parse_ActionOutsideTheDates_IsRefused() =>
        Assert.Equal("test.json:6: actions[0].at: 2010-07-01 10:00 is outside the scenario's dates (2010-04-01 to 2010-06-30).",
            Message("""{ "at": "2010-07-01", "project": "ROC4", "input": "ApproveReallocation" }"""));

    [Fact]
    public void Parse_UnknownProject_ListsTheScenariosProjects() =>
        Assert.StartsWith("test.json:6: actions[0].project: 'ROC2' is not one of the scenario's projects (ROC1, ROC3, ROC4,",
            Message("""{ "at": "2010-04-09", "project": "roc2", "input": "ApproveReallocation" }"""));

    [Fact]
    public void Parse_UnknownInput_ListsTheAcceptedInputs() =>
        Assert.StartsWith("test.json:6: actions[0].input: 'SubmitReport' is not an input of the reporting cycle; accepted: SubmitQuarterlyReport,",
            Message("""{ "at": "2010-04-09", "project": "ROC4", "input": "SubmitReport" }"""));

    [Fact]
    public void Parse_RuntimeOnlyInput_IsRefused() =>
        Assert.Equal("test.json:6: actions[0].input: 'RaisedEventRefused' is raised by the runtime itself, not by people.",
            Message("""{ "at": "2010-04-09", "project": "ROC4", "input": "RaisedEventRefused" }"""));

    [Fact]
    public void Parse_UnknownOfficer_ListsTheKnownOnes() =>
        Assert.Equal("test.json:8: actions[0].officer: 'C' is not an officer of the scenario; known: A, B.", Message("""
            {
              "at": "2010-04-09", "project": "ROC4", "input": "ApproveReallocation",
              "officer": "C"
            }
            """));

    [Fact]
    public void Parse_MisspeltField_IsNotIgnored() =>
        Assert.Equal("test.json:6: actions[0].paylod: unknown field 'paylod'; expected at, project, input, officer, payload, source, note.",
            Message("""{ "at": "2010-04-09", "project": "ROC4", "input": "ApproveReallocation", "paylod": {} }"""));

    [Fact]
    public void Parse_MissingDates_SaysWhatIsExpected() =>
        Assert.Equal("s.json:1: 'from' is missing (a date like 2010-05-31).",
            Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""{ "to": "2010-06-30" }""", "s.json")).Message);

    [Fact]
    public void LoadFile_Missing_SaysSo() =>
        Assert.Equal("nowhere.json: no such scenario file.", Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile("nowhere.json")).Message);
}
