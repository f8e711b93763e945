// The CSV writer on its own: RFC 4180 quoting, and cells a spreadsheet would run as formulas made plain text.

using Rochford.Lsp.Pages.Staff;

namespace Rochford.Lsp.Web.Tests;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+44 1702", "'+44 1702")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void Cell_QuotesAsRfc4180_AndNeverStartsWithAFormula(string? value, string written) => Assert.Equal(written, Csv.Cell(value));

    [Fact]
    public void Document_HasAHeader_CrlfLineEnds_AndRowsOfItsWidth()
    {
        var csv = new Csv("Code", "Comments").Row("ROC4", "Fine,\r\n\"really\"").Row("ROC7", null);

        Assert.Equal(2, csv.Rows);
        Assert.Equal("Code,Comments\r\nROC4,\"Fine,\r\n\"\"really\"\"\"\r\nROC7,\r\n", csv.ToString());
        Assert.Equal([["Code", "Comments"], ["ROC4", "Fine,\r\n\"really\""], ["ROC7", ""]], Rfc4180.Parse(csv.ToString()));
        Assert.Throws<ArgumentException>(() => csv.Row("only one"));
    }
}
