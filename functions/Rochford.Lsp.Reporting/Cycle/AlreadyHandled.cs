// "Already done" before "allowed now": an input the cycle has already handled is recognised from the state alone,
// whatever the phase is now, so a redelivery after a lost reply is a no-op rather than a refusal that means something else.

using System.Security.Cryptography;
using System.Text;
using Rochford.Lsp.Durable;

namespace Rochford.Lsp.Reporting.Cycle;

/// <summary>Recognises inputs whose effect is already in the state.</summary>
/// <remarks>
/// Checked before the phase's permitted triggers: funds received and later redelivered to a project that has since
/// completed must not be refused, or the refusal travels back to the sender, which takes the money back while the
/// recipient keeps it.
/// </remarks>
internal static class AlreadyHandled
{
    /// <summary>True when <paramref name="command"/> (raised as <paramref name="inputId"/>) changes nothing because the state already holds it.</summary>
    public static bool Holds(ProjectState state, ReportingCommand command, string inputId) => command switch
    {
        ReceiveReallocatedFunds funds => state.ReceivedOperationIds.Contains(funds.OperationId),
        // A payment, withdrawal or reallocation sent again (a form posted twice, long after): recognised by its input id for as
        // long as the project lives, not only while the runtime remembers its last inputs, so money never moves twice.
        _ when MovesMoney(command) => state.MoneyInputKeys.Contains(MoneyInputKey(inputId)),
        // The id is a hash of the content: the same report again is the same id.
        SubmitQuarterlyReport report => state.QuarterFor(report.Quarter)?.Latest?.ReportId == report.ReportId,
        // The same due date, or the same review of the same version, again.
        ChangeQuarterDueDate change => state.QuarterFor(change.Quarter)?.DueOn == change.DueOn,
        ReviewReport review => state.QuarterFor(review.Quarter)?.Review is { } done && done.Version == review.Version
            && done.Outcome == review.Outcome && done.Sections.SequenceEqual(Reviews.Ordered(review.Sections)),
        RaisedEventRefused refused => RefusedFundsOperationId(refused) is { } id && state.ReturnedAllocations.Any(r => r.OperationId == id),
        // The same payment form again (its id, amount and date): one form is one payment.
        RecordPaymentReleased { PaymentId: { } id } payment => state.RecentPayments.Any(p => p.PaymentId == id && p.Amount == payment.Amount && p.ReleasedOn == payment.ReleasedOn),
        _ => false,
    };

    /// <summary>
    /// True for the officers' inputs that move money (a payment released, a withdrawal approved, a reallocation approved): their
    /// input ids are kept in <see cref="ProjectState.MoneyInputKeys"/>. Funds received and refused are kept by operation id.
    /// </summary>
    public static bool MovesMoney(ReportingCommand command) => command is RecordPaymentReleased or ApproveWithdrawal or ApproveReallocation;

    /// <summary>
    /// The key an input id is kept under: 16 hex digits of its SHA-256 (64 bits), so a project's payments over decades stay a few
    /// kilobytes of state (an input id from a page is some 65 characters); a collision among a project's few hundred ids at most
    /// is a chance of about one in 10^14.
    /// </summary>
    public static string MoneyInputKey(string inputId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputId)), 0, 8);

    // A malformed refusal is not "already handled": it goes on to be refused with its own reason.
    private static string? RefusedFundsOperationId(RaisedEventRefused refused)
    {
        if (refused.RefusedInput != nameof(ReceiveReallocatedFunds))
        {
            return null;
        }
        try
        {
            return (CommandParser.Parse(refused.RefusedInput, refused.PayloadJson) as ReceiveReallocatedFunds)?.OperationId;
        }
        catch (InputRefusedException)
        {
            return null;
        }
    }
}
