// Setting a partnership up where nothing has (a new deployment in Azure, which has no seed): its people and the money
// each funding stream has received, then money received later, then each funded project. Each is a form an officer
// fills in; what is wrong is shown next to its field and nothing is started or raised until the whole form is right.
// The rules themselves stay in the deciders (PartnershipStart, ReceiveFunding, StartPayload): the forms check what a
// person can mend, and the workflow's own refusal, if any, is shown in its words.

using System.Globalization;
using NodaTime;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>The funding streams, as form choices and words.</summary>
public static class StreamChoices
{
    /// <summary>Every stream, in order.</summary>
    public static IReadOnlyList<FundingStream> All { get; } = Enum.GetValues<FundingStream>();

    /// <summary>The stream's field name on the set-up form (its total received so far).</summary>
    public static string TotalField(FundingStream stream) => $"total{stream}";

    /// <summary>Radios: each stream, with what it has unallocated when the partnership has it.</summary>
    public static IReadOnlyList<(string Value, string Text)> Radios(PartnershipState? partnership) =>
        [.. All.Select(s => (s.ToString(), partnership?.LedgerOf(s) is { } ledger
            ? $"{s.Describe()} ({ledger.Unallocated} unallocated of {ledger.Total})"
            : s.Describe()))];
}

/// <summary>The set-up form: the partnership's contacts and what each stream has received.</summary>
/// <param name="Contacts">The contacts as typed (prefilled from the app's settings).</param>
/// <param name="Totals">Each stream's total as typed.</param>
public sealed record SetupForm(ContactsForm Contacts, IReadOnlyDictionary<FundingStream, string> Totals)
{
    /// <summary>The form prefilled from the deployment's settings (Partnership:Officers, :ExecutiveBoardEmail, :ExecutiveChairEmail).</summary>
    public static SetupForm FromSettings(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var contacts = new PartnershipContacts([.. StaffDirectory.Configured(configuration["Partnership:Officers"])],
            configuration["Partnership:ExecutiveBoardEmail"] ?? "", configuration["Partnership:ExecutiveChairEmail"] ?? "");
        return new SetupForm(ContactsForm.From(contacts), StreamChoices.All.ToDictionary(s => s, _ => ""));
    }

    /// <summary>The form as posted.</summary>
    public static SetupForm FromForm(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new SetupForm(ContactsForm.FromForm(form),
            StreamChoices.All.ToDictionary(s => s, s => Security.FormText.Normalise(form[StreamChoices.TotalField(s)].ToString()).Trim()));
    }

    /// <summary>What is wrong, in the order of the form; <paramref name="officer"/> must be among the officers listed.</summary>
    public IReadOnlyList<FieldError> Validate(Person officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var errors = Contacts.Validate().ToList();
        if (errors.Count == 0 && !Contacts.ToContacts().Officers.Any(o => o.IsSamePersonAs(officer)))
            errors.Insert(0, new FieldError("officerName1",
                $"List yourself ({officer.Name}, {officer.Email}) among the officers: only the officers listed may open these pages once the partnership is set up"));
        foreach (var stream in StreamChoices.All)
        {
            if (Total(stream) is null)
                errors.Add(new FieldError(StreamChoices.TotalField(stream),
                    $"The {stream.Describe()} received must be an amount in pounds up to {ActionForm.MaxAmount}, like 25,000.00, or 0 (leave it empty for none)"));
        }
        return errors;
    }

    /// <summary>The stream's total (zero when left empty), or null when it is not an amount.</summary>
    public Money? Total(FundingStream stream)
    {
        var text = Totals.TryGetValue(stream, out var typed) ? typed : "";
        if (text.Length == 0) return Money.Zero;
        return Money.TryParse(text, out var money, out _) && !money.IsNegative && money <= ActionForm.MaxAmount ? money : null;
    }

    /// <summary>The partnership's start (call once <see cref="Validate"/> found nothing wrong): the default timings, which officers can change later.</summary>
    public PartnershipStart ToStart() =>
        new(Contacts.ToContacts(), CycleSettings.Default, [.. StreamChoices.All.Select(s => new StreamTotal(s, Total(s)!.Value))]);
}

/// <summary>The money-received form's fields.</summary>
public static class FundsForm
{
    /// <summary>The fields of the form.</summary>
    public static IReadOnlyList<ActionField> Fields(PartnershipState partnership) =>
    [
        new("stream", "Which funding stream received it?", null, FieldKind.Radios) { Choices = StreamChoices.Radios(partnership) },
        new("amount", "Amount received", "In pounds, like 25,000.00.", FieldKind.Money),
        new("reference", "Reference", "Where it came from, for the record: for example, \"Performance Reward Grant 2010-11, second instalment\".", FieldKind.Text),
    ];

    /// <summary>The ReceiveFunding payload from the posted <paramref name="form"/>, in <paramref name="officer"/>'s name; null with the form's errors.</summary>
    public static string? Read(ActionForm form, Person officer)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(officer);
        var stream = form.Choice("stream", "the funding stream that received the money", StreamChoices.All.Select(s => s.ToString()));
        var amount = form.Amount("amount", "the amount received");
        var reference = form.Text("reference", "where the money came from", max: 200);
        if (form.Errors.Count > 0) return null;
        return new ReceiveFunding(officer, Enum.Parse<FundingStream>(stream!), amount!.Value, reference).ToJson();
    }
}

/// <summary>The new-project form: the project as the partnership describes it, its lead and when its monitoring starts.</summary>
public static class NewProjectForm
{
    /// <summary>The fields of the form.</summary>
    public static IReadOnlyList<ActionField> Fields(PartnershipState partnership) =>
    [
        new("code", "Project code", "Letters then digits, like ROC11. It names the project in every email and page, and cannot change.", FieldKind.Text),
        new("name", "Project name", "A short name, like Careline.", FieldKind.Text),
        new("organisation", "Delivering organisation", "For example, Rochford District Council or SEE PCT.", FieldKind.Text),
        new("objective", "Project objective", "As the quarterly progress report prints it.", FieldKind.TextArea),
        new("priority", "Which Sustainable Community Strategy priority does it serve?", null, FieldKind.Radios)
        {
            Choices = [.. RochfordSeed.Priorities.Select(p => (p.Number.ToString(CultureInfo.InvariantCulture), $"{p.Number}. {p.Name}"))],
        },
        new("indicators", "Performance indicators it addresses", "Their codes, separated by commas, like LI 2.1, NI 6. Reallocations look for projects that share them.", FieldKind.Text),
        new("stream", "Which funding stream funds it?", null, FieldKind.Radios) { Choices = StreamChoices.Radios(partnership) },
        new("amount", "Amount awarded", "In pounds, like 15,000.00. It comes from the stream's unallocated money when monitoring starts.", FieldKind.Money),
        new("leadName", "Project lead's name", "The person who reports each quarter.", FieldKind.Text),
        new("leadEmail", "Project lead's email address", "Each quarter's request, with the lead's personal link to the report, goes here.", FieldKind.Email),
        new("starts", "Monitoring starts", "The first report is for the quarter containing this date, for example 1 4 2010.", FieldKind.Date),
    ];

    /// <summary>The form's first values: monitoring starts today.</summary>
    public static IReadOnlyDictionary<string, string> Initial(LocalDate today) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["starts-day"] = today.Day.ToString(CultureInfo.InvariantCulture),
        ["starts-month"] = today.Month.ToString(CultureInfo.InvariantCulture),
        ["starts-year"] = today.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>How far back monitoring may start: the quarter before today's (a project funded late in a quarter reports on it).</summary>
    public const int MostDaysBack = 92;

    /// <summary>How far ahead monitoring may start.</summary>
    public const int MostDaysAhead = 366;

    /// <summary>
    /// The project's start payload from the posted <paramref name="form"/>: checked here against what a person can mend (the code
    /// free, the money there, a start date that does not ask for years of past reports), with the partnership's people and
    /// timings; null with the form's errors. <paramref name="projects"/> are the projects recorded now: their codes are taken,
    /// and the awards of those the partnership's ledger has not recorded yet (just started) are not unallocated any more.
    /// </summary>
    public static StartPayload? Read(ActionForm form, PartnershipState partnership, IReadOnlyList<ProjectState> projects, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(partnership);
        ArgumentNullException.ThrowIfNull(projects);
        var codesInUse = projects.Select(p => p.Project.Code).Concat(partnership.Projects).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var code = form.Text("code", "the project code", max: 14).ToUpperInvariant();
        if (code.Length > 0 && !StartPayload.IsProjectCode(code))
            form.Fail("code", "The project code must be letters followed by digits, like ROC11");
        else if (codesInUse.Contains(code, StringComparer.OrdinalIgnoreCase))
            form.Fail("code", $"{code} is already one of the partnership's projects: choose another code");
        var name = form.Text("name", "the project's name", max: 200);
        var organisation = form.Text("organisation", "the delivering organisation", max: 200);
        var objective = form.Text("objective", "the project's objective");
        var priority = form.Choice("priority", "the strategic priority it serves", RochfordSeed.Priorities.Select(p => p.Number.ToString(CultureInfo.InvariantCulture)));
        var indicators = form.Text("indicators", "the performance indicators it addresses", max: 500)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (form.Value("indicators").Length > 0 && indicators.Count == 0)
            form.Fail("indicators", "Enter the performance indicators it addresses, separated by commas");
        var stream = form.Choice("stream", "the funding stream that funds it", StreamChoices.All.Select(s => s.ToString()));
        var amount = form.Amount("amount", "the amount awarded");
        if (stream is not null && amount is { } awarded)
        {
            var funding = Enum.Parse<FundingStream>(stream);
            var awardsInTransit = Money.Sum(projects.Where(p => p.Project.FundingStream == funding && !partnership.Projects.Contains(p.Project.Code))
                .Select(p => p.Project.AmountAwarded));
            var unallocated = partnership.LedgerOf(funding)?.Unallocated - awardsInTransit ?? Money.Zero;
            if (unallocated.IsNegative) unallocated = Money.Zero;
            if (awarded > unallocated)
                form.Fail("amount", $"Only {unallocated} of the {Enum.Parse<FundingStream>(stream).Describe()} is unallocated: record the money it received first, or award less");
        }
        var leadName = form.Text("leadName", "the project lead's name", max: 200);
        var leadEmail = form.Email("leadEmail", "the project lead's email address");
        var starts = form.Date("starts", "the date monitoring starts");
        if (starts is { } first && (first < today.PlusDays(-MostDaysBack) || first > today.PlusDays(MostDaysAhead)))
            form.Fail("starts", $"Monitoring must start between {UkCalendar.Display(today.PlusDays(-MostDaysBack))} and {UkCalendar.Display(today.PlusDays(MostDaysAhead))}: "
                + "every quarter from that date on is asked for, so an earlier date would ask the lead for reports long past");
        if (form.Errors.Count > 0) return null;

        var profile = new ProjectProfile(code, name, organisation, objective, int.Parse(priority!, CultureInfo.InvariantCulture), indicators,
            Enum.Parse<FundingStream>(stream!), amount!.Value, new Person(leadName, leadEmail));
        return new StartPayload(profile, partnership.Contacts, partnership.Defaults, starts!.Value);
    }
}

/// <summary>A partnership form page (set-up's money, a new project): what will happen, then the form, or why it cannot be used now.</summary>
/// <param name="Blocked">Why the form is not shown (the partnership not set up yet), with where to go instead; null to show it.</param>
public sealed record PartnershipFormView(
    Person Officer,
    string Title,
    string Action,
    string WhatHappens,
    IReadOnlyList<ActionField> Fields,
    string Button,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<FieldError> Errors,
    string SubmissionId,
    string? Refusal = null,
    (string Text, string Href, string Link)? Blocked = null)
{
    /// <summary>Sent, but not decided by the workflow within the page's wait: what that means and what to do (shown above the form).</summary>
    public string? Pending { get; init; }

    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The value sent for <paramref name="field"/> ("" when none).</summary>
    public string Value(string field) => Values.TryGetValue(field, out var value) ? value : "";
}

/// <summary>The set-up page.</summary>
/// <param name="AlreadySetUp">True when the partnership has started: the page says so and shows no form.</param>
public sealed record SetupView(Person Officer, SetupForm Form, IReadOnlyList<FieldError> Errors, bool AlreadySetUp)
{
    /// <summary>The message for <paramref name="field"/>, if it has an error.</summary>
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}
