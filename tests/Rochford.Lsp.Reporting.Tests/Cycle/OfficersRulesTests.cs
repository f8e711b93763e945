// The project's own rules for officers' decisions that issue 21 tightened: a recovery deadline is after today and within
// two years (one rule and message, RecoveryDeadlines, for the pages and the decider); the Executive Board's decision cited
// for a withdrawal cannot predate the project going Red; texts are counted as a person sees them.
// Run: dotnet test tests/Rochford.Lsp.Reporting.Tests --filter OfficersRulesTests

using System.Text.Json;
using NodaTime;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class OfficersRulesTests
{
    // Careline's Jan - Mar 2010 report is Red on 10 April 2010; with no better news by its 26 May deadline, a withdrawal is proposed on 27 May.
    private static Scenario Red() => Started().WakeAt(At(2010, 3, 17)).Submit(Rag.Red, At(2010, 4, 10, 11));

    private static Scenario Escalated() => Red().WakeAt(At(2010, 5, 27));

    [Theory]
    [InlineData("2010-04-10", null)]
    [InlineData("2010-04-11", "")]
    [InlineData("2012-04-10", "")]
    [InlineData("2012-04-11", "The recovery deadline must be within two years of today: 10 Apr 2012 at the latest")]
    [InlineData("2100-01-01", "The recovery deadline must be within two years of today: 10 Apr 2012 at the latest")]
    public void Problem_ADeadline_IsAfterTodayAndWithinTwoYears(string deadline, string? problem)
    {
        var said = RecoveryDeadlines.Problem(LocalDate.FromDateTime(DateTime.Parse(deadline)), new LocalDate(2010, 4, 10));

        Assert.Equal(problem switch { null => "The recovery deadline must be after today (10 Apr 2010)", "" => null, _ => problem }, said);
    }

    [Fact]
    public void Given_Red_When_ADeadlineIn2100IsSet_Then_RefusedWithTheRulesMessage()
    {
        Assert.Equal("The recovery deadline must be within two years of today: 12 Apr 2012 at the latest; 1 Jan 2100 is not.",
            Red().Refusal("SetRecoveryDeadline", new { Officer = Officer(OfficerA), Deadline = "2100-01-01" }, At(2010, 4, 12)));
    }

    [Fact]
    public void Given_WithdrawalProposed_When_ExtendedOrRejectedTo2100_Then_Refused()
    {
        Assert.Equal("The new deadline must be within two years of today: 28 May 2012 at the latest; 1 Jan 2100 is not.",
            Escalated().Refusal("ExtendDeadline", new { Officer = Officer(OfficerA), NewDeadline = "2100-01-01", Reason = "More time." }, At(2010, 5, 28)));
        Assert.Equal("The new deadline must be within two years of today: 28 May 2012 at the latest; 1 Jan 2100 is not.",
            Escalated().Refusal("RejectWithdrawal", new { Officer = Officer(OfficerA), NewDeadline = "2100-01-01", Reason = "Recovering." }, At(2010, 5, 28)));
    }

    [Fact]
    public void Given_Red_TheWatchKnowsTheDayTheProjectWentRed()
    {
        Assert.Equal(new LocalDate(2010, 4, 10), Red().State.Red!.Since);
        Assert.Equal(new LocalDate(2010, 4, 10), Escalated().State.Red!.RedSince);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_TheExecutiveDecisionPredatesTheRed_Then_RefusedInWords()
    {
        Assert.Equal("The Executive Board's decision cannot be dated 9 Apr 2010, before ROC4 went Red on 10 Apr 2010: it cannot have decided on this withdrawal then.",
            Escalated().Refusal("ApproveWithdrawal", Approval(OfficerA, "2010-04-09"), At(2010, 5, 28)));
        Assert.Equal(["FundingWithdrawn"], Escalated().Raise("ApproveWithdrawal", Approval(OfficerA, "2010-04-10"), At(2010, 5, 28)).EventTypes);
    }

    [Fact]
    public void Given_AWatchRecordedBeforeItsDayWasKept_Then_ItsRedQuarterBoundsTheDecision()
    {
        var escalated = Escalated();
        var json = JsonSerializer.SerializeToNode(escalated.State, ReportingCycle.StateJson)!;
        Assert.True(json["red"]!.AsObject().Remove("since"));
        var old = json.Deserialize<ProjectState>(ReportingCycle.StateJson)!;

        Assert.Null(old.Red!.Since);
        Assert.Equal(new LocalDate(2010, 1, 1), old.Red.RedSince);
    }

    [Fact]
    public void Given_WithdrawalProposed_When_RejectedWithAReasonOf4000Emoji_Then_ItIsCountedAsAPersonSeesIt()
    {
        var reason = string.Concat(Enumerable.Repeat("\U0001F44D\U0001F3FD", 4_000));

        var scenario = Escalated().Raise("RejectWithdrawal", new { Officer = Officer(OfficerB), Reason = reason }, At(2010, 5, 28));

        Assert.Equal(["WithdrawalRejected", "RecoveryDeadlineSet"], scenario.EventTypes);
        Assert.StartsWith("RejectWithdrawal: 'Reason' is 4,001 characters long",
            Escalated().Refusal("RejectWithdrawal", new { Officer = Officer(OfficerB), Reason = reason + "!" }, At(2010, 5, 28)));
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("e\u0301", 1)]                     // e and a combining acute
    [InlineData("\U0001F44D\U0001F3FD", 1)]        // thumbs up, skin tone
    [InlineData("\U0001F1EC\U0001F1E7", 1)]        // the UK flag
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467", 1)] // a family
    [InlineData("a\r\nb", 3)]
    public void TextLength_CountsWhatAPersonSees(string text, int count) => Assert.Equal(count, TextLength.Of(text));

    [Fact]
    public void TextLength_ATextDenserThanStorageHolds_DoesNotFit_WhateverItCounts()
    {
        var family = string.Concat(Enumerable.Repeat("\U0001F468\u200D\U0001F469\u200D\U0001F467", 4_000));

        Assert.Equal(4_000, TextLength.Of(family));
        Assert.False(TextLength.Fits(family, 4_000));
        Assert.StartsWith("Comments is too long to store", TextLength.Problem(family, 4_000, "Comments"));
    }
}
