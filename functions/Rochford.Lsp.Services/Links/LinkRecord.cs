using NodaTime;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Services.Links;

/// <summary>What a stored link token grants.</summary>
/// <param name="Purpose">What the link is for; a link opens only pages of that purpose.</param>
/// <param name="ProjectCode">The one project it opens.</param>
/// <param name="Quarter">The quarter, for report links.</param>
/// <param name="RecipientEmail">The person it was sent to (recorded as the submitter).</param>
/// <param name="ExpiresOn">Valid until the end of this day in Europe/London.</param>
/// <param name="SingleUse">Decision links work once.</param>
/// <param name="UsedAt">When a single-use link was used.</param>
/// <param name="MessageId">The email that carried it, for tracing.</param>
public sealed record LinkRecord(
    LinkPurpose Purpose,
    string ProjectCode,
    FinancialQuarter? Quarter,
    string RecipientEmail,
    LocalDate ExpiresOn,
    bool SingleUse,
    DateTimeOffset? UsedAt,
    string MessageId)
{
    /// <summary>Whether links for <paramref name="purpose"/> work only once (officers' and the Executive's decisions).</summary>
    public static bool IsSingleUse(LinkPurpose purpose) => purpose is LinkPurpose.DecideWithdrawal or LinkPurpose.ApproveReallocation;
}

/// <summary>What looking a token up found.</summary>
public abstract record LinkLookup
{
    private LinkLookup()
    {
    }

    /// <summary>A live link.</summary>
    public sealed record Valid(LinkRecord Link) : LinkLookup;

    /// <summary>No such token (or the wrong shape, or for another kind of page): nothing is said about why.</summary>
    public sealed record Unknown : LinkLookup;

    /// <summary>The link's time is over.</summary>
    public sealed record Expired(LocalDate ExpiredAfter) : LinkLookup;

    /// <summary>A single-use link that was used.</summary>
    public sealed record Used(DateTimeOffset UsedAt) : LinkLookup;
}
