// The reporting cycle's state machine as data. The decider refuses any trigger not listed for the current
// phase and checks every phase change it makes against this table, so the table (and the diagram drawn
// from it) cannot drift from the code.

using P = Rochford.Lsp.Reporting.Phase;
using T = Rochford.Lsp.Reporting.Trigger;

namespace Rochford.Lsp.Reporting;

/// <summary>One permitted move: in phase <paramref name="From"/>, <paramref name="Trigger"/> may lead to <paramref name="To"/>.</summary>
/// <param name="When">The condition, for people, when the same trigger can lead to different phases.</param>
public sealed record Transition(Phase From, Trigger Trigger, Phase To, string When = "");

/// <summary>Every permitted transition of the reporting cycle.</summary>
public static class Transitions
{
    private static readonly Trigger[] Housekeeping = [T.RecordPaymentReleased, T.ChangeLeadContact, T.OverrideCycleSettings, T.ReceiveReallocatedFunds, T.ChangePartnershipContacts];
    // A project awaiting its own withdrawal takes no reallocated money: the amount to withdraw is fixed, so money added now
    // could never be paid, withdrawn or reallocated. Refused, it goes back to its sender and to the stream's unallocated balance.
    private static readonly Trigger[] HousekeepingAwaitingWithdrawal = [.. Housekeeping.Where(t => t != T.ReceiveReallocatedFunds)];
    // Officers' work on the quarterly reports, while the project reports (its timers run and its lead can send reports).
    private static readonly Trigger[] ReportWork = [T.ChangeQuarterDueDate, T.ReviewReport];
    private static readonly Trigger[] QuarterTimers = [T.RequestTimer, T.ReminderTimer, T.OverdueChaseTimer];

    /// <summary>The table.</summary>
    public static IReadOnlyList<Transition> All { get; } =
    [
        new(P.Reporting, T.SubmitQuarterlyReport, P.Reporting, "Amber or Green"),
        new(P.Reporting, T.SubmitQuarterlyReport, P.RedWatch, "Red"),
        new(P.Reporting, T.NoReportTimer, P.RedWatch, "no report received"),
        .. QuarterTimers.Select(timer => new Transition(P.Reporting, timer, P.Reporting)),
        .. Housekeeping.Select(trigger => new Transition(P.Reporting, trigger, P.Reporting)),
        .. ReportWork.Select(trigger => new Transition(P.Reporting, trigger, P.Reporting)),
        new(P.Reporting, T.PauseReporting, P.Paused),
        new(P.Reporting, T.MarkProjectCompleted, P.Completed),

        new(P.RedWatch, T.SubmitQuarterlyReport, P.RedWatch, "Red, for an earlier quarter, or after the deadline"),
        new(P.RedWatch, T.SubmitQuarterlyReport, P.Reporting, "Amber or Green by the deadline"),
        new(P.RedWatch, T.SubmitInterimUpdate, P.RedWatch, "Red"),
        new(P.RedWatch, T.SubmitInterimUpdate, P.Reporting, "Amber or Green"),
        new(P.RedWatch, T.SetRecoveryDeadline, P.RedWatch),
        new(P.RedWatch, T.RecoveryDeadlineTimer, P.WithdrawalProposed, "still Red"),
        new(P.RedWatch, T.NoReportTimer, P.RedWatch),
        .. QuarterTimers.Select(timer => new Transition(P.RedWatch, timer, P.RedWatch)),
        .. Housekeeping.Select(trigger => new Transition(P.RedWatch, trigger, P.RedWatch)),
        .. ReportWork.Select(trigger => new Transition(P.RedWatch, trigger, P.RedWatch)),

        new(P.WithdrawalProposed, T.ApproveWithdrawal, P.FundingWithdrawn, "money to reallocate"),
        new(P.WithdrawalProposed, T.ApproveWithdrawal, P.Closed, "nothing to reallocate"),
        new(P.WithdrawalProposed, T.RejectWithdrawal, P.RedWatch, "still Red"),
        new(P.WithdrawalProposed, T.RejectWithdrawal, P.Reporting, "no longer Red"),
        new(P.WithdrawalProposed, T.ExtendDeadline, P.RedWatch),
        new(P.WithdrawalProposed, T.ChangeWithdrawalAmount, P.WithdrawalProposed),
        new(P.WithdrawalProposed, T.ApprovalReminderTimer, P.WithdrawalProposed),
        new(P.WithdrawalProposed, T.ChairReEscalationTimer, P.WithdrawalProposed),
        new(P.WithdrawalProposed, T.SubmitQuarterlyReport, P.WithdrawalProposed),
        new(P.WithdrawalProposed, T.NoReportTimer, P.WithdrawalProposed),
        .. QuarterTimers.Select(timer => new Transition(P.WithdrawalProposed, timer, P.WithdrawalProposed)),
        .. HousekeepingAwaitingWithdrawal.Select(trigger => new Transition(P.WithdrawalProposed, trigger, P.WithdrawalProposed)),
        .. ReportWork.Select(trigger => new Transition(P.WithdrawalProposed, trigger, P.WithdrawalProposed)),

        new(P.FundingWithdrawn, T.ProposeReallocation, P.ReallocationProposed),
        // Officers still decide on withdrawn funding, so who they are can still change.
        new(P.FundingWithdrawn, T.ChangePartnershipContacts, P.FundingWithdrawn),
        new(P.ReallocationProposed, T.ChangePartnershipContacts, P.ReallocationProposed),
        new(P.ReallocationProposed, T.ApproveReallocation, P.Closed, "approved by a different officer"),
        new(P.ReallocationProposed, T.RejectReallocation, P.FundingWithdrawn),
        new(P.Closed, T.RaisedEventRefused, P.Closed, "a recipient refused the funds"),

        new(P.Paused, T.ResumeReporting, P.Reporting),
        new(P.Paused, T.MarkProjectCompleted, P.Completed),
        .. Housekeeping.Select(trigger => new Transition(P.Paused, trigger, P.Paused)),
    ];

    /// <summary>True when <paramref name="trigger"/> is allowed in <paramref name="phase"/>.</summary>
    public static bool Permits(Phase phase, Trigger trigger) => All.Any(t => t.From == phase && t.Trigger == trigger);

    /// <summary>The triggers allowed in <paramref name="phase"/>.</summary>
    public static IEnumerable<Trigger> PermittedIn(Phase phase) => All.Where(t => t.From == phase).Select(t => t.Trigger).Distinct();

    /// <summary>True when the phase is final: the instance has finished for good.</summary>
    public static bool IsFinal(Phase phase) => phase is P.Completed or P.Closed;

    /// <summary>Checks a move the decider is making; an unlisted move is a bug, not a refusal.</summary>
    internal static void Check(Phase from, Trigger trigger, Phase to)
    {
        if (!All.Any(t => t.From == from && t.Trigger == trigger && t.To == to))
        {
            throw new InvalidOperationException($"The reporting cycle tried an unlisted transition {from} --{trigger}--> {to}.");
        }
    }
}
