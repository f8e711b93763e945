// Amounts as people type them (issue 21): one parser for every money form, so "£ 1 000" is read alike everywhere.
// Run: dotnet test tests/Rochford.Lsp.Reporting.Tests --filter MoneyTextTests

using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Reporting.Tests.Funding;

public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("£ 1 000", 100_000)]
    [InlineData("1 000 000.50", 100_000_050)]
    [InlineData("£\u00A012\u00A0500", 1_250_000)] // no-break spaces, as a pasted figure has them
    [InlineData("£\u202F3\u202F000", 300_000)]    // narrow no-break spaces
    [InlineData("- £ 3.00", -300)]
    [InlineData("£-3.00", -300)]
    public void TryParse_SpacesBetweenTheSignThePoundAndGroupsOfThree_AreRead(string text, long pence)
    {
        Assert.True(Money.TryParse(text, out var money, out var error), error);
        Assert.Equal(new Money(pence), money);
    }

    [Theory]
    [InlineData("1 23")]
    [InlineData("1 0000")]
    [InlineData("1,000 000")]
    [InlineData("£ £5")]
    [InlineData("1 000.5 0")]
    public void TryParse_SpacesThatAreNotGroupsOfThree_AreRefused(string text) =>
        Assert.False(Money.TryParse(text, out _, out _));
}
