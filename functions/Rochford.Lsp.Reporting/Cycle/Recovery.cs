// A Red project's road: a recovery deadline (the usual one or an officer's), interim updates, and when the
// deadline passes still Red, escalation to the Executive and a withdrawal proposal that officers decide on.

using NodaTime;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Reporting.Cycle.Text;

using Rochford.Lsp.Reporting.Partnership;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Handlers for Red watches, escalation and withdrawal decisions.</summary>
internal static class Recovery
{
    // A deadline computed for a report that arrived late could already be past; give at least this long.
    private const int MinimumDaysToRecover = 7;

    /// <summary>Opens a Red watch with the usual deadline: some weeks after the quarter's reporting date.</summary>
    public static void OpenWatch(Step step, FinancialQuarter quarter, RedCause cause)
    {
        var weeks = step.State.Settings.RecoveryWeeksAfterReportingDate;
        var usual = quarter.LastDay.PlusWeeks(weeks);
        var earliest = step.Today.PlusDays(MinimumDaysToRecover);
        var deadline = usual < earliest ? earliest : usual;
        var whatIsNeeded = cause == RedCause.RedReport
            ? "A time scale for delivery and a key contact who will report on the project, then an Amber or Green update."
            : $"The overdue {quarter.PeriodCovered} progress report, showing how the project will recover.";
        var watch = new RedWatch(quarter, cause, deadline, whatIsNeeded, null) { Since = step.Today };
        step.Update(s => s with { Red = watch });
        step.Record(new RecoveryDeadlineSet(quarter, cause, deadline, whatIsNeeded, null),
            $"{RedPrefix(watch)}: recovery deadline {D(deadline)}, {weeks} weeks after the reporting date.");
        SendRedNotice(step, EmailTemplates.RedNotice, reason: null);
    }

    public static void CloseWatch(Step step, Rag status, string closedBy)
    {
        var red = step.State.Red!;
        step.Update(s => s with { Red = null });
        step.Record(new RedWatchClosed(red.Quarter, status, closedBy),
            $"The Red watch on {red.Quarter.PeriodCovered} closed because {closedBy} was {status}.");
    }

    public static void InterimUpdate(Step step, SubmitInterimUpdate command)
    {
        var red = step.State.Red!;
        if (UkCalendar.HasPassed(red.Deadline, step.Now))
        {
            throw new InputRefusedException(
                $"The recovery deadline of {D(red.Deadline)} has passed, so interim updates are no longer accepted; please contact the LSP officers.");
        }
        if (red.LatestUpdate is { } last && last.UpdateId == command.UpdateId)
        {
            return; // The same update again (the id is a hash of status and comments): nothing new to record.
        }
        var update = new InterimUpdate(command.Status, command.UpdateId, step.Now, command.SubmittedBy);
        step.Update(s => s with { Red = red with { LatestUpdate = update, UpdatesReceived = red.UpdatesReceived + 1 } });
        step.Record(new InterimUpdateReceived(command.Status, command.UpdateId, command.SubmittedBy),
            $"{command.Status} interim update received before the {D(red.Deadline)} recovery deadline.");
        var closes = command.Status != Rag.Red;
        step.Email(EmailTemplates.InterimUpdateReceipt, step.Lead, step.Officers, new InterimUpdateReceiptModel(
            step.Project.Code, step.Project.Name, command.Status, command.UpdateId, red.Deadline, closes));
        if (closes)
        {
            CloseWatch(step, command.Status, "the interim update");
            step.Move(Trigger.SubmitInterimUpdate, Phase.Reporting);
        }
        else
        {
            step.Move(Trigger.SubmitInterimUpdate, Phase.RedWatch);
        }
    }

    public static void SetDeadline(Step step, SetRecoveryDeadline command)
    {
        var red = step.State.Red!;
        RequireAfterToday(step, command.Deadline, "The recovery deadline");
        var changed = red with { Deadline = command.Deadline, SetBy = command.Officer, WhatIsNeeded = command.WhatIsNeeded ?? red.WhatIsNeeded };
        if (changed.Deadline == red.Deadline && changed.WhatIsNeeded == red.WhatIsNeeded && red.SetBy is not null)
        {
            return; // Already set to this: nothing new.
        }
        step.Update(s => s with { Red = changed });
        step.Record(new RecoveryDeadlineSet(red.Quarter, red.Cause, command.Deadline, changed.WhatIsNeeded, command.Officer),
            $"{RedPrefix(red)}: deadline {D(command.Deadline)} set by {command.Officer.Name}.");
        SendRedNotice(step, EmailTemplates.RedNotice, reason: null);
        step.Move(Trigger.SetRecoveryDeadline, Phase.RedWatch);
    }

    public static void DeadlinePassed(Step step)
    {
        var red = step.State.Red!;
        var funding = step.State.Funding;
        var proposal = new WithdrawalProposal(step.Today, funding.Unreleased, OfficersReminded: false, ChairReEscalated: false, Proposals.Next(step));
        step.Update(s => s with { Withdrawal = proposal });
        step.Record(new DeadlinePassedWhileRed(red.Quarter, red.Deadline),
            $"The recovery deadline of {D(red.Deadline)} passed with {Label(step.Project)} still Red for {red.Quarter.PeriodCovered}, so the Executive Board was told.");
        step.Record(new WithdrawalProposed(proposal.Amount, funding.Awarded, funding.Released),
            $"Withdrawal of {proposal.Amount} (awarded {funding.Awarded} less released {funding.Released}) was proposed and awaits an officer's decision.");
        step.Email(EmailTemplates.ExecutiveEscalation, [Recipients.ExecutiveBoard], step.Officers, ApprovalModel(step, LinkPurpose.ProjectSummary));
        step.Email(EmailTemplates.ApprovalRequest, step.Officers, [], ApprovalModel(step, LinkPurpose.DecideWithdrawal));
        step.Move(Trigger.RecoveryDeadlineTimer, Phase.WithdrawalProposed);
    }

    public static void RemindOfficers(Step step)
    {
        var proposal = step.State.Withdrawal!;
        step.Update(s => s with { Withdrawal = proposal with { OfficersReminded = true } });
        step.Record(new ApprovalReminderSent(proposal.ProposedOn),
            $"Officers were reminded that the withdrawal proposed on {D(proposal.ProposedOn)} still awaits a decision.");
        step.Email(EmailTemplates.ApprovalReminder, step.Officers, [], ApprovalModel(step, LinkPurpose.DecideWithdrawal));
        step.Move(Trigger.ApprovalReminderTimer, Phase.WithdrawalProposed);
    }

    public static void ReEscalateToChair(Step step)
    {
        var proposal = step.State.Withdrawal!;
        step.Update(s => s with { Withdrawal = proposal with { OfficersReminded = true, ChairReEscalated = true } });
        step.Record(new ExecutiveChairReEscalated(proposal.ProposedOn),
            $"The withdrawal proposed on {D(proposal.ProposedOn)} was re-escalated to the Executive chair because officers had not decided.");
        step.Email(EmailTemplates.ExecutiveChairReEscalation, [Recipients.ExecutiveChair], step.Officers, ApprovalModel(step, LinkPurpose.ProjectSummary));
        step.Move(Trigger.ChairReEscalationTimer, Phase.WithdrawalProposed);
    }

    public static void ChangeAmount(Step step, ChangeWithdrawalAmount command)
    {
        var proposal = step.State.Withdrawal!;
        RequireUnreleased(step, command.Amount, "withdrawn");
        if (proposal.Amount == command.Amount)
        {
            return;
        }
        var version = Proposals.Next(step);
        step.Update(s => s with { Withdrawal = proposal with { Amount = command.Amount, Version = version } });
        step.Record(new WithdrawalAmountChanged(command.Amount, command.Officer),
            $"{command.Officer.Name} changed the proposed withdrawal from {proposal.Amount} to {command.Amount}.");
        step.Move(Trigger.ChangeWithdrawalAmount, Phase.WithdrawalProposed);
    }

    /// <summary>
    /// Withdraws the proposed amount, citing the Executive Board's decision. That decision cannot be dated after today: the
    /// officer records a meeting that has happened (it may be earlier than the proposal, when the Board decided in advance).
    /// </summary>
    public static void Approve(Step step, ApproveWithdrawal command)
    {
        if (command.ExecutiveDecisionDate > step.Today)
        {
            throw new InputRefusedException(
                $"The Executive Board's decision cannot be dated {D(command.ExecutiveDecisionDate)}, which is after today ({D(step.Today)}).");
        }
        if (step.State.Red?.RedSince is { } redSince && command.ExecutiveDecisionDate < redSince)
        {
            throw new InputRefusedException(
                $"The Executive Board's decision cannot be dated {D(command.ExecutiveDecisionDate)}, before {step.Project.Code} went Red on {D(redSince)}: it cannot have decided on this withdrawal then.");
        }
        var amount = step.State.Withdrawal!.Amount;
        if (amount > step.State.Funding.Unreleased)
        {
            throw new InputRefusedException(
                $"The proposed withdrawal of {amount} is more than the {step.State.Funding.Unreleased} still unreleased; change the amount first.");
        }
        if (amount.Pence > 0) step.Fund(FundingMove.Withdraw, $"{step.Project.Code}-withdrawal-{step.State.Funding.Withdrawn.Pence}", amount);
        step.Update(s => s with { Withdrawal = null, Funding = s.Funding with { Withdrawn = s.Funding.Withdrawn + amount } });
        // A withdrawn project is paid nothing more: what was not withdrawn returns to the stream rather than stay stranded.
        var rest = step.State.Funding.Unreleased;
        Administration.ReturnUnreleased(step, rest);
        step.Record(new FundingWithdrawn(amount, command.Officer, command.ExecutiveDecisionDate, command.MinuteReference),
            $"{command.Officer.Name} approved withdrawing {amount} from {Label(step.Project)} following the Executive Board's decision of "
            + $"{D(command.ExecutiveDecisionDate)} (minute {command.MinuteReference}), and quarterly reporting stopped"
            + (rest.Pence > 0 ? $"; the other {rest} unreleased returned to the {step.Project.FundingStream.Describe()}'s unallocated balance, as a withdrawn project is paid nothing more." : "."));
        step.Email(EmailTemplates.WithdrawalApproved, step.Lead, [Recipients.ExecutiveBoard, Recipients.Officers], new WithdrawalApprovedModel(
            step.Project.Code, step.Project.Name, amount, command.Officer, command.ExecutiveDecisionDate, command.MinuteReference));
        step.Move(Trigger.ApproveWithdrawal, amount.Pence > 0 ? Phase.FundingWithdrawn : Phase.Closed);
    }

    /// <summary>
    /// The project keeps its funding. Rejecting the withdrawal does not make a Red project Green: while its latest
    /// status is Red it stays under watch with a new deadline (the officer's, or the usual recovery period from today).
    /// </summary>
    public static void Reject(Step step, RejectWithdrawal command)
    {
        var stillRed = LatestStatus(step.State) == Rag.Red;
        if (stillRed && command.NewDeadline is { } chosen)
        {
            RequireAfterToday(step, chosen, "The new deadline");
        }
        step.Update(s => s with { Withdrawal = null });
        step.Record(new WithdrawalRejected(command.Officer, command.Reason),
            $"{command.Officer.Name} rejected the withdrawal, so {step.Project.Code} keeps its funding: {command.Reason}");
        if (stillRed)
        {
            var weeks = step.State.Settings.RecoveryWeeksAfterReportingDate;
            var deadline = command.NewDeadline ?? step.Today.PlusWeeks(weeks);
            var red = step.State.Red! with { Deadline = deadline, SetBy = command.Officer };
            step.Update(s => s with { Red = red });
            var from = command.NewDeadline is null ? $", {weeks} weeks after the withdrawal was rejected" : $" set by {command.Officer.Name}";
            step.Record(new RecoveryDeadlineSet(red.Quarter, red.Cause, deadline, red.WhatIsNeeded, command.Officer),
                $"{RedPrefix(red)}: still Red, so the watch continues with a recovery deadline of {D(deadline)}{from}.");
            // The extension letter says exactly this: more time instead of a withdrawal, the new date and a link for updates.
            SendRedNotice(step, EmailTemplates.DeadlineExtended, command.Reason);
            step.Move(Trigger.RejectWithdrawal, Phase.RedWatch);
            return;
        }
        var latest = step.State.Quarters.Last(q => q.Latest is not null);
        step.Email(EmailTemplates.WithdrawalRejected, step.Lead, [Recipients.ExecutiveBoard, Recipients.Officers], new WithdrawalRejectedModel(
            step.Project.Code, step.Project.Name, command.Officer, command.Reason));
        CloseWatch(step, latest.Latest!.Status, $"the {latest.Quarter.PeriodCovered} report");
        step.Move(Trigger.RejectWithdrawal, Phase.Reporting);
    }

    /// <summary>The project's status now: the latest quarter's reported status, Red for a quarter with no report; Red when nothing was reported.</summary>
    private static Rag LatestStatus(ProjectState state) =>
        state.Quarters
            .Select(q => q.Stage == QuarterStage.NoReport ? Rag.Red : q.Latest?.Status)
            .LastOrDefault(status => status is not null) ?? Rag.Red;

    public static void Extend(Step step, ExtendDeadline command)
    {
        RequireAfterToday(step, command.NewDeadline, "The new deadline");
        step.Update(s => s with { Withdrawal = null, Red = s.Red! with { Deadline = command.NewDeadline, SetBy = command.Officer } });
        step.Record(new DeadlineExtended(command.NewDeadline, command.Officer, command.Reason),
            $"{command.Officer.Name} extended the recovery deadline to {D(command.NewDeadline)} instead of withdrawing funding: {command.Reason}");
        SendRedNotice(step, EmailTemplates.DeadlineExtended, command.Reason);
        step.Move(Trigger.ExtendDeadline, Phase.RedWatch);
    }

    /// <summary>Refuses an amount the project does not have unreleased.</summary>
    public static void RequireUnreleased(Step step, Money amount, string verb)
    {
        var unreleased = step.State.Funding.Unreleased;
        if (amount > unreleased)
        {
            throw new InputRefusedException($"{step.Project.Code} has only {unreleased} unreleased, so {amount} cannot be {verb}.");
        }
    }

    private static void RequireAfterToday(Step step, LocalDate date, string what)
    {
        if (RecoveryDeadlines.Problem(date, step.Today, what) is { } problem)
        {
            throw new InputRefusedException($"{problem}; {D(date)} is not.");
        }
    }

    private static string RedPrefix(RedWatch red) => red.Cause == RedCause.RedReport
        ? $"Red report for {red.Quarter.PeriodCovered}"
        : $"No report for {red.Quarter.PeriodCovered}";

    private static void SendRedNotice(Step step, string template, string? reason)
    {
        var red = step.State.Red!;
        // With no report received, what is needed first is the report itself: the notice links to its form (taken late) until it
        // comes; after that, and for a Red report, it links to the interim update.
        var owed = red.Cause == RedCause.NoReportReceived && step.State.QuarterFor(red.Quarter) is { Stage: QuarterStage.NoReport };
        step.Email(template, step.Lead, step.Officers, new RedNoticeModel(
            step.Project.Code, step.Project.Name, red.Quarter, red.Quarter.PeriodCovered, red.Cause, red.Deadline, red.WhatIsNeeded, reason, red.SetBy,
            owed ? step.Link(LinkPurpose.SubmitReport, red.Deadline, red.Quarter) : step.Link(LinkPurpose.InterimUpdate, red.Deadline)));
    }

    private static ApprovalRequestModel ApprovalModel(Step step, LinkPurpose purpose)
    {
        var state = step.State;
        var red = state.Red!;
        var proposal = state.Withdrawal!;
        return new ApprovalRequestModel(
            state.Project.Code, state.Project.Name, state.Project.Organisation, red.Quarter, red.Quarter.PeriodCovered, red.Deadline, red.WhatIsNeeded,
            state.Funding.Awarded, state.Funding.Released, proposal.Amount, proposal.ProposedOn, step.OfficerLink(purpose), RagHistory(state));
    }

    /// <summary>
    /// Each closed or reported quarter's status, oldest first, for the people deciding on the funding: the quarters the
    /// state keeps, i.e. the last <see cref="ReportingCycle.QuartersKept"/> (two financial years).
    /// </summary>
    private static IReadOnlyList<RagHistoryEntry> RagHistory(ProjectState state)
    {
        var history = new List<RagHistoryEntry>();
        foreach (var quarter in state.Quarters)
        {
            if (quarter.Stage == QuarterStage.NoReport)
                history.Add(new RagHistoryEntry(quarter.Quarter, quarter.Quarter.PeriodCovered, Rag.Red, NoReport: true));
            else if (quarter.Latest is { } latest)
                history.Add(new RagHistoryEntry(quarter.Quarter, quarter.Quarter.PeriodCovered, latest.Status, NoReport: false));
        }
        return history;
    }
}
