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

    /// <summary>True when <paramref name="other"/> lists the same officers, in the same order, and the same two addresses (record equality compares the lists by reference).</summary>
    public bool SameAs(PartnershipContacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Officers.SequenceEqual(other.Officers) && ExecutiveBoardEmail == other.ExecutiveBoardEmail && ExecutiveChairEmail == other.ExecutiveChairEmail;
    }
}

/// <summary>
/// Who an email goes to, by role: the decider names roles, and the email activity addresses them when it sends, from the
/// partnership's current contacts and the project's current lead (<see cref="Resolve"/>). A change of officers or of the
/// Executive's address therefore reaches every email sent from that moment, whichever project's decision it comes from.
/// </summary>
public static class Recipients
{
    private const string Prefix = "role:";

    /// <summary>The project's lead.</summary>
    public const string Lead = Prefix + "lead";

    /// <summary>Every one of the partnership's officers.</summary>
    public const string Officers = Prefix + "officers";

    /// <summary>The Executive Board.</summary>
    public const string ExecutiveBoard = Prefix + "executive-board";

    /// <summary>The Executive Board's chair.</summary>
    public const string ExecutiveChair = Prefix + "executive-chair";

    private const string OfficersBut = Prefix + "officers-but:";

    /// <summary>Every officer except the one at <paramref name="email"/> (e.g. the proposer, who cannot approve).</summary>
    public static string OfficersExcept(string? email) => string.IsNullOrWhiteSpace(email) ? Officers : OfficersBut + email;

    /// <summary>True when <paramref name="recipient"/> names a role rather than an address.</summary>
    public static bool IsRole(string recipient) => recipient.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The addresses of <paramref name="recipients"/>: roles replaced by the current addresses (a role with no address,
    /// such as a lead without one, adds none), addresses kept, each address once, in order.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> recipients, PartnershipContacts contacts, Person lead)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(lead);
        return [.. recipients.SelectMany(recipient => recipient switch
            {
                Lead => lead.AsRecipients(),
                Officers => contacts.OfficerEmails(),
                ExecutiveBoard => [contacts.ExecutiveBoardEmail],
                ExecutiveChair => [contacts.ExecutiveChairEmail],
                _ when recipient.StartsWith(OfficersBut, StringComparison.Ordinal) =>
                    contacts.Officers.Where(o => !o.IsSamePersonAs(new Person("", recipient[OfficersBut.Length..]))).SelectMany(o => o.AsRecipients()),
                _ when IsRole(recipient) => throw new ArgumentException($"'{recipient}' is not a role an email can be sent to.", nameof(recipients)),
                _ => [recipient],
            })
            .Where(address => !string.IsNullOrWhiteSpace(address))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
