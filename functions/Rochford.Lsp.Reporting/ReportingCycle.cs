// The reporting cycle of one funded project, as a pure decider hosted by the durable runtime: one instance
// per project (instance id = project code), alive from the start of monitoring until the project completes
// or its withdrawn funding has been reallocated. No clock, no randomness, no I/O: time arrives as `now`.

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;
using Rochford.Lsp.Reporting.Partnership;
using static Rochford.Lsp.Reporting.Cycle.Text;

namespace Rochford.Lsp.Reporting;

/// <summary>The LSP funded-project reporting cycle.</summary>
/// <remarks>
/// Inputs are the commands in <c>Commands.cs</c> (by name, with a JSON payload) and timer wake-ups; the phases and
/// what may move between them are listed in <see cref="Transitions"/>. A refused input throws
/// <see cref="InputRefusedException"/> with a message for people; a repeated input (same report, same funds) changes nothing.
/// </remarks>
public sealed class ReportingCycle : IOrchestration<ProjectState>
{
    /// <inheritdoc/>
    public string Name => "ReportingCycle";

    /// <inheritdoc/>
    /// <remarks>
    /// 2: report and interim-update texts left the state for the read model's reports table (ids instead of texts), each
    /// quarter keeps only its latest version, closed quarters beyond <see cref="QuartersKept"/> drop out, and a Red watch keeps
    /// only its latest interim update and a count. Version 1 rows are migrated by <see cref="Migrate"/>.
    /// </remarks>
    public int StateVersion => 2;

    /// <summary>How many of the most recent quarters the state keeps (besides any still owed); older closed ones drop out.</summary>
    /// <remarks>
    /// Eight quarters are two financial years: the Red / Amber / Green history that the escalation and approval emails show
    /// the Executive Board and officers deciding on a withdrawal, and more than the decisions themselves look back (the
    /// quarterly digest reads the latest closed quarter, a late report for a quarter with none is accepted while it is kept,
    /// a payment is held for a missing report among them). A fixed count bounds the state whatever the project's age.
    /// </remarks>
    public const int QuartersKept = 8;

    /// <summary>The most history events and effects one wake-up records; the rest of a backlog waits for the next wake-up, which comes at once.</summary>
    /// <remarks>Well under the 98 a transition can commit atomically, so even years of missed wake-ups never make a transition too big to commit.</remarks>
    public const int MaxRecordsPerWakeUp = 50;

    /// <summary>The instance id of a project's reporting cycle: its code, e.g. "ROC4".</summary>
    public static string InstanceIdFor(string projectCode) => projectCode.ToUpperInvariant();

    /// <inheritdoc/>
    public Decision<ProjectState> Start(string instanceId, OrchestrationInput.Started input, DateTimeOffset now)
    {
        var payload = StartPayload.Parse(input.PayloadJson);
        var project = payload.Project;
        if (instanceId != InstanceIdFor(project.Code))
        {
            throw new InputRefusedException(
                $"Start: the instance id '{instanceId}' must be the project's code '{InstanceIdFor(project.Code)}', so that other projects can send it reallocated funds.");
        }
        var firstQuarter = FinancialQuarter.Containing(payload.MonitoringStarts);
        var step = new Step(new ProjectState
        {
            Project = project,
            Contacts = payload.Contacts,
            Settings = payload.Settings,
            Phase = Phase.Reporting,
            MonitoringStarts = payload.MonitoringStarts,
            NextQuarterToRequest = firstQuarter,
            Funding = new ProjectFunding(project.AmountAwarded, Money.Zero, Money.Zero),
        }, now);
        step.Record(new MonitoringStarted(project.Code, payload.MonitoringStarts, firstQuarter, project.AmountAwarded),
            $"Monitoring of {Label(project)} ({project.AmountAwarded} awarded) started on {D(payload.MonitoringStarts)}, beginning with the {firstQuarter.PeriodCovered} report.");
        // The award leaves the stream's unallocated balance on the partnership's ledger.
        if (project.AmountAwarded.Pence > 0) step.Fund(FundingMove.Award, $"{project.Code}-award", project.AmountAwarded);
        Schedule.RunDue(step);
        return step.ToDecision();
    }

    /// <inheritdoc/>
    public Decision<ProjectState> Decide(ProjectState state, OrchestrationInput input, DateTimeOffset now)
    {
        var step = new Step(state, now);
        switch (input)
        {
            case OrchestrationInput.WokeUp:
                Schedule.RunDue(step);
                break;
            case OrchestrationInput.EventRaised raised:
                // Only the input is handled: anything already due waits for its own wake-up (which the runtime
                // delivers at once when NextWakeUp is past), so an officer's decision never carries a timer's emails.
                Handle(step, CommandParser.Parse(raised.Name, raised.PayloadJson), raised.InputId);
                break;
            case OrchestrationInput.Started:
                throw new InputRefusedException($"The reporting cycle of {state.Project.Code} has already started.");
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown kind of input.");
        }
        return step.ToDecision();
    }

    /// <summary>The one JSON options object state is written with (by the runtime) and read with (here and in <see cref="Migrate"/>).</summary>
    /// <remarks>
    /// The runtime's (web defaults: camelCase, string enums), which every stored row so far was written with. Migrate once
    /// read with <see cref="ReportingJson.Options"/> (PascalCase, case-sensitive), so the first schema bump would have
    /// failed to load every instance; keep one object for both directions.
    /// </remarks>
    public static JsonSerializerOptions StateJson => OrchestrationJson.Default;

    /// <inheritdoc/>
    public JsonSerializerOptions StateSerializerOptions => StateJson;

    /// <inheritdoc/>
    public ProjectState Migrate(int storedVersion, string json) => storedVersion switch
    {
        // Each future version adds a case here that reads the old shape (with StateJson) and returns the current one.
        1 => StateMigrations.FromVersion1(json),
        _ => throw new NotSupportedException(
            $"Reporting cycle state version {storedVersion} is unknown: versions 1 to {StateVersion} can be read."),
    };

    /// <summary>
    /// The lead's texts a state row written with <paramref name="storedVersion"/> holds in the state itself: version 1 kept
    /// report texts and interim comments there; version 2 and later keep only their ids (the texts are in the read model's
    /// reports table). What reads a version 1 row to replace it keeps these first, so no text is lost.
    /// </summary>
    public static StateTexts TextsIn(int storedVersion, string json) =>
        storedVersion == 1 ? StateMigrations.TextsOfVersion1(json) : StateTexts.None;

    private static void Handle(Step step, ReportingCommand command, string inputId)
    {
        if (AlreadyHandled.Holds(step.State, command, inputId))
        {
            return; // The same funds, payment, report version or refusal again: checked before the phase, so a retry is never refused.
        }
        var trigger = Enum.Parse<Trigger>(command.Name);
        // Who may decide comes before whether it can be decided now: someone who is not an officer learns nothing of the phase.
        if (command is IOfficerCommand { Officer: var officer } && !step.State.Contacts.Officers.Any(o => o.IsSamePersonAs(officer)))
        {
            throw new InputRefusedException(
                $"{step.Project.Code}: {Refusals.Action(trigger)} was refused because {officer.Name} ({officer.Email ?? "no email address"}) is not one of the partnership's officers ({string.Join(", ", step.State.Contacts.Officers.Select(o => o.Name))}).");
        }
        if (!Transitions.Permits(step.State.Phase, trigger))
        {
            throw new InputRefusedException($"{step.Project.Code}: {Refusals.Action(trigger)} is not possible now because {Refusals.Situation(step.State)}.");
        }
        // A decision on a proposal decides the version the officer saw, or nothing.
        Proposals.RequireUnchanged(step, command);
        switch (command)
        {
            case SubmitQuarterlyReport c: QuarterlyReports.Submit(step, c); break;
            case SubmitInterimUpdate c: Recovery.InterimUpdate(step, c); break;
            case SetRecoveryDeadline c: Recovery.SetDeadline(step, c); break;
            case ChangeWithdrawalAmount c: Recovery.ChangeAmount(step, c); break;
            case ApproveWithdrawal c: Recovery.Approve(step, c); break;
            case RejectWithdrawal c: Recovery.Reject(step, c); break;
            case ExtendDeadline c: Recovery.Extend(step, c); break;
            case ProposeReallocation c: Reallocation.Propose(step, c); break;
            case ApproveReallocation c: Reallocation.Approve(step, c); break;
            case RejectReallocation c: Reallocation.Reject(step, c); break;
            case ReceiveReallocatedFunds c: Reallocation.Receive(step, c); break;
            case RaisedEventRefused c: Reallocation.TakeBackRefused(step, c); break;
            case RecordPaymentReleased c: Administration.RecordPayment(step, c); break;
            case MarkProjectCompleted c: Administration.Complete(step, c); break;
            case ChangeLeadContact c: Administration.ChangeLead(step, c); break;
            case PauseReporting c: Administration.Pause(step, c); break;
            case ResumeReporting c: Administration.Resume(step, c); break;
            case OverrideCycleSettings c: Administration.OverrideSettings(step, c); break;
            case ChangePartnershipContacts c: Administration.ChangeContacts(step, c); break;
            case ChangeQuarterDueDate c: Reviews.ChangeDueDate(step, c); break;
            case ReviewReport c: Reviews.Review(step, c); break;
            default: throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command.");
        }
        // A movement of money is remembered by its own id for good, not only while the runtime's window of recent ids lasts.
        if (AlreadyHandled.MovesMoney(command))
            step.Update(s => s with { MoneyInputKeys = [.. s.MoneyInputKeys, AlreadyHandled.MoneyInputKey(inputId)] });
    }
}
