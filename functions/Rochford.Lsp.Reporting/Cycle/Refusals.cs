using static Rochford.Lsp.Reporting.Cycle.Text;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>The words of a refusal for an input the current phase does not allow.</summary>
internal static class Refusals
{
    public static string Action(Trigger trigger) => trigger switch
    {
        Trigger.SubmitQuarterlyReport => "submitting a quarterly report",
        Trigger.SubmitInterimUpdate => "sending an interim update",
        Trigger.SetRecoveryDeadline => "setting a recovery deadline",
        Trigger.ChangeWithdrawalAmount => "changing the withdrawal amount",
        Trigger.ApproveWithdrawal => "approving a withdrawal",
        Trigger.RejectWithdrawal => "rejecting a withdrawal",
        Trigger.ExtendDeadline => "extending the recovery deadline",
        Trigger.ProposeReallocation => "proposing a reallocation",
        Trigger.ApproveReallocation => "approving a reallocation",
        Trigger.RejectReallocation => "rejecting a reallocation",
        Trigger.ReceiveReallocatedFunds => "receiving reallocated funds",
        Trigger.RaisedEventRefused => "taking back refused reallocated funds",
        Trigger.RecordPaymentReleased => "recording a released payment",
        Trigger.MarkProjectCompleted => "marking the project completed",
        Trigger.ChangeLeadContact => "changing the lead's contact",
        Trigger.PauseReporting => "pausing reporting",
        Trigger.ResumeReporting => "resuming reporting",
        Trigger.OverrideCycleSettings => "changing the cycle settings",
        Trigger.ChangePartnershipContacts => "changing the partnership's contacts",
        Trigger.ChangeQuarterDueDate => "changing a report's due date",
        Trigger.ReviewReport => "reviewing a report",
        _ => trigger.ToString(),
    };

    public static string Situation(ProjectState state) => state.Phase switch
    {
        Phase.Reporting => "the project is reporting normally and is not Red",
        Phase.RedWatch => $"the project is Red with a recovery deadline of {D(state.Red!.Deadline)}",
        Phase.WithdrawalProposed => "a withdrawal of its funding is awaiting an officer's decision",
        Phase.FundingWithdrawn => "its funding has been withdrawn and awaits a reallocation proposal",
        Phase.ReallocationProposed => "a reallocation of its withdrawn funding is awaiting approval",
        Phase.Paused => "reporting is paused",
        Phase.Completed => "the project has been completed",
        Phase.Closed => "its funding has been withdrawn and reallocated",
        _ => state.Phase.ToString(),
    };
}
