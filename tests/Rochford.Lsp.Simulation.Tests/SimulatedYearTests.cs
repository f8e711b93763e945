// The partnership's 2009-10 year, replayed from scenarios/rochford-2009-10.json by the real reporting-cycle orchestrator
// on the in-memory Durable Task engine, read model in Azurite, simulated clock: the end-to-end test over a whole year.
// Run: dotnet test tests/Rochford.Lsp.Simulation.Tests --filter SimulatedYearTests

using NodaTime;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Simulation.Tests;

/// <summary>Runs the default scenario once for every test in <see cref="SimulatedYearTests"/>.</summary>
public sealed class DefaultYearFixture : IAsyncLifetime
{
    public SimulationResult Result { get; private set; } = null!;

    public List<SimulationProgress> Progress { get; } = [];

    public async Task InitializeAsync()
    {
        var server = await AzuriteServer.SharedAsync();
        var scenario = ScenarioLoader.LoadFile(Path.Combine(AzuriteServer.RepositoryRoot(), SimulationScenario.DefaultPath));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Result = await new SimulationRunner(server.ConnectionString).RunAsync(scenario, progress: new Recorder(Progress), cancellationToken: timeout.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed class Recorder(List<SimulationProgress> list) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => list.Add(value);
    }
}

public sealed class SimulatedYearTests(DefaultYearFixture year) : IClassFixture<DefaultYearFixture>
{
    private SimulationResult Result => year.Result;

    private static DateTimeOffset London(int y, int m, int d, int h, int min = 0) => Reporting.Dates.UkCalendar.At(new LocalDate(y, m, d), new LocalTime(h, min));

    private IReadOnlyList<TimelineEntry> Careline => [.. Result.Timeline.Where(e => e.Project == "ROC4")];

    private TimelineEntry Single(string project, string type) => Assert.Single(Result.Timeline, e => e.Project == project && e.Type == type);

    [Fact]
    public void DefaultYear_Careline_IsRedInJanToMar2010_WithTheOfficersDeadlineOf31May2010()
    {
        var red = Assert.Single(Careline, e => e.Type == "ReportSubmitted" && e.Explanation.StartsWith("Red"));
        Assert.Equal(London(2010, 4, 9, 15), red.At);
        var set = Careline.Where(e => e.Type == "RecoveryDeadlineSet").ToList();
        Assert.Equal(2, set.Count);
        Assert.Equal("Red report for Jan - Mar 2010: recovery deadline 26 May 2010, 8 weeks after the reporting date.", set[0].Explanation);
        Assert.Equal("Red report for Jan - Mar 2010: deadline 31 May 2010 set by LSP Officer A (example).", set[1].Explanation);
        Assert.Equal(London(2010, 4, 12, 10), set[1].At);
        var notice = Assert.Single(set[1].Effects);
        Assert.Equal((EmailTemplates.RedNotice, "roc4.lead@example.org"), (notice.Template, Assert.Single(notice.To)));
    }

    [Fact]
    public void DefaultYear_CarelineStillRedOn1June2010_IsEscalatedThenWithdrawnAfterTheExecutiveOf7June()
    {
        var passed = Single("ROC4", "DeadlinePassedWhileRed");
        Assert.Equal(London(2010, 6, 1, 9), passed.At);
        var proposed = Single("ROC4", "WithdrawalProposed");
        Assert.Equal(["ExecutiveEscalation", "ApprovalRequest"], proposed.Effects.Select(e => e.Template));
        Assert.Equal(["lsp.executive@example.org"], proposed.Effects[0].To);
        Assert.Equal(London(2010, 6, 6, 9), Single("ROC4", "ApprovalReminderSent").At);

        var withdrawn = Single("ROC4", "FundingWithdrawn");
        Assert.Equal(London(2010, 6, 8, 10), withdrawn.At);
        Assert.Equal("LSP Officer B (example) approved withdrawing £15,000.00 from ROC4 Careline following the Executive Board's decision of 7 Jun 2010 (minute LSP Executive 7 June 2010, item 6 (example)), and quarterly reporting stopped.",
            withdrawn.Explanation);
    }

    [Fact]
    public void DefaultYear_Reallocation_RejectedOnceThenApprovedByTheOtherOfficer_WithTheSelfApprovalRefused()
    {
        var refused = Assert.Single(Result.Refused);
        Assert.Equal(("ROC4", "ApproveReallocation"), (refused.Action.Project, refused.Action.Input));
        Assert.Equal("LSP Officer A (example) proposed this reallocation, so a different officer must approve it.", refused.Reason);
        Assert.True(refused.Action.Line > 1);
        Assert.Contains(Result.Timeline, e => e.Type == "Refused" && e.At == London(2010, 6, 10, 9, 30) && e.Explanation.Contains($"line {refused.Action.Line}"));

        var rejected = Single("ROC4", "ReallocationRejected");
        var rejectedEmail = Assert.Single(rejected.Effects);
        Assert.Equal(EmailTemplates.ReallocationRejected, rejectedEmail.Template);
        Assert.Equal(["lsp.officer.a@example.org", "lsp.officer.b@example.org"], rejectedEmail.To);

        var approved = Single("ROC4", "ReallocationApproved");
        Assert.Equal(London(2010, 6, 15, 10), approved.At);
        Assert.Equal(["RecordFunding", "ReceiveReallocatedFunds", "ReceiveReallocatedFunds", EmailTemplates.ReallocationApproved], approved.Effects.Select(e => e.Template));
        // The ledger took the whole move; ROC3 received its share; ROC10, completed meanwhile, refused its own.
        Assert.Equal([DeliveryState.Done, DeliveryState.Done, DeliveryState.Parked], approved.Effects.Take(3).Select(e => e.State));
    }

    [Fact]
    public void DefaultYear_RecipientCompletedInTheMeantime_RefusesItsShare_WhichReturnsToTheUnallocatedBalance()
    {
        var received = Single("ROC3", "FundsReceived");
        Assert.Equal("£12,000.00 reallocated from ROC4 was received, so ROC3's award is now £42,000.00.", received.Explanation);
        var returned = Single("ROC4", "ReallocatedFundsReturned");
        Assert.Equal(London(2010, 6, 15, 10), returned.At);
        Assert.Equal("ROC10 refused £1,000.00 reallocated from ROC4: receiving reallocated funds is not possible now because the project has been completed; returned to the unallocated balance.",
            returned.Explanation);
        // The partnership's ledger takes ROC10's share back (delivered), then the officers are told.
        Assert.Equal(["RecordFunding", EmailTemplates.ReallocationRefused], returned.Effects.Select(e => e.Template));
        Assert.Equal(DeliveryState.Done, returned.Effects[0].State);
        var email = returned.Effects[1];
        Assert.Equal((EmailTemplates.ReallocationRefused, "lsp.executive@example.org"), (email.Template, Assert.Single(email.Cc)));
        // The approval, the money arriving and the refusal share an instant; the timeline shows them in causal order.
        var order = Result.Timeline.ToList();
        Assert.True(order.IndexOf(Single("ROC4", "ReallocationApproved")) < order.IndexOf(received));
        Assert.True(order.IndexOf(received) < order.IndexOf(returned));
    }

    [Fact]
    public void DefaultYear_Summary_ShowsEachProjectsPhaseQuartersAndMoney()
    {
        Assert.Equal(8, Result.Projects.Count);
        var careline = Assert.Single(Result.Projects, p => p.Code == "ROC4");
        Assert.Equal(Phase.Closed, careline.Phase);
        Assert.Equal(["Amber", "Amber", "Amber", "Red"], careline.Quarters.Select(q => q.Outcome));
        Assert.Equal((Money.Pounds(15_000), Money.Zero, Money.Pounds(15_000)), (careline.Awarded, careline.Released, careline.Withdrawn));

        var star = Assert.Single(Result.Projects, p => p.Code == "ROC3");
        Assert.Equal((Money.Pounds(12_000), Money.Pounds(27_000)), (star.Received, star.Unreleased));
        Assert.Equal(Phase.Completed, Assert.Single(Result.Projects, p => p.Code == "ROC10").Phase);
        Assert.Equal("Amber (late)", Assert.Single(Result.Projects, p => p.Code == "ROC9").Quarters[1].Outcome);
        Assert.All(Result.Projects.Where(p => p.Phase == Phase.Reporting), p => Assert.Equal("Awaited", p.Quarters[^1].Outcome));
        // The March 2010 reports' statuses.
        Assert.Equal(["Green", "Amber", "Red", "Amber", "Green", "Green", "Amber", "Green"], Result.Projects.Select(p => p.Quarters[3].Outcome));

        // The stream's figures are the partnership's live ledger: it received every movement of money the projects raised,
        // refused none, and agrees with the projects' own figures.
        var stream = Assert.Single(Result.Streams);
        Assert.Equal(stream.Total, stream.AccountedFor);
        var movements = Result.Timeline.SelectMany(t => t.Effects).Where(e => e.Template == "RecordFunding").ToList();
        Assert.NotEmpty(movements);
        Assert.All(movements, m => Assert.Equal(DeliveryState.Done, m.State));
        Assert.Equal(Money.Sum(Result.Projects.Select(p => p.Released)), stream.Released);
        Assert.Equal(Money.Sum(Result.Projects.Select(p => p.Awarded)), stream.Awarded);   // the original awards: reallocations move awards
        Assert.Equal((Money.Pounds(15_000), Money.Pounds(12_000), Money.Pounds(3_000), Money.Pounds(3_000), Money.Zero),
            (stream.Withdrawn, stream.Reallocated, stream.ReturnedToUnallocated, stream.Unallocated, stream.InTransit));
    }

    [Fact]
    public void DefaultYear_Emails_AreCountedByTemplate()
    {
        Assert.Equal(8 * 4 + 6, Result.EmailsByTemplate[EmailTemplates.QuarterlyRequest]); // four quarters for all, Apr - Jun 2010 for six
        Assert.Equal(32, Result.EmailsByTemplate[EmailTemplates.SubmissionReceipt]);
        Assert.Equal(1, Result.EmailsByTemplate[EmailTemplates.OverdueChase]); // ROC9's late Jul - Sep 2009 report
        foreach (var once in new[] { EmailTemplates.ExecutiveEscalation, EmailTemplates.ApprovalRequest, EmailTemplates.ApprovalReminder, EmailTemplates.WithdrawalApproved,
                     EmailTemplates.ReallocationRejected, EmailTemplates.ReallocationApproved, EmailTemplates.FundsReceived, EmailTemplates.ReallocationRefused, EmailTemplates.InterimUpdateReceipt })
            Assert.Equal(1, Result.EmailsByTemplate[once]);
        Assert.Equal(2, Result.EmailsByTemplate[EmailTemplates.ReallocationProposal]);
        Assert.False(Result.EmailsByTemplate.ContainsKey(EmailTemplates.NoReportReceived));
        Assert.Equal(Result.EmailCount, Result.Timeline.SelectMany(e => e.Effects).Count(e => e.IsEmail));
    }

    [Fact]
    public void DefaultYear_Timeline_IsInTimeOrder_AndProgressWasReported()
    {
        Assert.Equal(Result.Timeline.OrderBy(e => e.At).Select(e => e.At), Result.Timeline.Select(e => e.At));
        Assert.Equal(8, Result.Timeline.Count(e => e.Type == "MonitoringStarted"));
        Assert.Equal(61, Result.ActionsInRange);
        Assert.NotEmpty(year.Progress);
        Assert.Equal(61, year.Progress[^1].ActionsDone);
        Assert.Equal(1.0, year.Progress[^1].Fraction, 3);
    }
}

public sealed class PartialRangeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task RunAsync_ToTheEndOfMay2010_LeavesCarelineRedAndSkipsLaterActions()
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(AzuriteServer.RepositoryRoot(), SimulationScenario.DefaultPath));

        var result = await new SimulationRunner(azurite.Server.ConnectionString)
            .RunAsync(scenario, to: new LocalDate(2010, 5, 31), cancellationToken: AzuriteFixture.Timeout());

        var careline = Assert.Single(result.Projects, p => p.Code == "ROC4");
        Assert.Equal(Phase.RedWatch, careline.Phase);
        Assert.Equal("Red: recovery deadline 31 May 2010", careline.Status);
        Assert.Equal(scenario.Actions.Count(a => a.At.Date > new LocalDate(2010, 5, 31)), result.ActionsSkipped);
        Assert.Equal(new LocalDate(2010, 5, 31), result.To);
        Assert.DoesNotContain(result.Timeline, e => e.Type == "DeadlinePassedWhileRed");
        Assert.Empty(result.Refused);
    }
}
