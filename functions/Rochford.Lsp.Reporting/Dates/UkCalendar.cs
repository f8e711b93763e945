// Calendar dates as the partnership means them: "by 31 May 2010" is until the end of that day in
// Europe/London, whatever the season. Converts such dates to instants for wake-ups and back.

using NodaTime;
using NodaTime.Text;

namespace Rochford.Lsp.Reporting.Dates;

/// <summary>UK calendar arithmetic in Europe/London (GMT in winter, BST in summer).</summary>
public static class UkCalendar
{
    private static readonly LocalDatePattern DisplayPattern = LocalDatePattern.CreateWithInvariantCulture("d MMM yyyy");

    /// <summary>The Europe/London zone from the TZDB.</summary>
    public static DateTimeZone London { get; } = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>The London calendar date at <paramref name="now"/>.</summary>
    public static LocalDate Today(DateTimeOffset now) => Instant.FromDateTimeOffset(now).InZone(London).Date;

    /// <summary>
    /// The instant of <paramref name="time"/> on <paramref name="date"/> in London. A time skipped by the
    /// spring change is moved forward and an ambiguous autumn time takes the earlier instant; wake-ups in the
    /// morning never meet either, but a setting of 01:30 must still give an answer.
    /// </summary>
    public static DateTimeOffset At(LocalDate date, LocalTime time) =>
        date.At(time).InZoneLeniently(London).ToDateTimeOffset();

    /// <summary>The first instant after <paramref name="date"/> has ended in London: "by 31 May" means before this.</summary>
    public static DateTimeOffset EndOf(LocalDate date) =>
        London.AtStartOfDay(date.PlusDays(1)).ToDateTimeOffset();

    /// <summary>True when the whole of <paramref name="date"/> has passed in London at <paramref name="now"/>.</summary>
    public static bool HasPassed(LocalDate date, DateTimeOffset now) => now >= EndOf(date);

    /// <summary>Formats a date the way letters do, e.g. "31 May 2010".</summary>
    public static string Display(LocalDate date) => DisplayPattern.Format(date);

    /// <summary>Formats an instant as London's clock and calendar show it, e.g. "10:15 on 1 Jun 2010".</summary>
    public static string DisplayTime(DateTimeOffset at)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(London);
        return $"{local.TimeOfDay.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} on {Display(local.Date)}";
    }
}
