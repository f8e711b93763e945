// Issue 20, "time of receipt decides" (ARCHITECTURE.md rule 9): on the real clock a deadline is judged on when the server
// accepted the input, bounded by the orchestration's clock, not on when the engine got round to it. The pure time rule
// (InputTime.Of, what the orchestrator calls) and the decider together, as the orchestrator runs them.
// Run: dotnet test tests/Rochford.Lsp.Workflow.Tests --filter TimeOfReceiptTests

using System.Text.Json;
using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Workflow.Tests;

public sealed class TimeOfReceiptTests
{
    private static readonly ReportingCycle Cycle = new();

    /// <summary>Careline Red for Jan - Mar 2010 with its recovery deadline on 31 May 2010, the last transition on 12 April.</summary>
    private static (ProjectState State, DateTimeOffset LastTransition) RedUntil31May()
    {
        var started = At(2010, 1, 4, 9, 0, 0);
        var state = Cycle.Start("ROC4", new OrchestrationInput.Started("start", RochfordSeed.StartPayloadFor("ROC4", new LocalDate(2010, 1, 4)).ToJson()), started).State;
        state = Cycle.Decide(state, new OrchestrationInput.WokeUp("wake", At(2010, 3, 17, 9, 0, 0)), At(2010, 3, 17, 9, 0, 0)).State;
        var report = ReportForm.Parse(JsonSerializer.Serialize(new
        {
            Quarter = "2009-10 Q4", Status = "Red", StatusComments = "No progress.", ProgressInLastPeriod = "None.", FutureWork = "A time scale.",
        }));
        state = Cycle.Decide(state, new OrchestrationInput.EventRaised("report-1", "SubmitQuarterlyReport", report.ToInputPayload()), At(2010, 4, 9, 15, 0, 0)).State;
        var officer = RochfordSeed.Contacts.Officers[0];
        var lastTransition = At(2010, 4, 12, 10, 0, 0);
        state = Cycle.Decide(state, new OrchestrationInput.EventRaised("deadline-1", "SetRecoveryDeadline", JsonSerializer.Serialize(new
        {
            Officer = new { officer.Name, officer.Email }, Deadline = "2010-05-31", WhatIsNeeded = "A time scale for delivery.",
        })), lastTransition).State;
        Assert.Equal((Phase.RedWatch, new LocalDate(2010, 5, 31)), (state.Phase, state.Red!.Deadline));
        return (state, lastTransition);
    }

    private static WorkflowInput GreenUpdate(DateTimeOffset receivedAt) => new("web:SubmitInterimUpdate:1", "SubmitInterimUpdate",
        new InterimUpdateForm(Rag.Green, "The new provider has started.", "roc4.lead@example.org").ToInputPayload(), ReceivedAt: receivedAt);

    /// <summary>Decides <paramref name="input"/> as the orchestrator does on the real clock, at <paramref name="handledAt"/>.</summary>
    private static Decision<ProjectState> Handle(ProjectState state, DateTimeOffset lastTransition, WorkflowInput input, DateTimeOffset handledAt)
    {
        var now = InputTime.Of(WorkflowClock.Real, lastTransition, handledAt.UtcDateTime, input);
        return Cycle.Decide(state, new OrchestrationInput.EventRaised(input.InputId, input.Name, input.PayloadJson), now);
    }

    [Fact]
    public void GreenUpdateReceivedAt235959OnTheDeadlineDay_HandledAfterMidnight_IsAccepted()
    {
        var (state, lastTransition) = RedUntil31May();

        var decision = Handle(state, lastTransition, GreenUpdate(At(2010, 5, 31, 23, 59, 59)), handledAt: At(2010, 6, 1, 0, 0, 30));

        Assert.Equal(Phase.Reporting, decision.State.Phase);
        Assert.Contains(decision.Events, e => e.Type == "InterimUpdateReceived");
    }

    [Fact]
    public void GreenUpdateReceivedAt000001AfterTheDeadlineDay_IsRefused()
    {
        var (state, lastTransition) = RedUntil31May();

        var refusal = Assert.Throws<InputRefusedException>(() =>
            Handle(state, lastTransition, GreenUpdate(At(2010, 6, 1, 0, 0, 1)), handledAt: At(2010, 6, 1, 0, 0, 30)));

        Assert.Equal("The recovery deadline of 31 May 2010 has passed, so interim updates are no longer accepted; please contact the LSP officers.",
            refusal.Message);
    }

    [Fact]
    public void ReportReceivedAt235959OnItsDueDate_HandledAfterMidnight_IsNotLate()
    {
        var started = At(2010, 1, 4, 9, 0, 0);
        var state = Cycle.Start("ROC4", new OrchestrationInput.Started("start", RochfordSeed.StartPayloadFor("ROC4", new LocalDate(2010, 1, 4)).ToJson()), started).State;
        var requested = At(2010, 3, 17, 9, 0, 0);
        state = Cycle.Decide(state, new OrchestrationInput.WokeUp("wake", requested), requested).State;
        Assert.Equal(new LocalDate(2010, 4, 15), state.QuarterFor(FinancialQuarter.Parse("2009-10 Q4"))!.DueOn);
        var report = ReportForm.Parse(JsonSerializer.Serialize(new
        {
            Quarter = "2009-10 Q4", Status = "Green", StatusComments = "On track.", ProgressInLastPeriod = "Two installs.", FutureWork = "More.",
        }));

        var decision = Handle(state, requested, new WorkflowInput("web:SubmitQuarterlyReport:1", "SubmitQuarterlyReport", report.ToInputPayload(),
            ReceivedAt: At(2010, 4, 15, 23, 59, 59)), handledAt: At(2010, 4, 16, 0, 1, 0));

        Assert.False(decision.State.QuarterFor(FinancialQuarter.Parse("2009-10 Q4"))!.Latest!.Late);
    }

    [Fact]
    public void RealClock_ReceiptTime_IsBoundedByTheOrchestrationsClockTheLastTransitionAndTheMaximumLag()
    {
        var handledAt = At(2010, 6, 1, 12, 0, 0);
        var previous = At(2010, 6, 1, 11, 30, 0);
        DateTimeOffset TimeOf(DateTimeOffset? receivedAt) =>
            InputTime.Of(WorkflowClock.Real, previous, handledAt.UtcDateTime, new WorkflowInput("i", "X", "{}", ReceivedAt: receivedAt));

        Assert.Equal(At(2010, 6, 1, 11, 45, 0), TimeOf(At(2010, 6, 1, 11, 45, 0)));    // within the bounds: the time of receipt
        Assert.Equal(handledAt, TimeOf(At(2010, 6, 1, 13, 0, 0)));                    // never later than the orchestration's clock
        Assert.Equal(previous, TimeOf(At(2010, 6, 1, 11, 0, 0)));                     // never before the last transition
        Assert.Equal(handledAt, TimeOf(null));                                        // no receipt time (a wake-up): the orchestration's clock
        var longAgo = At(2010, 5, 1, 9, 0, 0);
        Assert.Equal(handledAt - InputTime.MaxReceiptLag,                              // nobody can backdate by more than the lag
            InputTime.Of(WorkflowClock.Real, longAgo, handledAt.UtcDateTime, new WorkflowInput("i", "X", "{}", ReceivedAt: longAgo)));
    }

    [Fact]
    public void SimulatedClock_TheInputsTime_StillDecides()
    {
        var previous = At(2010, 6, 1, 11, 30, 0);
        var input = new WorkflowInput("i", "X", "{}", At: At(2010, 6, 2, 9, 0, 0), ReceivedAt: At(2030, 1, 1, 0, 0, 0));

        Assert.Equal(At(2010, 6, 2, 9, 0, 0), InputTime.Of(WorkflowClock.Simulated, previous, DateTime.UtcNow, input));
        Assert.Equal(previous, InputTime.Of(WorkflowClock.Simulated, previous, DateTime.UtcNow, input with { At = At(2010, 6, 1, 9, 0, 0) }));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second) =>
        UkCalendar.At(new LocalDate(year, month, day), new LocalTime(hour, minute, second));
}
