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
        Assert.Equal(2, back.QuarterFor(Q4)!.Versions.Count);
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

    [Fact]
    public void Migrate_Version1StateAsTheRuntimeWritesIt_ReadsTheSameStateAndDecidesTheSame()
    {
        var state = Busy();
        var stored = JsonSerializer.Serialize(state, RuntimeOptions);

        var migrated = new ReportingCycle().Migrate(1, stored);

        Assert.Equal(stored, JsonSerializer.Serialize(migrated, RuntimeOptions));
        var wake = new OrchestrationInput.WokeUp("w", At(2010, 6, 6));
        Assert.Equal(new ReportingCycle().Decide(state, wake, At(2010, 6, 6)).Events, new ReportingCycle().Decide(migrated, wake, At(2010, 6, 6)).Events);
    }

    /// <summary>
    /// A version 1 row as the runtime stored it (camelCase, string enums), frozen in a file: when the state's shape
    /// changes and StateVersion becomes 2, Migrate(1, ...) must still turn this into a state that decides correctly.
    /// </summary>
    [Fact]
    public void Migrate_StoredVersion1Row_ReadsEveryPartOfTheState()
    {
        var stored = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cycle", "StoredStates", "reporting-cycle-v1.json"));

        var state = new ReportingCycle().Migrate(1, stored);

        Assert.Equal("ROC4", state.Project.Code);
        Assert.Equal(Phase.WithdrawalProposed, state.Phase);
        Assert.Equal(new LocalDate(2010, 5, 31), state.Red!.Deadline);
        Assert.Equal(RedCause.RedReport, state.Red.Cause);
        Assert.Equal(Rag.Red, Assert.Single(state.Red.Updates).Status);
        Assert.Equal(new LocalDate(2010, 6, 1), state.Withdrawal!.ProposedOn);
        Assert.Equal(2, state.QuarterFor(Q4)!.Versions.Count);
        Assert.Equal(QuarterStage.Submitted, state.QuarterFor(Q4)!.Stage);
        Assert.Equal(["op-1"], state.ReceivedOperationIds);
        Assert.Equal(new Rochford.Lsp.Reporting.Funding.Money(1_234), state.Funding.Released);
        Assert.Equal(2, state.Contacts.Officers.Count);
        var decision = new ReportingCycle().Decide(state, new OrchestrationInput.WokeUp("w", At(2010, 6, 6)), At(2010, 6, 6));
        Assert.Equal(["ApprovalReminderSent"], decision.Events.Select(e => e.Type));
    }

    [Fact]
    public void Migrate_UnknownVersion_ThrowsAClearError()
    {
        var error = Assert.Throws<NotSupportedException>(() => new ReportingCycle().Migrate(0, "{}"));

        Assert.Equal("Reporting cycle state version 0 is unknown: versions 1 to 1 can be read.", error.Message);
    }
}
