using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Components;

/// <summary>The quarterly performance pack.</summary>
/// <param name="Officer">The signed-in officer; null for the Executive Board's copy (packs/{token}), which leaves out the officers' parts.</param>
/// <param name="Pack">The quarter's projects and priorities.</param>
public sealed record PackView(Person? Officer, PackContent Pack)
{
    /// <summary>The Executive Board's copy: the last day its link works; null for officers.</summary>
    public NodaTime.LocalDate? LinkExpiresOn { get; init; }

    /// <summary>True for a signed-in officer: choosing another quarter and the CSV exports are shown.</summary>
    public bool ForOfficers => Officer is not null;

    /// <summary>The quarter as the pack's address writes it ("2009-Q4"): short, and needs no escaping.</summary>
    public static string QueryValue(FinancialQuarter quarter) => $"{quarter.StartYear}-Q{quarter.Number}";

    /// <summary>The quarter in <paramref name="text"/>: "2009-Q4", or a label such as "2009-10 Q4".</summary>
    public static bool TryParseQuarter(string? text, out FinancialQuarter quarter)
    {
        quarter = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 7 && trimmed[4] == '-' && trimmed[5] is 'Q' or 'q' && trimmed[6] is >= '1' and <= '4'
            && int.TryParse(trimmed.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            && year is >= 1900 and <= 9998)
        {
            quarter = new FinancialQuarter(year, trimmed[6] - '0');
            return true;
        }
        return FinancialQuarter.TryParse(trimmed, out quarter);
    }

    /// <summary>The GOV.UK tag class for a status.</summary>
    public static string TagClass(Rag? status) => status switch
    {
        Rag.Red => "govuk-tag govuk-tag--red",
        Rag.Amber => "govuk-tag govuk-tag--yellow",
        Rag.Green => "govuk-tag govuk-tag--green",
        _ => "govuk-tag govuk-tag--grey",
    };
}

/// <summary>The partnership as its active projects hold it.</summary>
/// <param name="Contacts">The officers and Executive addresses most active projects have.</param>
/// <param name="Active">The projects a change reaches: every project not completed or closed.</param>
/// <param name="DifferentContacts">Active projects whose contacts are not <paramref name="Contacts"/>.</param>
/// <param name="Settings">The reporting cycle's timings most active projects have.</param>
/// <param name="DifferentSettings">Active projects whose timings an officer overrode.</param>
public sealed record PartnershipSnapshot(
    PartnershipContacts Contacts,
    IReadOnlyList<ProjectProfile> Active,
    IReadOnlyList<string> DifferentContacts,
    CycleSettings Settings,
    IReadOnlyList<string> DifferentSettings);

/// <summary>The partnership page: who the partnership's people are, the timings, and the form to change the contacts.</summary>
/// <param name="Changes">The partnership's recent changes and ledger notices, newest first.</param>
public sealed record PartnershipView(Person Officer, PartnershipSnapshot? Snapshot, ContactsForm Form, IReadOnlyList<FieldError> Errors,
    IReadOnlyList<HistoryRecord> Changes)
{
    /// <summary>The history events the page lists: changes of people and timings, and what the ledger could not record.</summary>
    public static readonly IReadOnlySet<string> ChangeTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "PartnershipContactsChanged", "PartnershipTimingsChanged", "ProjectRefusedChange", "FundingReceived", "FundingNotRecorded",
    };

    /// <summary>The partnership as its own instance holds it (its streams' money); null before it has been set up.</summary>
    public PartnershipState? Partnership { get; init; }

    /// <summary>How many changes the page lists.</summary>
    public const int ChangesShown = 20;

    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>After the contacts were sent to the partnership's workflow.</summary>
/// <param name="Officer">The signed-in officer, named in the partnership's and every project's history.</param>
/// <param name="Contacts">The contacts sent.</param>
/// <param name="PartnershipRefusal">Why the partnership's workflow refused the change; null when it took it.</param>
/// <param name="Sent">The active projects the partnership applies it to.</param>
/// <param name="Refused">The active projects whose rules refused it now, with why.</param>
public sealed record PartnershipChangedView(Person Officer, PartnershipContacts Contacts, string? PartnershipRefusal, IReadOnlyList<string> Sent,
    IReadOnlyList<(string Code, string Reason)> Refused);

/// <summary>The timings form.</summary>
/// <param name="Outcome">After sending: each active project and its refusal (null when it took the change).</param>
public sealed record TimingsView(
    Person Officer,
    PartnershipSnapshot Snapshot,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<FieldError> Errors,
    string SubmissionId,
    IReadOnlyList<(string Code, string? Refusal)>? Outcome)
{
    /// <summary>The value shown for <paramref name="setting"/>.</summary>
    public string Value(string setting) => Values.TryGetValue(setting, out var value) ? value : "";

    /// <summary>The message for <paramref name="setting"/>, if it has an error.</summary>
    public string? ErrorFor(string setting) => Errors.FirstOrDefault(e => e.Field == setting)?.Message;
}
