// The runtime stores ProjectState as JSON with the orchestration's StateSerializerOptions (read through the
// interface, as the runtime does): a busy state must come back identical, Migrate must read a stored row written
// that way, and every LocalDate anywhere must carry its converter or it would silently become 0001-01-01.

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Json;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class StateJsonTests
{
    // Exactly what the runtime serializes state with: the interface member, so a default the class forgot to override counts.
    private static readonly JsonSerializerOptions RuntimeOptions = ((IOrchestration<ProjectState>)new ReportingCycle()).StateSerializerOptions;

    private static ProjectState Busy() => Started()
        .WakeAt(At(2010, 3, 17))
        .Raise("RecordPaymentReleased", new { Officer = Officer(OfficerA), Amount = 1234, ReleasedOn = "2010-03-18" }, At(2010, 3, 18))
        .Submit(Rag.Green, At(2010, 4, 1))
        .Submit(Rag.Red, At(2010, 4, 2))
        .Raise("SetRecoveryDeadline", new { Officer = Officer(OfficerA), Deadline = "2010-05-31" }, At(2010, 4, 12))
        .Raise("SubmitInterimUpdate", new { Status = "Red", Comments = "Waiting" }, At(2010, 5, 1))
        .Raise("ReceiveReallocatedFunds", new { FromProjectCode = "ROC1", Amount = 500, OperationId = "op-1" }, At(2010, 5, 2))
        .WakeAt(At(2010, 6, 1))
        .State;

    [Fact]
    public void ProjectState_BusyState_RoundTripsThroughTheRuntimesJsonOptions()
    {
        var state = Busy();

        var json = JsonSerializer.Serialize(state, RuntimeOptions);
        var back = JsonSerializer.Deserialize<ProjectState>(json, RuntimeOptions)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, RuntimeOptions));
        Assert.Equal(new LocalDate(2010, 5, 31), back.Red!.Deadline);
        Assert.Equal(new LocalDate(2010, 6, 1), back.Withdrawal!.ProposedOn);
        Assert.Equal(2, back.QuarterFor(Q4)!.Latest!.Version);
        Assert.Contains("\"deadline\":\"2010-05-31\"", json);
        Assert.Contains("\"phase\":\"WithdrawalProposed\"", json);
    }

    [Fact]
    public void ProjectState_AfterRoundTrip_DecidesTheSameAsBefore()
    {
        var state = Busy();
        var back = JsonSerializer.Deserialize<ProjectState>(JsonSerializer.Serialize(state, RuntimeOptions), RuntimeOptions)!;
        var wake = new Rochford.Lsp.Durable.OrchestrationInput.WokeUp("w", At(2010, 6, 6));

        var before = new ReportingCycle().Decide(state, wake, At(2010, 6, 6));
        var after = new ReportingCycle().Decide(back, wake, At(2010, 6, 6));

        Assert.Equal(before.Events, after.Events);
        Assert.Equal(before.NextWakeUp, after.NextWakeUp);
    }

    [Fact]
    public void EveryLocalDateProperty_InTheDomain_CarriesTheIsoConverter()
    {
        var serializedDates = typeof(ReportingCycle).Assembly.GetExportedTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(property => property.PropertyType == typeof(LocalDate) || property.PropertyType == typeof(LocalDate?))
            .Where(property => property.CanWrite) // get-only ones (e.g. FinancialQuarter.LastDay) are computed, not stored
            .ToList();
        var missing = serializedDates
            .Where(property => property.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType != typeof(IsoLocalDateConverter))
            .Select(property => $"{property.DeclaringType!.Name}.{property.Name}");

        Assert.True(serializedDates.Count > 20, $"Only {serializedDates.Count} date properties found; the scan is not seeing the records.");
        Assert.Empty(missing);
    }

    /// <summary>
    /// A version 1 row as the runtime stored it (camelCase, string enums, every version's texts and every interim update),
    /// frozen in a file: Migrate(1, ...) turns it into the version 2 shape (ids instead of texts), which decides the same.
    /// </summary>
    [Fact]
    public void Migrate_StoredVersion1Row_ReadsEveryPartOfTheState()
    {
        var stored = StoredVersion1();

        var state = new ReportingCycle().Migrate(1, stored);

        Assert.Equal("ROC4", state.Project.Code);
        Assert.Equal(Phase.WithdrawalProposed, state.Phase);
        Assert.Equal(new LocalDate(2010, 5, 31), state.Red!.Deadline);
        Assert.Equal(RedCause.RedReport, state.Red.Cause);
        Assert.Equal(1, state.Red.UpdatesReceived);
        Assert.Equal(new InterimUpdate(Rag.Red, ReportIds.ForUpdate(Rag.Red, "Waiting"), At(2010, 5, 1), null), state.Red.LatestUpdate);
        Assert.Equal(new LocalDate(2010, 6, 1), state.Withdrawal!.ProposedOn);
        var q4 = state.QuarterFor(Q4)!;
        Assert.Equal(QuarterStage.Submitted, q4.Stage);
        Assert.Equal(new ReportVersion(2, Rag.Red, ReportIds.For(Q4, StoredRedReport), At(2010, 4, 2), false, null), q4.Latest);
        Assert.Equal(["op-1"], state.ReceivedOperationIds);
        Assert.Equal(new Rochford.Lsp.Reporting.Funding.Money(1_234), state.Funding.Released);
        Assert.Equal(2, state.Contacts.Officers.Count);
        var decision = new ReportingCycle().Decide(state, new OrchestrationInput.WokeUp("w", At(2010, 6, 6)), At(2010, 6, 6));
        Assert.Equal(["ApprovalReminderSent"], decision.Events.Select(e => e.Type));
        // The migrated state is plain version 2 data: no texts left in it.
        var json = JsonSerializer.Serialize(state, RuntimeOptions);
        Assert.DoesNotContain("No progress has been made", json);
        Assert.DoesNotContain("Waiting", json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<ProjectState>(json, RuntimeOptions), RuntimeOptions));
    }

    /// <summary>The text ids come from the content, as the page makes them: the same report sent again after the upgrade is already handled.</summary>
    [Fact]
    public void Migrate_StoredVersion1Row_TheSameReportAgainIsAlreadyHandled_AnAmendedOneIsNot()
    {
        var state = new ReportingCycle().Migrate(1, StoredVersion1());
        var same = new ReportForm(Q4, StoredRedReport, null).ToInputPayload();
        var changed = new ReportForm(Q4, StoredRedReport with { FutureWork = "Something else" }, null).ToInputPayload();

        Assert.True(new ReportingCycle().Decide(state, new OrchestrationInput.EventRaised("again", "SubmitQuarterlyReport", same), At(2010, 6, 2)).IsNoOp);
        Assert.Contains("can no longer be amended",
            Assert.Throws<InputRefusedException>(() => new ReportingCycle().Decide(state, new OrchestrationInput.EventRaised("new", "SubmitQuarterlyReport", changed), At(2010, 6, 2))).Message);
    }

    /// <summary>A version 1 state of a project monitored for years keeps only the most recent quarters once migrated.</summary>
    [Fact]
    public void Migrate_Version1RowWithManyQuarters_KeepsTheMostRecent()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(StoredVersion1())!.AsObject();
        var template = root["quarters"]![0]!.ToJsonString();
        var quarters = new System.Text.Json.Nodes.JsonArray();
        var quarter = Rochford.Lsp.Reporting.Dates.FinancialQuarter.Parse("2000-01 Q1");
        for (var i = 0; i < 20; i++, quarter = quarter.Next)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(template)!.AsObject();
            node["quarter"] = quarter.Label;
            quarters.Add(node);
        }
        root["quarters"] = quarters;

        var state = new ReportingCycle().Migrate(1, root.ToJsonString());

        Assert.Equal(ReportingCycle.QuartersKept, state.Quarters.Count);
        Assert.Equal(Rochford.Lsp.Reporting.Dates.FinancialQuarter.Parse("2003-04 Q1"), state.Quarters[0].Quarter);
        Assert.Equal(Rochford.Lsp.Reporting.Dates.FinancialQuarter.Parse("2002-03 Q4"), state.QuartersDroppedThrough);
    }

    private static string StoredVersion1() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cycle", "StoredStates", "reporting-cycle-v1.json"));

    private static readonly ReportContent StoredRedReport = new(Rag.Red,
        "No progress has been made on this project to date.",
        "No progress has been made on this project to date and no funds have been released.",
        "South East Essex PCT has been requested to provide a time scale for delivery.", null);

    [Fact]
    public void Migrate_UnknownVersion_ThrowsAClearError()
    {
        var error = Assert.Throws<NotSupportedException>(() => new ReportingCycle().Migrate(0, "{}"));

        Assert.Equal("Reporting cycle state version 0 is unknown: versions 1 to 2 can be read.", error.Message);
    }
}
