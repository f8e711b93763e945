// A Given/When/Then harness for the reporting-cycle decider: it feeds inputs to ReportingCycle the way
// the runtime does (state in, decision out) and keeps the last decision for assertions.

using System.Text.Json;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

internal sealed class Scenario
{
    public static readonly Person OfficerA = RochfordSeed.Contacts.Officers[0];
    public static readonly Person OfficerB = RochfordSeed.Contacts.Officers[1];
    public static readonly FinancialQuarter Q4 = FinancialQuarter.Parse("2009-10 Q4");
    public static readonly FinancialQuarter Q1 = FinancialQuarter.Parse("2010-11 Q1");

    private static readonly ReportingCycle Cycle = new();
    private int inputs;

    private Scenario(Decision<ProjectState> started) => Last = started;

    public Decision<ProjectState> Last { get; private set; }

    public ProjectState State => Last.State;

    /// <summary>9am London time on the given day (GMT or BST as the date has it).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 9, int minute = 0) =>
        UkCalendar.At(new LocalDate(year, month, day), new LocalTime(hour, minute));

    /// <summary>A seed project's cycle started on 4 January 2010 (first report: Jan - Mar 2010).</summary>
    public static Scenario Started(string code = "ROC4", LocalDate? monitoringStarts = null, DateTimeOffset? now = null) =>
        new(Cycle.Start(code, new OrchestrationInput.Started("start", StartJson(code, monitoringStarts)), now ?? At(2010, 1, 4)));

    /// <summary>A cycle started from <paramref name="payload"/> (e.g. a seed project moved to another stream).</summary>
    public static Scenario Started(StartPayload payload, DateTimeOffset? now = null) =>
        new(Cycle.Start(payload.Project.Code, new OrchestrationInput.Started("start", payload.ToJson()), now ?? At(2010, 1, 4)));

    public static string StartJson(string code = "ROC4", LocalDate? monitoringStarts = null) =>
        RochfordSeed.StartPayloadFor(code, monitoringStarts ?? new LocalDate(2010, 1, 4)).ToJson();

    public Scenario WakeAt(DateTimeOffset now)
    {
        Last = Cycle.Decide(State, new OrchestrationInput.WokeUp($"wake{++inputs}", now), now);
        return this;
    }

    public Scenario Raise(string name, object payload, DateTimeOffset now)
    {
        Last = Cycle.Decide(State, new OrchestrationInput.EventRaised($"input{++inputs}", name, AsInput(name, JsonSerializer.Serialize(payload))), now);
        return this;
    }

    /// <summary>Raises an input under an id of the caller's (a page's input id: the same form sent again has the same id).</summary>
    public Scenario RaiseAs(string inputId, string name, object payload, DateTimeOffset now)
    {
        Last = Cycle.Decide(State, new OrchestrationInput.EventRaised(inputId, name, AsInput(name, JsonSerializer.Serialize(payload))), now);
        return this;
    }

    public string Refusal(string name, object payload, DateTimeOffset now) =>
        Assert.Throws<InputRefusedException>(() => Cycle.Decide(State, new OrchestrationInput.EventRaised("refused", name, AsInput(name, JsonSerializer.Serialize(payload))), now)).Message;

    /// <summary>
    /// As the page does: a lead's form in full (texts and all) becomes the input that refers to the stored text by its id;
    /// any other payload is raised as it is.
    /// </summary>
    public static string AsInput(string name, string json) => name switch
    {
        "SubmitQuarterlyReport" when !json.Contains("\"ReportId\"", StringComparison.Ordinal) => ReportForm.Parse(json).ToInputPayload(),
        "SubmitInterimUpdate" when !json.Contains("\"UpdateId\"", StringComparison.Ordinal) => InterimUpdateForm.Parse(json).ToInputPayload(),
        _ => json,
    };

    // Common inputs, written as the web layer would send them.
    public Scenario Submit(Rag status, DateTimeOffset now, FinancialQuarter? quarter = null, string comments = "No progress has been made on this project to date.") =>
        Raise("SubmitQuarterlyReport", Report(status, quarter ?? Q4, comments), now);

    public static object Report(Rag status, FinancialQuarter quarter, string comments = "No progress has been made on this project to date.") => new
    {
        Quarter = quarter.Label,
        Status = status.ToString(),
        StatusComments = comments,
        ProgressInLastPeriod = "No progress has been made on this project to date and no funds have been released.",
        FutureWork = "South East Essex PCT has been requested to provide a time scale for delivery.",
    };

    /// <summary>An officer accepts version <paramref name="version"/> of the quarter's report (Q4 unless given).</summary>
    public Scenario Accept(DateTimeOffset now, FinancialQuarter? quarter = null, int version = 1, Person? officer = null) =>
        Raise("ReviewReport", new { Officer = Officer(officer ?? OfficerB), Quarter = (quarter ?? Q4).Label, Version = version, Outcome = "Accepted" }, now);

    /// <summary>An officer asks for changes to <paramref name="sections"/> of version <paramref name="version"/> of the quarter's report (Q4 unless given).</summary>
    public Scenario AskForChanges(DateTimeOffset now, string[] sections, string? note = null, FinancialQuarter? quarter = null, int version = 1, Person? officer = null) =>
        Raise("ReviewReport", new { Officer = Officer(officer ?? OfficerB), Quarter = (quarter ?? Q4).Label, Version = version, Outcome = "ChangesRequested", Sections = sections, Note = note }, now);

    public static object Officer(Person officer) => new { officer.Name, officer.Email };

    /// <summary>An ApproveWithdrawal payload: <paramref name="officer"/> citing the Executive Board's decision of <paramref name="decidedOn"/>.</summary>
    public static object Approval(Person officer, string decidedOn = "2010-05-27", string minute = "LSP Executive, item 5") =>
        new { Officer = Officer(officer), ExecutiveDecisionDate = decidedOn, MinuteReference = minute };

    public IReadOnlyList<string> EventTypes => [.. Last.Events.Select(e => e.Type)];

    /// <summary>The last transition's emails as the decider names their recipients: roles (<see cref="Recipients"/>) and addresses.</summary>
    public IReadOnlyList<Effect.SendEmail> RawEmails => [.. Last.Effects.OfType<Effect.SendEmail>()];

    /// <summary>The last transition's emails addressed as the email activity would address them now: the contacts and lead this project holds.</summary>
    public IReadOnlyList<Effect.SendEmail> Emails => [.. RawEmails.Select(e => e with
    {
        To = Recipients.Resolve(e.To, State.Contacts, State.Project.Lead),
        Cc = Recipients.Resolve(e.Cc, State.Contacts, State.Project.Lead),
    })];

    public Effect.SendEmail Email(string template) => Assert.Single(Emails, e => e.Template == template);

    public JsonElement Model(string template) => JsonDocument.Parse(Email(template).ModelJson).RootElement;
}
