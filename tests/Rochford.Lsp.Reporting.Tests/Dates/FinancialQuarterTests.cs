// Quarters of the UK financial year as the progress reports use them. Run: dotnet test tests/Rochford.Lsp.Reporting.Tests

using NodaTime;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting.Tests.Dates;

public sealed class FinancialQuarterTests
{
    [Fact]
    public void Parse_200910Q4_IsJanuaryToMarch2010()
    {
        var quarter = FinancialQuarter.Parse("2009-10 Q4");

        Assert.Equal(new LocalDate(2010, 1, 1), quarter.FirstDay);
        Assert.Equal(new LocalDate(2010, 3, 31), quarter.LastDay);
        Assert.Equal("Jan - Mar 2010", quarter.PeriodCovered);
        Assert.Equal("2009-10 Q4", quarter.Label);
    }

    [Theory]
    [InlineData(1, "2009-04-01", "2009-06-30", "Apr - Jun 2009")]
    [InlineData(2, "2009-07-01", "2009-09-30", "Jul - Sep 2009")]
    [InlineData(3, "2009-10-01", "2009-12-31", "Oct - Dec 2009")]
    [InlineData(4, "2010-01-01", "2010-03-31", "Jan - Mar 2010")]
    public void Quarter_EachOf200910_HasItsMonthsAndReportingDate(int number, string first, string last, string period)
    {
        var quarter = new FinancialQuarter(2009, number);

        Assert.Equal(first, quarter.FirstDay.ToString("yyyy-MM-dd", null));
        Assert.Equal(last, quarter.LastDay.ToString("yyyy-MM-dd", null));
        Assert.Equal(period, quarter.PeriodCovered);
    }

    [Theory]
    [InlineData("2010-03-31", "2009-10 Q4")]
    [InlineData("2010-04-01", "2010-11 Q1")]
    [InlineData("2012-02-29", "2011-12 Q4")]
    [InlineData("2009-12-31", "2009-10 Q3")]
    [InlineData("1999-06-30", "1999-00 Q1")]
    public void Containing_Date_IsTheFinancialQuarter(string date, string expected)
    {
        Assert.Equal(expected, FinancialQuarter.Containing(LocalDate.FromDateTime(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture))).Label);
    }

    [Fact]
    public void Next_OfQ4_IsQ1OfTheNextFinancialYear()
    {
        Assert.Equal(new FinancialQuarter(2010, 1), new FinancialQuarter(2009, 4).Next);
        Assert.Equal(new FinancialQuarter(2009, 4), new FinancialQuarter(2009, 3).Next);
    }

    [Fact]
    public void LastDay_OfQ4In2011to12_IsNotAffectedByLeapDay()
    {
        Assert.Equal(new LocalDate(2012, 3, 31), new FinancialQuarter(2011, 4).LastDay);
    }

    [Theory]
    [InlineData("2009-11 Q4")]
    [InlineData("2009-10 Q5")]
    [InlineData("Q4 2009")]
    [InlineData("")]
    public void Parse_NotALabel_ThrowsWithExample(string text)
    {
        var error = Assert.Throws<FormatException>(() => FinancialQuarter.Parse(text));
        Assert.Equal($"'{text}' is not a financial quarter; write it like \"2009-10 Q4\".", error.Message);
    }
}
