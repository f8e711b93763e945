using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Pages.Lead;

/// <summary>
/// Why a personal-link page cannot be used, as a plain page: a status code, a title and what to do.
/// Unknown, expired and used links say nothing about any project.
/// </summary>
public sealed record LinkProblem(int StatusCode, string Title, IReadOnlyList<string> Paragraphs)
{
    /// <summary>No such link (mistyped, cut short, or for another kind of page).</summary>
    public static LinkProblem Unknown { get; } = new(StatusCodes.Status404NotFound, "This link is not recognised",
        ["Check that you copied the whole link from your email. Links are long and are sometimes cut short or split over two lines."]);

    /// <summary>What to say for a link lookup that did not find a live link.</summary>
    public static LinkProblem For(LinkLookup lookup) => lookup switch
    {
        LinkLookup.Expired e => new(StatusCodes.Status410Gone, "This link has expired",
            [$"Links in our emails work for a limited time. This one stopped working at the end of {UkCalendar.Display(e.ExpiredAfter)}."]),
        LinkLookup.Used => new(StatusCodes.Status410Gone, "This link has already been used",
            ["Each decision link works once, and this one has been used. Nothing more needs doing with it."]),
        _ => Unknown,
    };

    /// <summary>The link is fine but its own report or update can no longer be sent (a refusal, or the window closed).</summary>
    /// <remarks>
    /// 410 Gone by default: a closed quarter, an amendment after the due date or an update after the recovery deadline is
    /// final, like an expired link; nothing the lead changes makes it acceptable. 409 Conflict is for the pages' other case,
    /// a submission the workflow's rules refuse on the project's current state (see the README, "The lead's journey").
    /// </remarks>
    public static LinkProblem Closed(string title, string reason, int statusCode = StatusCodes.Status410Gone) => new(statusCode, title, [reason]);
}
