// Careline (ROC4) through 2009-10 Q4, as the March 2010 report foresaw: "If requests for information are not
// met by 31.5.10 the funding will be re-allocated via the LSP Executive Board."

using System.Text.Json;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class CarelineWalkthroughTests
{
    [Fact]
    public void Careline_RedWithNoUpdateBy31May2010_IsWithdrawnAndReallocatedUnderFourEyes()
    {
        var careline = Started("ROC4");

        careline.WakeAt(At(2010, 3, 17));
        Assert.Equal(["ReportRequested"], careline.EventTypes);

        careline.Raise("SubmitQuarterlyReport", new
        {
            Quarter = "2009-10 Q4",
            Status = "Red",
            StatusComments = "No progress has been made on this project to date and no funds have been released. If requests for information are not met by 31.5.10 the funding will be re-allocated via the LSP Executive Board.",
            ProgressInLastPeriod = "No progress has been made on this project to date and no funds have been released.",
            FutureWork = "South East Essex PCT has been requested to provide a time scale for delivery over the next year and a key contact.",
        }, At(2010, 4, 9, 15));
        Assert.Equal(["ReportSubmitted", "RecoveryDeadlineSet"], careline.EventTypes);

        careline.Raise("SetRecoveryDeadline", new
        {
            Officer = Officer(OfficerA),
            Deadline = "2010-05-31",
            WhatIsNeeded = "A time scale for delivery over the next year and a key contact who will report on the project.",
        }, At(2010, 4, 12, 10));
        Assert.Equal("Red report for Jan - Mar 2010: deadline 31 May 2010 set by LSP Officer A (example).", careline.Last.Events[0].Explanation);
        Assert.Equal(At(2010, 6, 1), careline.Last.NextWakeUp);

        careline.WakeAt(At(2010, 5, 31, 20));
        Assert.True(careline.Last.IsNoOp);

        careline.WakeAt(At(2010, 6, 1));
        Assert.Equal(["DeadlinePassedWhileRed", "WithdrawalProposed"], careline.EventTypes);
        Assert.Equal(["lsp.executive@example.org"], careline.Email(EmailTemplates.ExecutiveEscalation).To);
        var ragHistory = careline.Model(EmailTemplates.ExecutiveEscalation).GetProperty("RagHistory");
        Assert.Equal("2009-10 Q4 Red", $"{ragHistory[0].GetProperty("Quarter").GetString()} {ragHistory[0].GetProperty("Status").GetString()}");
        Assert.Equal(1, ragHistory.GetArrayLength());

        careline.Raise("ApproveWithdrawal", Approval(OfficerB, "2010-06-07", "LSP Executive 7 June 2010, item 6"), At(2010, 6, 8));
        Assert.Equal(["FundingWithdrawn"], careline.EventTypes);
        Assert.Equal(Money.Pounds(15_000), careline.State.Funding.Withdrawn);

        careline.Raise("ProposeReallocation", new
        {
            Officer = Officer(OfficerA),
            Allocations = new[] { new { ProjectCode = "ROC3", Amount = "£10,000.00" }, new { ProjectCode = "ROC6", Amount = "£5,000.00" } },
        }, At(2010, 6, 9));
        Assert.Equal(["ReallocationProposed"], careline.EventTypes);

        Assert.Equal("LSP Officer A (example) proposed this reallocation, so a different officer must approve it.",
            careline.Refusal("ApproveReallocation", new { Officer = Officer(OfficerA) }, At(2010, 6, 10)));

        careline.Raise("ApproveReallocation", new { Officer = Officer(OfficerB) }, At(2010, 6, 10));
        Assert.Equal(["ReallocationApproved"], careline.EventTypes);
        var moves = careline.Last.Effects.OfType<Effect.RaiseEvent>()
            .Select(e => (e.TargetInstanceId, e.Name, Amount: JsonDocument.Parse(e.PayloadJson).RootElement.GetProperty("Amount").GetInt64()))
            .ToList();
        // The partnership's ledger moves it all first (£15,000 held: £15,000 to the recipients), then each recipient is told.
        Assert.Equal([("partnership", "RecordFunding", 1_500_000L), ("ROC3", "ReceiveReallocatedFunds", 1_000_000L), ("ROC6", "ReceiveReallocatedFunds", 500_000L)], moves);
        Assert.True(careline.Last.IsCompleted);
        Assert.Equal(Phase.Closed, careline.State.Phase);

        // The recipient's own cycle accepts the raised event as the runtime would deliver it.
        var star = Started("ROC3");
        var move = careline.Last.Effects.OfType<Effect.RaiseEvent>().First(r => r.TargetInstanceId == "ROC3");
        star.Raise(move.Name, JsonSerializer.Deserialize<JsonElement>(move.PayloadJson), At(2010, 6, 10, 9, 1));
        Assert.Equal(Money.Pounds(40_000), star.State.Funding.Awarded);
        Assert.Equal(["roc3.lead@example.org"], star.Email(EmailTemplates.FundsReceived).To);
    }
}
