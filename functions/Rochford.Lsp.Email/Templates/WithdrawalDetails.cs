// The facts every withdrawal message shows (escalation, approval request and reminder, re-escalation to the
// chair), so the Executive Board and officers see the same figures however the message reached them.

using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

internal static class WithdrawalDetails
{
    public static void Write(MessageWriter w, ApprovalRequestModel m)
    {
        w.Facts(
            ("Project", Project(m.ProjectCode, m.ProjectName)),
            ("Organisation", m.Organisation),
            ("Red for", Quarter(m.RedQuarter)),
            ("Recovery deadline", Date(m.RecoveryDeadline)),
            ("Amount awarded", Money(m.Awarded)),
            ("Amount released so far", Money(m.Released)),
            ("Amount at stake", Money(m.ProposedWithdrawal)),
            ("Withdrawal proposed on", Date(m.ProposedOn)));
        w.Quote("What was needed", m.WhatWasNeeded);
    }
}
