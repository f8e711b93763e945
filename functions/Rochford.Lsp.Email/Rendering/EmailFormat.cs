// How dates, money and quarters read in an email: "31 May 2010", "£1,234.56", "January to March 2010".
// One place, so every message writes them the same way as the officers' pages.

using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Email.Rendering;

/// <summary>Formats values for people, in GOV.UK style.</summary>
public static class EmailFormat
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Create("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"31 May 2010".</summary>
    public static string Date(LocalDate date) => DatePattern.Format(date);

    /// <summary>"£1,234.56".</summary>
    public static string Money(Money amount) => amount.ToString();

    /// <summary>The months a quarter covers, e.g. "January to March 2010".</summary>
    public static string Period(FinancialQuarter quarter) =>
        $"{MonthName(quarter.FirstDay.Month)} to {MonthName(quarter.LastDay.Month)} {quarter.LastDay.Year}";

    /// <summary>A quarter with its period, e.g. "January to March 2010 (2009-10 Q4)".</summary>
    public static string Quarter(FinancialQuarter quarter) => $"{Period(quarter)} ({quarter.Label})";

    /// <summary>"ROC4 Careline".</summary>
    public static string Project(string code, string name) => $"{code} {name}";

    /// <summary>A status as the progress report names it.</summary>
    public static string Status(Rag status) => status switch
    {
        Rag.Red => "Red",
        Rag.Amber => "Amber",
        Rag.Green => "Green",
        _ => status.ToString(),
    };

    /// <summary>The grant stream's full name.</summary>
    public static string Stream(FundingStream stream) => stream switch
    {
        FundingStream.PerformanceRewardGrant => "Performance Reward Grant",
        FundingStream.AdditionalVoluntarySupport => "Additional Voluntary Support",
        _ => stream.ToString(),
    };

    private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
}
