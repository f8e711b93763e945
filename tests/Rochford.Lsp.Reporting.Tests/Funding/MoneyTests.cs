// Money in exact pence: formatting and parsing as officers write amounts. Run: dotnet test tests/Rochford.Lsp.Reporting.Tests

using System.Text.Json;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Reporting.Tests.Funding;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(123456, "£1,234.56")]
    [InlineData(0, "£0.00")]
    [InlineData(5, "£0.05")]
    [InlineData(-50, "-£0.50")]
    [InlineData(100000000, "£1,000,000.00")]
    public void ToString_Pence_FormatsAsSterling(long pence, string expected)
    {
        Assert.Equal(expected, new Money(pence).ToString());
    }

    [Theory]
    [InlineData("£1,234.56", 123456)]
    [InlineData("1234.5", 123450)]
    [InlineData("1234", 123400)]
    [InlineData(" £12,000 ", 1200000)]
    [InlineData("-£3.00", -300)]
    [InlineData("0.07", 7)]
    public void Parse_Text_IsExactPence(string text, long pence)
    {
        Assert.Equal(new Money(pence), Money.Parse(text));
    }

    [Theory]
    [InlineData("12.345", "'12.345' has fractions of a penny; use at most two decimal places.")]
    [InlineData("abc", "'abc' is not an amount of money; write it like £1,234.56 or 1234.56.")]
    [InlineData("1,23", "'1,23' is not an amount of money; write it like £1,234.56 or 1234.56.")]
    [InlineData("$5", "'$5' is not an amount of money; write it like £1,234.56 or 1234.56.")]
    [InlineData("99999999999999999999", "'99999999999999999999' is too large an amount.")]
    public void Parse_BadText_ThrowsWithReason(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => Money.Parse(text)).Message);
    }

    [Fact]
    public void Json_Money_IsWholePenceAndReadsPoundText()
    {
        Assert.Equal("123456", JsonSerializer.Serialize(new Money(123456)));
        Assert.Equal(new Money(123456), JsonSerializer.Deserialize<Money>("\"£1,234.56\""));
        Assert.Equal(new Money(7), JsonSerializer.Deserialize<Money>("7"));
    }

    [Fact]
    public void Add_Overflow_ThrowsRatherThanWrapping()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
    }
}
