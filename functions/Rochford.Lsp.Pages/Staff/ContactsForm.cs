// The partnership page's form: the officers (a name and an address per row), the Executive Board's address and its
// chair's. Checked here with the same rules the reporting cycle applies to ChangePartnershipContacts (at least two
// officers with different addresses, so that a second officer can approve a reallocation), so a mistake is shown next
// to its field and nothing is raised.

using System.Text.Json;
using Rochford.Lsp.Email;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Security;
using Rochford.Lsp.Reporting;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>One officer row as typed.</summary>
public sealed record OfficerRow(string Name, string Email);

/// <summary>The contacts as typed in the form, with the form's submission id.</summary>
public sealed record ContactsForm(IReadOnlyList<OfficerRow> Officers, string ExecutiveBoardEmail, string ExecutiveChairEmail, string SubmissionId)
{
    /// <summary>The most officer rows the form has.</summary>
    public const int MaxOfficers = 10;

    /// <summary>Blank rows offered after the officers already listed, to add someone.</summary>
    public const int SpareRows = 2;

    /// <summary>The longest name the reporting cycle accepts.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The form filled in with <paramref name="contacts"/>, with room to add officers.</summary>
    public static ContactsForm From(PartnershipContacts contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var rows = contacts.Officers.Select(o => new OfficerRow(o.Name, o.Email ?? "")).ToList();
        return new ContactsForm(Padded(rows), contacts.ExecutiveBoardEmail, contacts.ExecutiveChairEmail, SubmissionIds.New());
    }

    /// <summary>The form as posted, each field normalised as every form's are (<see cref="FormText.Normalise"/>): a name of invisible characters only is empty.</summary>
    public static ContactsForm FromForm(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rows = new List<OfficerRow>();
        for (var i = 1; i <= MaxOfficers; i++)
        {
            if (!form.ContainsKey($"officerName{i}") && !form.ContainsKey($"officerEmail{i}")) break;
            rows.Add(new OfficerRow(Field(form, $"officerName{i}"), Field(form, $"officerEmail{i}")));
        }
        return new ContactsForm(Padded(rows, spare: 0), Field(form, "executiveBoardEmail"), Field(form, "executiveChairEmail"),
            SubmissionIds.OrNew(form["submissionId"]));
    }

    // Normalised, and "" when it shows nothing (only spaces, joiners or fillers), so a blank-looking name is a missing one.
    private static string Field(IFormCollection form, string name)
    {
        var value = FormText.Normalise(form[name].ToString());
        return FormText.IsBlank(value) ? "" : value;
    }

    /// <summary>What is wrong, in the order of the form; empty when the contacts can be sent.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var complete = 0;
        for (var i = 0; i < Officers.Count; i++)
        {
            var (name, email) = (Officers[i].Name, Officers[i].Email);
            var n = i + 1;
            if (name.Length == 0 && email.Length == 0) continue;
            if (name.Length == 0) errors.Add(new($"officerName{n}", $"Enter the name of officer {n}, whose address is {email}"));
            else if (TextLength.Problem(name, MaxNameLength, $"The name of officer {n}", entered: false) is { } tooLong) errors.Add(new($"officerName{n}", tooLong));
            if (email.Length == 0) errors.Add(new($"officerEmail{n}", $"Enter the email address of officer {n}{(name.Length > 0 ? $", {name}" : "")}"));
            else if (!EmailAddress.IsValid(email)) errors.Add(new($"officerEmail{n}", $"Enter officer {n}'s email address in the correct format, like name@example.org"));
            else if (!seen.Add(email)) errors.Add(new($"officerEmail{n}", $"Officer {n}'s email address, {email}, is already listed: each officer needs their own address"));
            else if (name.Length > 0 && TextLength.Fits(name, MaxNameLength)) complete++;
        }
        if (complete < 2 && !errors.Any(e => e.Field.StartsWith("officer", StringComparison.Ordinal)))
            errors.Insert(0, new("officerName1", "List at least two officers with different email addresses, so that a reallocation can be approved by a second officer"));
        if (ExecutiveBoardEmail.Length == 0) errors.Add(new("executiveBoardEmail", "Enter the Executive Board's email address"));
        else if (!EmailAddress.IsValid(ExecutiveBoardEmail)) errors.Add(new("executiveBoardEmail", "Enter the Executive Board's email address in the correct format, like name@example.org"));
        if (ExecutiveChairEmail.Length == 0) errors.Add(new("executiveChairEmail", "Enter the Executive Board chair's email address"));
        else if (!EmailAddress.IsValid(ExecutiveChairEmail)) errors.Add(new("executiveChairEmail", "Enter the Executive Board chair's email address in the correct format, like name@example.org"));
        return errors;
    }

    /// <summary>The contacts the form gives (call once <see cref="Validate"/> found nothing wrong).</summary>
    public PartnershipContacts ToContacts() => new(
        [.. Officers.Where(o => o.Name.Length > 0 && o.Email.Length > 0).Select(o => new Person(o.Name, o.Email))],
        ExecutiveBoardEmail, ExecutiveChairEmail);

    /// <summary>The ChangePartnershipContacts payload, in the signed-in <paramref name="officer"/>'s name.</summary>
    public static string Payload(Person officer, PartnershipContacts contacts)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(contacts);
        return JsonSerializer.Serialize(new
        {
            Officer = new { officer.Name, officer.Email },
            Contacts = new
            {
                Officers = contacts.Officers.Select(o => new { o.Name, o.Email }).ToArray(),
                contacts.ExecutiveBoardEmail,
                contacts.ExecutiveChairEmail,
            },
        });
    }


    private static List<OfficerRow> Padded(List<OfficerRow> rows, int spare = SpareRows)
    {
        var count = Math.Min(MaxOfficers, Math.Max(rows.Count + spare, 2));
        while (rows.Count < count) rows.Add(new OfficerRow("", ""));
        return rows;
    }
}
