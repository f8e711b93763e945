// Officers' housekeeping: payments released, completion, the lead's contact, pausing and resuming reporting,
// and per-project cycle timings.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using static Rochford.Lsp.Reporting.Cycle.Text;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Handlers for officers' administrative inputs.</summary>
internal static class Administration
{
    public static void RecordPayment(Step step, RecordPaymentReleased command)
    {
        // The same form sent again with its amount or date edited: its payment is recorded already, and one form is one payment.
        if (command.PaymentId is { } id && step.State.RecentPayments.FirstOrDefault(p => p.PaymentId == id) is { } sent)
        {
            // Sent again as it was (a double click, a retry after a lost reply): already done, so nothing changes.
            if (command.Amount == sent.Amount && command.ReleasedOn == sent.ReleasedOn)
                return;
            var change = command.Amount != sent.Amount
                ? $" to {command.Amount}{(command.ReleasedOn != sent.ReleasedOn ? $" released on {D(command.ReleasedOn)}" : "")}"
                : $" to the date {D(command.ReleasedOn)}";
            throw new InputRefusedException(
                $"This payment form was sent already: {sent.Amount} released on {D(sent.ReleasedOn)} was recorded from it. Your change{change} was not recorded; to record another payment, open the payment form again.");
        }
        if (command.ReleasedOn > step.Today)
        {
            throw new InputRefusedException($"A payment cannot be recorded as released on {D(command.ReleasedOn)}, which is after today ({D(step.Today)}).");
        }
        Recovery.RequireUnreleased(step, command.Amount, "released");
        // Grant practice: money is held while a report is overdue, or while the latest report has not been accepted by an
        // officer, unless an officer records why it must go out.
        var hold = Hold(step);
        if (hold is not null && command.OverrideReason is null)
        {
            throw new InputRefusedException(
                $"{step.Project.Code}: the payment of {command.Amount} is held because {hold.Because}; give an override reason to record it anyway.");
        }
        var overrideReason = hold is null ? null : command.OverrideReason;
        // Released only grows, so what was released before and this amount name this payment.
        step.Fund(FundingMove.Release, $"{step.Project.Code}-payment-{step.State.Funding.Released.Pence}-{command.Amount.Pence}", command.Amount);
        step.Update(s => s with
        {
            Funding = s.Funding with { Released = s.Funding.Released + command.Amount },
            RecentPayments = command.PaymentId is { } form
                ? [.. s.RecentPayments.Append(new PaymentForm(form, command.Amount, command.ReleasedOn)).TakeLast(PaymentForm.Kept)]
                : s.RecentPayments,
        });
        var overriding = hold is null ? "" : $", overriding the hold for {hold.For}: {overrideReason}";
        step.Record(new PaymentReleased(command.Amount, command.ReleasedOn, command.Reference, command.Officer, overrideReason),
            $"{command.Officer.Name} recorded {command.Amount} released to {step.Project.Organisation} on {D(command.ReleasedOn)}{overriding.TrimEnd('.')}.");
        step.Move(Trigger.RecordPaymentReleased, step.State.Phase);
    }

    /// <summary>Why a payment is held: <paramref name="Because"/> finishes "held because", <paramref name="For"/> finishes "the hold for".</summary>
    private sealed record PaymentHold(string Because, string For);

    /// <summary>The hold on payments, if any: an overdue report first, then the latest submitted quarter's latest report not accepted.</summary>
    private static PaymentHold? Hold(Step step)
    {
        if (OverdueReport(step) is { } overdue)
        {
            return new($"the {overdue.Quarter.PeriodCovered} report, due by {D(overdue.DueOn)}, has not been received", $"the overdue {overdue.Quarter.PeriodCovered} report");
        }
        if (step.State.Quarters.LastOrDefault(q => q.Latest is not null) is not { Latest: { } latest } submitted || submitted.IsAccepted)
        {
            return null;
        }
        var period = submitted.Quarter.PeriodCovered;
        return submitted.ChangesRequested
            ? new($"the officers asked for changes to the {period} report ({ReportSections.Labels(submitted.Review!.Sections)}) and {step.Project.Lead.Name} has not sent them yet",
                $"the {period} report awaiting the changes the officers asked for")
            : new($"version {latest.Version} of the {period} report has not been reviewed by an officer", $"the unreviewed {period} report");
    }

    /// <summary>The oldest report not received by its due date (still owed, or closed as "no report received"), if any.</summary>
    private static QuarterReport? OverdueReport(Step step) => step.State.Quarters.FirstOrDefault(q =>
        q.Stage == QuarterStage.NoReport || (q.IsOutstanding && step.Today > q.DueOn));

    public static void Complete(Step step, MarkProjectCompleted command)
    {
        var unreleased = step.State.Funding.Unreleased;
        step.Record(new ProjectCompleted(command.Officer, command.Note, unreleased),
            $"{command.Officer.Name} marked {Label(step.Project)} as delivered and finished, so quarterly reporting stopped"
            + (unreleased.Pence > 0 ? $"; the {unreleased} still unreleased returned to the {step.Project.FundingStream.Describe()}'s unallocated balance." : "."));
        ReturnUnreleased(step, unreleased);
        step.Move(Trigger.MarkProjectCompleted, Phase.Completed);
    }

    /// <summary>
    /// A project that closes (completed, or withdrawn for less than it had unreleased) is paid nothing more: what it still has
    /// unreleased goes back to its stream's unallocated balance, on the partnership's ledger and in its own figures, so that
    /// it can be awarded again. A project closes once, so one id names the return.
    /// </summary>
    public static void ReturnUnreleased(Step step, Money amount)
    {
        if (amount.Pence <= 0) return;
        step.Fund(FundingMove.Return, $"{step.Project.Code}-closing-return", amount);
        step.Update(s => s with { Funding = s.Funding with { Returned = s.Funding.Returned + amount } });
    }

    public static void ChangeLead(Step step, ChangeLeadContact command)
    {
        var previous = step.Project.Lead;
        if (previous == command.Lead)
        {
            return;
        }
        step.Update(s => s with { Project = s.Project with { Lead = command.Lead } });
        step.Record(new LeadContactChanged(previous, command.Lead, command.Officer),
            $"{command.Officer.Name} changed the project lead from {previous.Name} to {command.Lead.Name}{(command.Lead.Email is null ? " (no email address given)" : "")}.");
        step.Move(Trigger.ChangeLeadContact, step.State.Phase);
    }

    public static void Pause(Step step, PauseReporting command)
    {
        var excused = step.State.Quarters.Where(q => q.IsOutstanding).Select(q => q.Quarter).ToList();
        step.Update(s => s with { Quarters = [.. s.Quarters.Select(q => q.IsOutstanding ? q with { Stage = QuarterStage.Excused } : q)] });
        step.Record(new ReportingPaused(command.Officer, command.Reason, excused),
            $"{command.Officer.Name} paused quarterly reporting{(excused.Count > 0 ? $", excusing the {string.Join(" and ", excused.Select(q => q.PeriodCovered))} report" : "")}: {command.Reason}");
        step.Move(Trigger.PauseReporting, Phase.Paused);
    }

    public static void Resume(Step step, ResumeReporting command)
    {
        // Quarters that passed while paused are not asked for afterwards.
        var current = FinancialQuarter.Containing(step.Today);
        var next = step.State.NextQuarterToRequest.IsBefore(current) ? current : step.State.NextQuarterToRequest;
        step.Update(s => s with { NextQuarterToRequest = next });
        step.Record(new ReportingResumed(command.Officer, next),
            $"{command.Officer.Name} resumed quarterly reporting from the {next.PeriodCovered} report.");
        step.Move(Trigger.ResumeReporting, Phase.Reporting);
    }

    public static void ChangeContacts(Step step, ChangePartnershipContacts command)
    {
        var previous = step.State.Contacts;
        // Only someone on the list may change it (it decides who may approve a reallocation): checked for every officer input.
        var current = command.Contacts;
        if (current.SameAs(previous))
        {
            return;
        }
        Reallocation.RequireNotProposer(step, command.Officer);
        step.Update(s => s with { Contacts = current });
        step.Record(new PartnershipContactsChanged(previous, current, command.Officer),
            $"{command.Officer.Name} changed the partnership's contacts for {step.Project.Code}: officers {string.Join(" and ", current.Officers.Select(o => $"{o.Name} ({o.Email})"))}; Executive Board {current.ExecutiveBoardEmail}; chair {current.ExecutiveChairEmail}.");
        step.Move(Trigger.ChangePartnershipContacts, step.State.Phase);
    }

    public static void OverrideSettings(Step step, OverrideCycleSettings command)
    {
        var settings = command.Changes.ApplyTo(step.State.Settings);
        if (settings.Problem() is { } problem)
        {
            throw new InputRefusedException($"These cycle settings cannot work: {problem}");
        }
        if (settings == step.State.Settings)
        {
            return;
        }
        step.Update(s => s with { Settings = settings });
        step.Record(new CycleSettingsOverridden(command.Officer, settings),
            $"{command.Officer.Name} changed {step.Project.Code}'s reporting cycle settings.");
        step.Move(Trigger.OverrideCycleSettings, step.State.Phase);
    }
}
