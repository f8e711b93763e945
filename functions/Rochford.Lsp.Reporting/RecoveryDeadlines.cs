// The rule every recovery deadline keeps, whoever sets it (an officer's page, an emailed decision link, the decider):
// after today, since a deadline of today would pass tonight, and no more than two years ahead, so that a slip of the
// year ("2100") cannot put a Red project beyond anyone's attention. One rule, one message.

using NodaTime;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Reporting;

/// <summary>When a recovery deadline may be.</summary>
public static class RecoveryDeadlines
{
    /// <summary>How far ahead a deadline may be set.</summary>
    public const int MostYearsAhead = 2;

    /// <summary>The latest deadline that may be set on <paramref name="today"/>.</summary>
    public static LocalDate Latest(LocalDate today) => today.PlusYears(MostYearsAhead);

    /// <summary>
    /// Why <paramref name="deadline"/> cannot be set on <paramref name="today"/>, as a GOV.UK error message (no full stop),
    /// e.g. "The recovery deadline must be after today (27 May 2010)"; null when it can.
    /// </summary>
    /// <param name="what">The deadline as the form or command names it, capitalised: "The recovery deadline", "The new deadline".</param>
    public static string? Problem(LocalDate deadline, LocalDate today, string what = "The recovery deadline") =>
        deadline <= today ? $"{what} must be after today ({UkCalendar.Display(today)})"
        : deadline > Latest(today) ? $"{what} must be within two years of today: {UkCalendar.Display(Latest(today))} at the latest"
        : null;
}
