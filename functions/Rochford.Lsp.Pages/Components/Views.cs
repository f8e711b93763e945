using Rochford.Lsp.Email.Mailbox;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Reporting;

namespace Rochford.Lsp.Pages.Components;

/// <summary>The report form, or "check your answers".</summary>
/// <param name="Report">The link's project and quarter.</param>
/// <param name="Answers">The answers shown.</param>
/// <param name="Checking">True for "check your answers".</param>
/// <param name="Errors">Errors in the posted answers, in the order of the form.</param>
/// <param name="Now">The time (the simulated clock's, when it runs), for "this report is late".</param>
public sealed record ReportFormView(ReportContext Report, ReportAnswers Answers, bool Checking, IReadOnlyList<FieldError> Errors, DateTimeOffset Now)
{
    /// <summary>Sections shown but not reopened (the officers asked for changes to the others).</summary>
    public IReadOnlySet<ReportSection> Locked { get; init; } = new HashSet<ReportSection>();

    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>The confirmation after a report was submitted.</summary>
/// <param name="Report">The link's project and quarter, as now stored (it has a latest version).</param>
/// <param name="Text">What the lead sent, from the reports table; null when it cannot be found (the panel still confirms the version).</param>
/// <param name="Now">The time.</param>
public sealed record ReportSubmittedView(ReportContext Report, ReportContent? Text, DateTimeOffset Now);

/// <summary>The interim update form.</summary>
/// <param name="Interim">The project on Red watch.</param>
/// <param name="Answers">The answers shown.</param>
/// <param name="Errors">Errors in the posted answers.</param>
public sealed record InterimFormView(InterimContext Interim, InterimAnswers Answers, IReadOnlyList<FieldError> Errors)
{
    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>The confirmation after an interim update, as the project's workflow recorded it.</summary>
/// <param name="ProjectCode">The project.</param>
/// <param name="Update">The update recorded; null when none sent with this link is recorded.</param>
/// <param name="RedUntil">The recovery deadline while the project is still on Red watch; null once it is not.</param>
public sealed record InterimSentView(string ProjectCode, Staff.InterimUpdateRecord? Update, NodaTime.LocalDate? RedUntil);

/// <summary>The local mailbox.</summary>
/// <param name="Messages">Newest first.</param>
public sealed record MailboxView(IReadOnlyList<MailboxMessage> Messages);

/// <summary>The development sign-in page.</summary>
/// <param name="Officers">Who may be chosen.</param>
/// <param name="ReturnUrl">Where to go after signing in (a path of this site).</param>
/// <param name="Error">The error to show, if the form was sent without a choice.</param>
public sealed record DevSignInView(IReadOnlyList<Person> Officers, string ReturnUrl, string? Error);
