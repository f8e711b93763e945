// The quarterly digest to the Executive Board, built from real decider states: when it goes, each project's
// line for the quarter, and the money that moved since the previous digest.

using System.Text.Json;
using NodaTime;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;
using Rochford.Lsp.Reporting.Tests.Cycle;
using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Email;

public sealed class QuarterlyDigestTests
{
    [Fact]
    public void SendOn_DefaultSettings_IsTheDayAfterAMissingReportCountsAsRed()
    {
        // Jan - Mar 2010: due 15 Apr, no report counts as Red on 25 Apr, so the digest goes on 26 Apr.
        Assert.Equal(new LocalDate(2010, 4, 26), QuarterlyDigest.SendOn(Q4, CycleSettings.Default));
    }

    [Theory]
    [InlineData("2010-04-25", "2009-10 Q3")]
    [InlineData("2010-04-26", "2009-10 Q4")]
    [InlineData("2010-07-25", "2009-10 Q4")]
    [InlineData("2010-07-26", "2010-11 Q1")]
    public void LatestDue_AroundTheSendDate_IsTheQuarterWhoseDigestHasCome(string today, string expected)
    {
        Assert.Equal(FinancialQuarter.Parse(expected), QuarterlyDigest.LatestDue(LocalDate.FromDateTime(DateTime.Parse(today)), CycleSettings.Default));
    }

    [Fact]
    public void PackLink_DefaultSettings_OpensTheQuartersPackUntilAMonthAfterTheNextDigest()
    {
        var link = QuarterlyDigest.PackLink(Q4, CycleSettings.Default);

        Assert.Equal(LinkPurpose.QuarterlyPack, link.Purpose);
        Assert.Equal(Q4, link.Quarter);
        Assert.Equal(Reporting.Partnership.PartnershipCycle.InstanceId, link.ProjectCode);
        // The Apr - Jun 2010 digest goes on 26 Jul 2010; the Jan - Mar pack stays readable 30 days (OfficerLinkDays) more.
        Assert.Equal(new LocalDate(2010, 7, 26), QuarterlyDigest.SendOn(Q4.Next, CycleSettings.Default));
        Assert.Equal(new LocalDate(2010, 8, 25), link.ExpiresOn);
        Assert.Equal(new LocalDate(2010, 8, 30), QuarterlyDigest.PackLink(Q4, CycleSettings.Default with { OfficerLinkDays = 35 }).ExpiresOn);
    }

    [Fact]
    public void Build_RedGreenAndMissingReports_GivesEachProjectItsStatusInCodeOrder()
    {
        var careline = Started("ROC4").WakeAt(At(2010, 3, 17)).Submit(Rag.Red, At(2010, 4, 9));
        var sanctuary = Started("ROC1").WakeAt(At(2010, 3, 17)).Submit(Rag.Green, At(2010, 4, 20), comments: "Twelve homes made safe.");
        var silent = Started("ROC10").WakeAt(At(2010, 3, 17)).WakeAt(At(2010, 4, 10)).WakeAt(At(2010, 4, 16)).WakeAt(At(2010, 4, 25));

        var digest = QuarterlyDigest.Build(Q4, new LocalDate(2010, 4, 26), CycleSettings.Default,
            [silent.State, careline.State, sanctuary.State], [], link: null);

        Assert.Equal(["ROC1", "ROC4", "ROC10"], digest.Projects.Select(p => p.ProjectCode));
        var (roc1, roc4, roc10) = (digest.Projects[0], digest.Projects[1], digest.Projects[2]);
        Assert.Equal((Rag?)Rag.Green, roc1.Status);
        Assert.True(roc1.Overdue, "ROC1 reported on 20 April, after the 15 April due date");
        Assert.Equal((Rag?)Rag.Red, roc4.Status);
        Assert.False(roc4.Overdue);
        Assert.StartsWith("Red: recovery deadline", roc4.Position);
        Assert.Equal((Rag?)Rag.Red, roc10.Status);
        Assert.True(roc10.Overdue, "no report counts as Red and overdue");
        Assert.All(digest.Projects, p => Assert.False(p.Escalated));
        Assert.Equal("Jan - Mar 2010", digest.PeriodCovered);
    }

    [Fact]
    public void Build_WithdrawalAndReallocationSinceTheLastDigest_AreListedAsMoneyMoved()
    {
        var withdrawn = new FundingWithdrawn(Money.Pounds(15_000), OfficerB, new LocalDate(2010, 6, 7), "EB/2010/14");
        var reallocated = new ReallocationApproved(OfficerA, OfficerB,
            [new Allocation("ROC3", Money.Pounds(10_000))], Money.Pounds(5_000), FundingStream.PerformanceRewardGrant);
        var before = new FundingWithdrawn(Money.Pounds(1), OfficerB, null, null);
        DigestHistoryItem Item(LocalDate on, object data) =>
            new("ROC4", on, data.GetType().Name, JsonSerializer.Serialize(data, data.GetType(), ReportingJson.Options));

        var q1 = FinancialQuarter.Parse("2010-11 Q1");
        var digest = QuarterlyDigest.Build(q1, QuarterlyDigest.SendOn(q1, CycleSettings.Default), CycleSettings.Default, [],
            [Item(new LocalDate(2010, 4, 25), before), Item(new LocalDate(2010, 6, 8), withdrawn), Item(new LocalDate(2010, 6, 12), reallocated)],
            link: null);

        Assert.Equal(
            [("ROC4", (string?)null, Money.Pounds(15_000), "Withdrawn"), ("ROC4", "ROC3", Money.Pounds(10_000), "Reallocated"),
             ("ROC4", null, Money.Pounds(5_000), "Returned to unallocated")],
            digest.MoneyMoved.Select(m => (m.FromProjectCode, m.ToProjectCode, m.Amount, m.Kind)));
    }
}
