// Issue #10, "State small": a project's state must stay far below any message limit after 40 years of quarters and any
// number of amendments and interim updates, because the texts live in the read model and old quarters drop out.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Dates;
using Xunit.Abstractions;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class StateSizeTests(ITestOutputHelper output)
{
    /// <summary>The bound: far below Durable Task's message limits (64 KB before a queue message spills to a blob) and a table property's 64 KB.</summary>
    private const int MaxStateBytes = 16 * 1024;

    private const int Years = 40;
    private const int AmendmentsPerQuarter = 50;
    private const int InterimUpdatesPerWatch = 100;

    private static readonly JsonSerializerOptions RuntimeOptions = ((IOrchestration<ProjectState>)new ReportingCycle()).StateSerializerOptions;

    [Fact]
    public void FortyYearsOfMaximalReports_AmendmentsAndInterimUpdates_StateStaysSmallAndStopsGrowing()
    {
        var scenario = Started();
        var largest = 0;
        var sizeByYear = new Dictionary<int, int>();
        var submissions = 0;
        void Measure() => largest = Math.Max(largest, Size(scenario.State));

        for (var year = 1; year <= Years; year++)
        {
            for (var q = 0; q < 4; q++)
            {
                // Wake up for the next request; nothing else is due because every report came on time.
                var requestAt = Schedule.NextWakeUp(scenario.State)!.Value;
                scenario.WakeAt(requestAt);
                Measure();
                var quarter = scenario.State.Quarters[^1];
                Assert.Equal(QuarterStage.Requested, quarter.Stage);

                // Every ten years (from year 2) the last version is Red and a Red watch gets 100 interim updates, then recovers.
                var redYear = year % 10 == 2 && q == 1;
                for (var version = 1; version <= 1 + AmendmentsPerQuarter; version++)
                {
                    var status = redYear && version == 1 + AmendmentsPerQuarter ? Rag.Red : Rag.Green;
                    scenario.Raise("SubmitQuarterlyReport", MaximalReport(quarter.Quarter, status, version), requestAt.AddMinutes(version));
                    Assert.NotEmpty(scenario.Last.Events);
                    submissions++;
                    Measure();
                }
                Assert.Equal(1 + AmendmentsPerQuarter, scenario.State.QuarterFor(quarter.Quarter)!.Latest!.Version);
                if (redYear)
                {
                    Assert.Equal(Phase.RedWatch, scenario.State.Phase);
                    for (var update = 1; update <= InterimUpdatesPerWatch; update++)
                    {
                        scenario.Raise("SubmitInterimUpdate", new { Status = "Red", Comments = Text($"update {update}", 4000), SubmittedBy = "lead@example.org" },
                            requestAt.AddHours(2).AddMinutes(update));
                        Assert.NotEmpty(scenario.Last.Events);
                        Measure();
                    }
                    Assert.Equal(InterimUpdatesPerWatch, scenario.State.Red!.UpdatesReceived);
                    scenario.Raise("SubmitInterimUpdate", new { Status = "Amber", Comments = Text("recovered", 4000) }, requestAt.AddHours(5));
                    Assert.Equal(Phase.Reporting, scenario.State.Phase);
                    Measure();
                }
            }
            sizeByYear[year] = Size(scenario.State);
        }

        output.WriteLine($"{submissions:N0} reports of 3 x 4,000 characters; state after year 1: {sizeByYear[1]:N0} bytes, year 3: {sizeByYear[3]:N0}, " +
                         $"year 10: {sizeByYear[10]:N0}, year 40: {sizeByYear[Years]:N0}; largest at any point: {largest:N0} bytes (bound {MaxStateBytes:N0}).");
        Assert.Equal(Years * 4 * (1 + AmendmentsPerQuarter), submissions);
        Assert.True(largest < MaxStateBytes, $"The state reached {largest:N0} bytes, over the {MaxStateBytes:N0} bound.");
        // It stops growing: after year 3 only the most recent quarters are kept, so year 40 is the size of year 3.
        Assert.InRange(sizeByYear[Years], sizeByYear[3] - 64, sizeByYear[3] + 64);
        Assert.Equal(ReportingCycle.QuartersKept, scenario.State.Quarters.Count);
        // And no text is in it.
        Assert.DoesNotContain("characters of the lead's text", JsonSerializer.Serialize(scenario.State, RuntimeOptions));
    }

    [Fact]
    public void OldQuarterDroppedOutOfState_ReportForItIsRefusedWithAClearReason()
    {
        var scenario = Started();
        for (var i = 0; i < ReportingCycle.QuartersKept + 2; i++)
        {
            var requestAt = Schedule.NextWakeUp(scenario.State)!.Value;
            scenario.WakeAt(requestAt);
            scenario.Raise("SubmitQuarterlyReport", MaximalReport(scenario.State.Quarters[^1].Quarter, Rag.Green, 1), requestAt.AddMinutes(1));
        }

        Assert.Null(scenario.State.QuarterFor(Q4));
        Assert.False(scenario.State.QuartersDroppedThrough!.Value.IsBefore(Q4));
        Assert.Equal(
            $"The {Q4.PeriodCovered} report is closed: the project's state keeps only the last {ReportingCycle.QuartersKept} quarters, so it can no longer be submitted or amended; its history is kept on the project's page.",
            scenario.Refusal("SubmitQuarterlyReport", MaximalReport(Q4, Rag.Amber, 2), Schedule.NextWakeUp(scenario.State)!.Value.AddDays(-1)));
    }

    private static object MaximalReport(FinancialQuarter quarter, Rag status, int version) => new
    {
        Quarter = quarter.Label,
        Status = status.ToString(),
        StatusComments = Text($"{quarter.Label} v{version} status", 4000),
        ProgressInLastPeriod = Text($"{quarter.Label} v{version} progress", 4000),
        FutureWork = Text($"{quarter.Label} v{version} future", 4000),
        Expenditure = 10_000_000_00,
        SubmittedBy = "lead.with.a.long.address@example.org",
    };

    // Exactly `length` characters, different for each label.
    private static string Text(string label, int length) => (label + " characters of the lead's text. ").PadRight(length, 'x')[..length];

    private static int Size(ProjectState state) => System.Text.Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(state, RuntimeOptions));
}
