// The quarterly digest shows reallocated money that a recipient refused as returned to the unallocated balance.

using System.Text.Json;
using NodaTime;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Reporting.Tests.Email;

public sealed class QuarterlyDigestRefusalTests
{
    [Fact]
    public void Build_RecipientRefusedItsShare_ListsTheMoneyAsReturnedToUnallocated()
    {
        var returned = new ReallocatedFundsReturned("ROC10", Money.Pounds(1_000), "ROC4-reallocation-to-ROC10", "ROC10: the project has been completed.");
        var item = new DigestHistoryItem("ROC4", new LocalDate(2010, 6, 15), nameof(ReallocatedFundsReturned),
            JsonSerializer.Serialize(returned, ReportingJson.Options));
        var q1 = FinancialQuarter.Parse("2010-11 Q1");

        var digest = QuarterlyDigest.Build(q1, QuarterlyDigest.SendOn(q1, CycleSettings.Default), CycleSettings.Default, [], [item], link: null);

        var move = Assert.Single(digest.MoneyMoved);
        Assert.Equal(("ROC4", (string?)null, Money.Pounds(1_000), "Returned to unallocated", new LocalDate(2010, 6, 15)),
            (move.FromProjectCode, move.ToProjectCode, move.Amount, move.Kind, move.On));
    }
}
