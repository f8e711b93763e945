// When things fall due. Each pending matter is a sequence of steps (a quarter: reminder, chase, no report);
// a wake-up carries out, per sequence, only the latest step already due, so a late wake-up does not send a
// reminder after the chase it should have preceded. A wake-up with nothing due changes nothing. After a long
// outage a wake-up stops at a bound and leaves the rest due, so the next wake-up comes at once and carries on.

using NodaTime;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>A scheduled step: on <paramref name="On"/> (at the wake-up hour), <paramref name="Trigger"/> for <paramref name="Quarter"/>.</summary>
internal sealed record DueStep(LocalDate On, Trigger Trigger, FinancialQuarter? Quarter = null);

/// <summary>The reporting cycle's timers.</summary>
internal static class Schedule
{
    // More steps than this in one wake-up means a step that does not advance the state: a bug, not a backlog.
    private const int MaxStepsPerWakeUp = 500;

    /// <summary>The day the report for <paramref name="quarter"/> is requested.</summary>
    public static LocalDate RequestDate(ProjectState state, FinancialQuarter quarter) =>
        quarter.LastDay.PlusDays(-state.Settings.RequestDaysBeforeQuarterEnd);

    /// <summary>When the instance next needs waking: the earliest pending step, or null when nothing is pending.</summary>
    public static DateTimeOffset? NextWakeUp(ProjectState state) =>
        Sequences(state).Select(sequence => (DateTimeOffset?)At(state, sequence[0])).Min();

    // The most history events and effects any one timer step records (no report: the event, its email, and the
    // Red watch it opens with its notice; deadline passed: two events, two emails).
    private const int MostRecordsPerStep = 4;

    /// <summary>
    /// Carries out what is due at the step's time, oldest first, until <see cref="ReportingCycle.MaxRecordsPerWakeUp"/>
    /// would be passed. What is left stays due, so <see cref="NextWakeUp"/> is already past: the runtime wakes the
    /// instance again at once, and the steps run in the same order, with the same time, as in one wake-up.
    /// </summary>
    public static void RunDue(Step step)
    {
        for (var count = 0; count < MaxStepsPerWakeUp; count++)
        {
            if (step.Records + MostRecordsPerStep > ReportingCycle.MaxRecordsPerWakeUp)
            {
                return;
            }
            var due = Sequences(step.State)
                .Select(sequence => sequence.LastOrDefault(s => At(step.State, s) <= step.Now))
                .Where(s => s is not null)
                .MinBy(s => s!.On);
            if (due is null)
            {
                return;
            }
            CarryOut(step, due);
        }
        throw new InvalidOperationException($"The reporting cycle of {step.Project.Code} had more than {MaxStepsPerWakeUp} steps due at once.");
    }

    private static DateTimeOffset At(ProjectState state, DueStep step) => UkCalendar.At(step.On, state.Settings.WakeUpTime);

    private static void CarryOut(Step step, DueStep due)
    {
        switch (due.Trigger)
        {
            case Trigger.RequestTimer: QuarterlyReports.Request(step); break;
            case Trigger.ReminderTimer: QuarterlyReports.Remind(step, due.Quarter!.Value); break;
            case Trigger.OverdueChaseTimer: QuarterlyReports.Chase(step, due.Quarter!.Value); break;
            case Trigger.NoReportTimer: QuarterlyReports.NoReport(step, due.Quarter!.Value); break;
            case Trigger.RecoveryDeadlineTimer: Recovery.DeadlinePassed(step); break;
            case Trigger.ApprovalReminderTimer: Recovery.RemindOfficers(step); break;
            case Trigger.ChairReEscalationTimer: Recovery.ReEscalateToChair(step); break;
            default: throw new InvalidOperationException($"{due.Trigger} is not a timer.");
        }
    }

    // The pending sequences, each non-empty and in date order; only timers the phase permits.
    private static IEnumerable<IReadOnlyList<DueStep>> Sequences(ProjectState state)
    {
        var settings = state.Settings;
        var phase = state.Phase;
        if (Transitions.Permits(phase, Trigger.RequestTimer))
        {
            yield return [new DueStep(RequestDate(state, state.NextQuarterToRequest), Trigger.RequestTimer)];
        }
        if (Transitions.Permits(phase, Trigger.NoReportTimer))
        {
            foreach (var quarter in state.Quarters.Where(q => q.IsOutstanding))
            {
                IReadOnlyList<DueStep> all =
                [
                    new(quarter.DueOn.PlusDays(-settings.ReminderDaysBeforeDue), Trigger.ReminderTimer, quarter.Quarter),
                    new(quarter.DueOn.PlusDays(settings.ChaseDaysAfterDue), Trigger.OverdueChaseTimer, quarter.Quarter),
                    new(quarter.DueOn.PlusDays(settings.NoReportDaysAfterDue), Trigger.NoReportTimer, quarter.Quarter),
                ];
                yield return quarter.Stage switch
                {
                    QuarterStage.Requested => all,
                    QuarterStage.Reminded => all.Skip(1).ToList(),
                    _ => all.Skip(2).ToList(),
                };
            }
        }
        if (Transitions.Permits(phase, Trigger.RecoveryDeadlineTimer) && state.Red is { } red)
        {
            // "By 31 May" allows all of 31 May: the deadline has passed at the next morning's wake-up.
            yield return [new DueStep(red.Deadline.PlusDays(1), Trigger.RecoveryDeadlineTimer)];
        }
        if (Transitions.Permits(phase, Trigger.ApprovalReminderTimer) && state.Withdrawal is { ChairReEscalated: false } proposal)
        {
            var reEscalation = new DueStep(proposal.ProposedOn.PlusDays(settings.ChairReEscalationDays), Trigger.ChairReEscalationTimer);
            yield return proposal.OfficersReminded
                ? [reEscalation]
                : [new DueStep(proposal.ProposedOn.PlusDays(settings.ApprovalReminderDays), Trigger.ApprovalReminderTimer), reEscalation];
        }
    }
}
