// The people a project's workflow writes to. Addresses may be missing: an email with no recipient
// is still emitted, and the email part records that it could not be delivered.

namespace Rochford.Lsp.Reporting;

/// <summary>A named person and, when known, their email address.</summary>
public sealed record Person(string Name, string? Email)
{
    /// <summary>The address as a recipient list: empty when there is none.</summary>
    public IReadOnlyList<string> AsRecipients() => string.IsNullOrWhiteSpace(Email) ? [] : [Email];

    /// <summary>True when both are the same person by email address (ignoring case): the four-eyes check.</summary>
    public bool IsSamePersonAs(Person other) =>
        !string.IsNullOrWhiteSpace(Email) && string.Equals(Email, other.Email, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The partnership's people who are told about and decide on every project.</summary>
/// <param name="Officers">The LSP officers (at least two, so that a reallocation can be approved by a second officer).</param>
/// <param name="ExecutiveBoardEmail">Where escalations to the LSP Executive Board go.</param>
/// <param name="ExecutiveChairEmail">The Executive Board's chair, for re-escalation when officers do not decide.</param>
public sealed record PartnershipContacts(IReadOnlyList<Person> Officers, string ExecutiveBoardEmail, string ExecutiveChairEmail)
{
    /// <summary>The officers' addresses.</summary>
    public IReadOnlyList<string> OfficerEmails() => [.. Officers.SelectMany(officer => officer.AsRecipients())];
}
