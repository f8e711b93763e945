// London dates and instants across the clock changes. Run: dotnet test tests/Rochford.Lsp.Reporting.Tests

using NodaTime;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting.Tests.Dates;

public sealed class UkCalendarTests
{
    private static readonly LocalTime NineAm = new(9, 0);

    [Fact]
    public void At_NineAmInWinter_IsNineUtc()
    {
        Assert.Equal(new DateTimeOffset(2010, 3, 17, 9, 0, 0, TimeSpan.Zero), UkCalendar.At(new LocalDate(2010, 3, 17), NineAm));
    }

    [Fact]
    public void At_NineAmInSummer_IsEightUtc()
    {
        Assert.Equal(new DateTimeOffset(2010, 6, 1, 8, 0, 0, TimeSpan.Zero), UkCalendar.At(new LocalDate(2010, 6, 1), NineAm));
    }

    [Fact]
    public void At_NineAmOnTheDayBstStarts_IsEightUtc()
    {
        // BST began at 01:00 UTC on Sunday 28 March 2010, the last Sunday of March.
        Assert.Equal(new DateTimeOffset(2010, 3, 28, 8, 0, 0, TimeSpan.Zero), UkCalendar.At(new LocalDate(2010, 3, 28), NineAm));
    }

    [Fact]
    public void At_TimeSkippedBySpringChange_MovesForwardAnHour()
    {
        Assert.Equal(new DateTimeOffset(2010, 3, 28, 1, 30, 0, TimeSpan.Zero), UkCalendar.At(new LocalDate(2010, 3, 28), new LocalTime(1, 30)));
    }

    [Fact]
    public void At_TimeRepeatedByAutumnChange_TakesTheEarlierInstant()
    {
        // BST ended at 01:00 UTC on Sunday 31 October 2010, the last Sunday of October.
        Assert.Equal(new DateTimeOffset(2010, 10, 31, 0, 30, 0, TimeSpan.Zero), UkCalendar.At(new LocalDate(2010, 10, 31), new LocalTime(1, 30)));
    }

    [Fact]
    public void EndOf_31May2010_IsMidnightBstThatIs23UtcOn31May()
    {
        Assert.Equal(new DateTimeOffset(2010, 5, 31, 23, 0, 0, TimeSpan.Zero), UkCalendar.EndOf(new LocalDate(2010, 5, 31)));
    }

    [Fact]
    public void HasPassed_LateEveningOfDeadlineInBst_IsFalseUntilLondonMidnight()
    {
        var deadline = new LocalDate(2010, 5, 31);

        Assert.False(UkCalendar.HasPassed(deadline, new DateTimeOffset(2010, 5, 31, 22, 59, 59, TimeSpan.Zero)));
        Assert.True(UkCalendar.HasPassed(deadline, new DateTimeOffset(2010, 5, 31, 23, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Today_JustAfterMidnightBst_IsTheLondonDateNotTheUtcDate()
    {
        Assert.Equal(new LocalDate(2010, 6, 1), UkCalendar.Today(new DateTimeOffset(2010, 5, 31, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void EndOf_LeapDay2012_IsStartOfFirstMarch()
    {
        Assert.Equal(new DateTimeOffset(2012, 3, 1, 0, 0, 0, TimeSpan.Zero), UkCalendar.EndOf(new LocalDate(2012, 2, 29)));
    }

    [Fact]
    public void Display_Date_IsDayShortMonthYear()
    {
        Assert.Equal("31 May 2010", UkCalendar.Display(new LocalDate(2010, 5, 31)));
        Assert.Equal("15 Apr 2010", UkCalendar.Display(new LocalDate(2010, 4, 15)));
    }
}
