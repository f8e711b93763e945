// After a long outage one wake-up finds years of steps due. They are carried out in order over successive
// wake-ups, each decision small enough for one transition: the runtime commits at most 98 history events and
// effects atomically, and the cycle takes at most ReportingCycle.MaxRecordsPerWakeUp (50) per wake-up.

using System.Text.Json;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class LongOutageTests
{
    private const int Bound = ReportingCycle.MaxRecordsPerWakeUp;

    [Fact]
    public void Given_StartedIn2010_When_FirstWokenFiveYearsLater_Then_EveryQuarterIsHandledInOrderOverSmallWakeUps()
    {
        var scenario = Started();
        var now = At(2015, 1, 4);
        var decisions = new List<Decision<ProjectState>>();
        do
        {
            scenario.WakeAt(now);
            decisions.Add(scenario.Last);
            Assert.True(decisions.Count < 20, "The backlog never ran out: a step is not advancing the state.");
        }
        while (scenario.Last.NextWakeUp <= now);

        Assert.True(decisions.Count > 1, "Five years of quarters should not fit in one wake-up under the bound.");
        Assert.All(decisions, d => Assert.InRange(d.Events.Count + d.Effects.Count, 1, Bound));
        Assert.All(decisions.SkipLast(1), d => Assert.True(d.NextWakeUp <= now, "A wake-up that left work due must ask to be woken again at once."));

        // Every quarter from Jan - Mar 2010 to Oct - Dec 2014 requested, and every one whose no-report date passed closed
        // as Red, in the order their dates fell: the same story one unbounded wake-up would tell.
        var settings = CycleSettings.Default;
        var quarters = new List<FinancialQuarter>();
        for (var q = Q4; q.IsBefore(FinancialQuarter.Parse("2015-16 Q1")); q = q.Next) quarters.Add(q);
        var expected = quarters
            .Select(q => (On: q.LastDay.PlusDays(-settings.RequestDaysBeforeQuarterEnd), Type: "ReportRequested", Quarter: q))
            .Concat(quarters
                .Select(q => (On: q.LastDay.PlusDays(settings.DueDaysAfterQuarterEnd + settings.NoReportDaysAfterDue), Type: "NoReportReceived", Quarter: q))
                .Where(step => step.On < UkCalendar.Today(now)))
            .Where(step => step.On < UkCalendar.Today(now))
            .OrderBy(step => step.On)
            .Select(step => $"{step.Type} {step.Quarter.Label}");
        var happened = decisions.SelectMany(d => d.Events)
            .Where(e => e.Type is "ReportRequested" or "NoReportReceived")
            .Select(e => $"{e.Type} {JsonDocument.Parse(e.DataJson).RootElement.GetProperty("Quarter").GetString()}");
        Assert.Equal(expected, happened);
        Assert.Equal(Phase.RedWatch, scenario.State.Phase);
        // All 19 closed quarters are in the history above; the state keeps only the most recent (the oldest 12 dropped out).
        Assert.Equal(ReportingCycle.QuartersKept, scenario.State.Quarters.Count);
        Assert.Equal(ReportingCycle.QuartersKept - 1, scenario.State.Quarters.Count(q => q.Stage == QuarterStage.NoReport));
        Assert.Equal(FinancialQuarter.Parse("2012-13 Q3"), scenario.State.QuartersDroppedThrough);
    }

    [Fact]
    public void Given_CarelineRedUntil31May2010_When_TheClockJumpsFiveYears_Then_OneEscalationBoundedTransitionsAndNoEmailWithAnExpiredLink()
    {
        var scenario = Started()
            .WakeAt(At(2010, 3, 17))
            .Submit(Rag.Red, At(2010, 4, 10, 11))
            .Raise("SetRecoveryDeadline", new { Officer = Officer(OfficerA), Deadline = "2010-05-31" }, At(2010, 4, 12));
        var now = At(2015, 4, 12);
        var today = UkCalendar.Today(now);
        var decisions = new List<Decision<ProjectState>>();
        do
        {
            scenario.WakeAt(now); // nothing throws
            decisions.Add(scenario.Last);
            Assert.True(decisions.Count < 20, "The backlog never ran out: a step is not advancing the state.");
        }
        while (scenario.Last.NextWakeUp <= now);

        // A sensible end: the deadline passed still Red, so one escalation and one withdrawal proposal, dated when it was found.
        Assert.Equal(Phase.WithdrawalProposed, scenario.State.Phase);
        Assert.Equal(today, scenario.State.Withdrawal!.ProposedOn);
        var emails = decisions.SelectMany(d => d.Effects.OfType<Effect.SendEmail>()).ToList();
        Assert.Single(emails, e => e.Template == EmailTemplates.ExecutiveEscalation);
        Assert.Single(emails, e => e.Template == EmailTemplates.ApprovalRequest);
        Assert.True(scenario.Last.NextWakeUp > now, "After the backlog the next wake-up is in the future.");

        // Every transition, event and email is bounded, and the state does not grow with the gap.
        Assert.All(decisions, d => Assert.InRange(d.Events.Count + d.Effects.Count, 1, Bound));
        Assert.All(decisions.SelectMany(d => d.Events), e => Assert.InRange(e.DataJson.Length + e.Explanation.Length, 1, 2_000));
        Assert.All(emails, e => Assert.InRange(e.ModelJson.Length, 1, 4_000));
        Assert.InRange(JsonSerializer.Serialize(scenario.State, ReportingCycle.StateJson).Length, 1, 8_000);

        // Twenty quarters fell due in the gap: each is requested and closed in the history, but no one is emailed a link that
        // had already expired when the email would go (the lead is asked for the overdue report by the Red notice's link instead).
        Assert.Equal(20, decisions.SelectMany(d => d.Events).Count(e => e.Type == "ReportRequested"));
        var expired = emails
            .Select(e => (e.Template, Link: JsonDocument.Parse(e.ModelJson).RootElement.TryGetProperty("Link", out var link) && link.ValueKind == JsonValueKind.Object
                ? link.GetProperty("ExpiresOn").GetString() : null))
            .Where(e => e.Link is not null && LocalDate.FromDateTime(DateTime.Parse(e.Link)) < today)
            .Select(e => $"{e.Template} (link expired {e.Link})");
        Assert.Empty(expired);
    }
}
