// A payment form is one payment (issue 21): the page sends the form's submission id as the payment's id, so the same form
// sent again is the same payment, and sent again with an edited amount it is refused in words instead of recording a
// second payment.

using static Rochford.Lsp.Reporting.Tests.Cycle.Scenario;

namespace Rochford.Lsp.Reporting.Tests.Cycle;

public sealed class PaymentFormTests
{
    private static object Payment(long pence, string paymentId, string on = "2010-02-01") =>
        new { Officer = Officer(OfficerA), Amount = pence, ReleasedOn = on, Reference = "BACS 1001", PaymentId = paymentId };

    [Fact]
    public void Given_APaymentRecordedFromAForm_When_TheFormIsSentAgainWithAnEditedAmount_Then_RefusedInWords_AndNothingMoreIsPaid()
    {
        var scenario = Started("ROC1").Raise("RecordPaymentReleased", Payment(500_000, "form-1"), At(2010, 2, 1));

        var refusal = scenario.Refusal("RecordPaymentReleased", Payment(600_000, "form-1"), At(2010, 2, 1, 9, 5));

        Assert.Equal("This payment form was sent already: £5,000.00 released on 1 Feb 2010 was recorded from it. Your change to £6,000.00 was not recorded; to record another payment, open the payment form again.",
            refusal);
        Assert.Equal(Rochford.Lsp.Reporting.Funding.Money.Pounds(5_000), scenario.State.Funding.Released);
    }

    [Fact]
    public void Given_APaymentRecordedFromAForm_When_TheSameFormArrivesAgain_Then_NothingChanges()
    {
        var scenario = Started("ROC1")
            .Raise("RecordPaymentReleased", Payment(500_000, "form-1"), At(2010, 2, 1))
            .Raise("RecordPaymentReleased", Payment(500_000, "form-1"), At(2010, 2, 1, 9, 5));

        Assert.True(scenario.Last.IsNoOp);
        Assert.Equal(Rochford.Lsp.Reporting.Funding.Money.Pounds(5_000), scenario.State.Funding.Released);
    }

    [Fact]
    public void Given_APaymentRecorded_When_AnotherFormPaysAgain_Then_BothAreRecorded()
    {
        var scenario = Started("ROC1")
            .Raise("RecordPaymentReleased", Payment(500_000, "form-1"), At(2010, 2, 1))
            .Raise("RecordPaymentReleased", Payment(500_000, "form-2"), At(2010, 2, 1, 9, 5));

        Assert.Equal(Rochford.Lsp.Reporting.Funding.Money.Pounds(10_000), scenario.State.Funding.Released);
    }
}
