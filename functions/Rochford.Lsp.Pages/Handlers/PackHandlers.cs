// The officers' partnership-wide pages: the quarterly performance pack (and the Executive Board's copy of it from the
// digest's link), its CSV exports, and the partnership's people and timings. The pack and the exports only read the read model; the partnership page's POST raises a change of contacts on
// every active project, in the signed-in officer's name, so each project's history records it.

using System.Text;
using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>GET /pack (?quarter=2009-Q4): the printable quarterly performance pack. 404 for a quarter no project was asked about.</summary>
public sealed class PackHandler(PartnershipRecords records) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var officer = request.RequireOfficer();
        FinancialQuarter? chosen = null;
        var asked = request.Http.Request.Query["quarter"].ToString();
        if (asked.Length > 0)
        {
            if (!PackView.TryParseQuarter(asked, out var quarter)) return new StatusPageResult(StatusCodes.Status404NotFound);
            chosen = quarter;
        }
        var pack = await records.PackAsync(chosen, request.Aborted);
        if (chosen is { } c && !pack.Quarters.Contains(c)) return new StatusPageResult(StatusCodes.Status404NotFound);
        return ComponentResult.For<PackPage>(new PackView(officer, pack));
    }
}

/// <summary>
/// GET packs/{token}: the Executive Board's read-only copy of one quarter's pack, from the link in the quarterly digest. No
/// sign-in: the link is the key, bound to its quarter and expiring (see QuarterlyDigest.PackLink). The pack is the officers'
/// (<see cref="PartnershipRecords.PackAsync"/>, <see cref="PackPage"/>) without their parts: the menu, choosing another
/// quarter and the CSV exports. Reads only.
/// </summary>
public sealed class ExecutivePackHandler(LinkTokenStore links, PartnershipRecords records) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var lookup = await links.FindAsync(request.RouteValue("token"), LinkPurpose.QuarterlyPack, request.Aborted);
        // A pack link always names its quarter; one that does not is as unknown as a mistyped one.
        if (lookup is not LinkLookup.Valid { Link: { Quarter: { } quarter } link })
            return ReportFormHandler.Problem(LinkProblem.For(lookup));
        var pack = await records.PackAsync(quarter, request.Aborted);
        return ComponentResult.For<PackPage>(new PackView(Officer: null, pack) { LinkExpiresOn = link.ExpiresOn });
    }
}

/// <summary>GET /exports/{name}.csv: one of the CSV exports, as a download. 404 for a name there is no export of.</summary>
public sealed class ExportHandler(PartnershipRecords records) : IRouteHandler
{
    /// <summary>The CSV's media type.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        request.RequireOfficer();
        var name = request.RouteValue("name") ?? "";
        if (!PartnershipRecords.Exports.Any(e => e.Name == name) || await records.ExportAsync(name, request.Aborted) is not { } csv)
            return new StatusPageResult(StatusCodes.Status404NotFound);
        // With a byte order mark, so a spreadsheet opening the file reads it as UTF-8 (names, "£" and quotes intact).
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        var file = $"rochford-lsp-{name}-{records.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.csv";
        return Results.File(bytes, ContentType, file);
    }
}

/// <summary>
/// GET /partnership: the officers, the Executive Board's and chair's addresses and the timings, as the projects hold them,
/// with the form to change the contacts. POST: the form again with errors (422), or the change raised on every active project
/// in the signed-in officer's name, then what happened.
/// </summary>
public sealed class PartnershipHandler(ProjectStates<ProjectState> states, PartnershipRecord partnership, ProjectInputs inputs, RaisedInputs raised,
    ProjectHistory history) : IRouteHandler
{
    /// <summary>The input the change raises.</summary>
    public const string InputName = nameof(ChangePartnershipContacts);

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var officer = request.RequireOfficer();
        // A change this officer just sent is shown, not the partnership as it was before it.
        await raised.WaitUntilRecordedAsync(request.RequireWorkflow(), PartnershipCycle.InstanceId, request.Aborted, TimeSpan.FromSeconds(10));
        var recorded = (await partnership.GetAsync(request.Aborted))?.State;
        var snapshot = Snapshot(await states.ListAsync(request.Aborted), recorded);
        var changes = (await history.ListAsync(PartnershipCycle.InstanceId, request.Aborted))
            .Where(h => PartnershipView.ChangeTypes.Contains(h.Type)).Reverse().Take(PartnershipView.ChangesShown).ToList();
        if (request.IsRead)
        {
            var form = snapshot is null
                ? ContactsForm.From(new PartnershipContacts([], "", ""))
                : ContactsForm.From(snapshot.Contacts);
            return ComponentResult.For<PartnershipPage>(new PartnershipView(officer, snapshot, form, [], changes) { Partnership = recorded });
        }
        var posted = ContactsForm.FromForm(request.Http.Request.Form);
        var errors = posted.Validate().ToList();
        if (snapshot is null || (snapshot.Active.Count == 0 && recorded is null))
            errors.Insert(0, new FieldError("officerName1", "The partnership has not been set up yet, so it has no contacts to change"));
        else if (errors.Count == 0 && snapshot.DifferentContacts.Count == 0 && posted.ToContacts().SameAs(snapshot.Contacts))
            errors.Add(new FieldError("officerName1", "These are the partnership's contacts already: change a name or an address, or leave the page"));
        if (errors.Count > 0)
            return ComponentResult.For<PartnershipPage>(new PartnershipView(officer, snapshot, posted, errors, changes) { Partnership = recorded }, StatusCodes.Status422UnprocessableEntity);

        var contacts = posted.ToContacts();
        var payload = ContactsForm.Payload(officer, contacts);
        // Raised once, on the partnership's workflow: it records the change and applies it to the active projects.
        var (result, sent, refused) = await inputs.RaiseOnPartnershipAsync(request.RequireWorkflow(), InputName, posted.SubmissionId, payload,
            snapshot!.Active.Select(p => p.Code), request.Aborted);
        var refusal = result is SendResult.Refused no ? no.Reason : null;
        return ComponentResult.For<PartnershipChangedPage>(new PartnershipChangedView(officer, contacts, refusal, sent, refused),
            refusal is null ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// The partnership's contacts and timings as its workflow holds them (or, before that has started, as most active
    /// projects hold them), with the active projects and those holding something else; null before any project is recorded.
    /// </summary>
    internal static PartnershipSnapshot? Snapshot(IReadOnlyList<RecordedState<ProjectState>> all, PartnershipState? partnership)
    {
        if (all.Count == 0)
            return partnership is null ? null : new PartnershipSnapshot(partnership.Contacts, [], [], partnership.Defaults, []);
        var active = all.Select(s => s.State).Where(s => !Transitions.IsFinal(s.Phase)).ToList();
        var basis = active.Count > 0 ? active : [.. all.Select(s => s.State)];
        var contacts = partnership?.Contacts ?? basis.GroupBy(s => ContactsKey(s.Contacts)).OrderByDescending(g => g.Count()).First().First().Contacts;
        var settings = partnership?.Defaults ?? basis.GroupBy(s => s.Settings).OrderByDescending(g => g.Count()).First().Key;
        return new PartnershipSnapshot(contacts, [.. active.Select(s => s.Project)],
            [.. active.Where(s => !s.Contacts.SameAs(contacts)).Select(s => s.Project.Code)],
            settings,
            [.. active.Where(s => s.Settings != settings).Select(s => s.Project.Code)]);
    }

    private static string ContactsKey(PartnershipContacts c) =>
        string.Join("\n", c.Officers.Select(o => $"{o.Name}\t{o.Email}")) + $"\n{c.ExecutiveBoardEmail}\n{c.ExecutiveChairEmail}";
}

/// <summary>
/// GET and POST /partnership/timings: the reporting timings, changed on every active project (OverrideCycleSettings, in the
/// signed-in officer's name, so each history records it). Only the timings changed are sent.
/// </summary>
public sealed class PartnershipTimingsHandler(ProjectStates<ProjectState> states, PartnershipRecord partnership, ProjectInputs inputs, RaisedInputs raised) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var officer = request.RequireOfficer();
        await raised.WaitUntilRecordedAsync(request.RequireWorkflow(), PartnershipCycle.InstanceId, request.Aborted, TimeSpan.FromSeconds(10));
        var recorded = (await partnership.GetAsync(request.Aborted))?.State;
        if (PartnershipHandler.Snapshot(await states.ListAsync(request.Aborted), recorded) is not { } snapshot || (snapshot.Active.Count == 0 && recorded is null))
            return new StatusPageResult(StatusCodes.Status404NotFound);
        if (request.IsRead)
            return ComponentResult.For<PartnershipTimingsPage>(new TimingsView(officer, snapshot, TimingsForm.Values(snapshot.Settings), [], SubmissionIds.New(), null));

        var form = new ActionForm(request.Http.Request.Form);
        var (changes, errors) = TimingsForm.Read(form, snapshot.Settings);
        if (errors.Count > 0)
            return ComponentResult.For<PartnershipTimingsPage>(new TimingsView(officer, snapshot, form.Values, errors, form.SubmissionId, null),
                StatusCodes.Status422UnprocessableEntity);
        var payload = OfficerAction.Json(new { Officer = new { officer.Name, officer.Email }, Settings = changes });
        // Raised once, on the partnership's workflow: its defaults change, and it applies the same changes to the active projects.
        var (result, applied, refusedBy) = await inputs.RaiseOnPartnershipAsync(request.RequireWorkflow(), nameof(OverrideCycleSettings), form.SubmissionId,
            payload, snapshot.Active.Select(p => p.Code), request.Aborted);
        if (result is SendResult.Refused partnershipRefused)
        {
            form.Fail(TimingsForm.Timings[0].Setting, partnershipRefused.Reason);
            return ComponentResult.For<PartnershipTimingsPage>(new TimingsView(officer, snapshot, form.Values, form.Errors, form.SubmissionId, null),
                StatusCodes.Status409Conflict);
        }
        var outcome = snapshot.Active.Select(p => (p.Code, (string?)refusedBy.FirstOrDefault(r => r.Code == p.Code).Reason)).ToList();
        return ComponentResult.For<PartnershipTimingsPage>(new TimingsView(officer, snapshot, form.Values, [], form.SubmissionId, outcome), StatusCodes.Status200OK);
    }
}
