// The officers' pages: the dashboard of every project, and each project's page with its reports, funding, history and
// the actions open to an officer now.

using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>GET /dashboard: every project with its status, this quarter's report, Red deadlines and decisions waiting.</summary>
public sealed class DashboardHandler(ProjectStates<ProjectState> states, ProjectHistory history, TimeProvider time) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var today = UkCalendar.Today(time.GetUtcNow());
        var rows = new List<ProjectRow>();
        foreach (var recorded in await states.ListAsync(request.Aborted))
        {
            // Only a project waiting for a reallocation proposal needs its history: it has waited since its withdrawal was approved.
            var withdrawnOn = recorded.State.Phase == Phase.FundingWithdrawn
                ? ProjectRow.WithdrawnOn(await history.ListAsync(recorded.InstanceId, request.Aborted))
                : null;
            rows.Add(ProjectRow.For(recorded.State, today, withdrawnOn));
        }
        rows = [.. rows.OrderBy(r => r.Waiting is null).ThenBy(r => r.Project.StrategicPriority).ThenBy(r => r.Project.Code, StringComparer.Ordinal)];
        var filter = DashboardFilter.From(request.Http.Request.Query);
        return ComponentResult.For<DashboardPage>(new DashboardView(request.RequireOfficer(), today, [.. rows.Where(filter.Keeps)], rows.Count, filter,
            RochfordSeed.Priorities));
    }
}

/// <summary>GET /projects/{code}: the project's details, reports, funding, history and the actions open now.</summary>
public sealed class ProjectHandler(ProjectStates<ProjectState> states, ProjectHistory history, PartnershipRecords records, RaisedInputs raised, IReportTexts texts,
    ProjectRefusals refusals, TimeProvider time) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        if (request.ProjectCode() is not { } code) return new StatusPageResult(StatusCodes.Status404NotFound);
        var instanceId = ReportingCycle.InstanceIdFor(code);
        // Shown as of every action this app has sent (an officer arriving from an action sees its effect), a few seconds at most.
        try
        {
            await raised.WaitUntilRecordedAsync(request.RequireWorkflow(), instanceId, request.Aborted, TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Show what is recorded so far.
        }
        if (await states.GetAsync(instanceId, request.Aborted) is not { State: var state })
            return new StatusPageResult(StatusCodes.Status404NotFound);
        var today = UkCalendar.Today(time.GetUtcNow());
        var done = OfficerActions.Find(request.Http.Request.Query["done"]);
        var events = await history.ListAsync(instanceId, request.Aborted);
        var updates = new List<InterimUpdateRecord>();
        foreach (var update in InterimUpdateRecord.From(events))
            updates.Add(update with { Comments = (await texts.FindUpdateAsync(state.Project.Code, update.UpdateId, request.Aborted))?.Comments });
        return ComponentResult.For<ProjectPage>(new ProjectView(request.RequireOfficer(), state, ProjectRow.For(state, today, ProjectRow.WithdrawnOn(events)), today,
            events, [.. OfficerActions.All.Where(a => a.IsOpen(state))], done, ReportVersionRecord.From(events), updates,
            await records.ProjectEmailsAsync(instanceId, events, request.Aborted))
        {
            Refusals = await refusals.ListAsync(instanceId, 20, request.Aborted),
        });
    }
}

/// <summary>
/// GET /projects/{code}/reports/{quarter} (?from=1&amp;to=3): every version of the quarter's report with its text, and two
/// versions compared section by section. Only reads the read model. 404 for a project or quarter it does not know.
/// </summary>
public sealed class ReportVersionsHandler(ProjectStates<ProjectState> states, ProjectHistory history, IReportTexts texts) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var officer = request.RequireOfficer();
        if (request.ProjectCode() is not { } code) return new StatusPageResult(StatusCodes.Status404NotFound);
        var instanceId = ReportingCycle.InstanceIdFor(code);
        if (!Components.PackView.TryParseQuarter(request.RouteValue("quarter"), out var quarter)
            || await states.GetAsync(instanceId, request.Aborted) is not { State: var state })
            return new StatusPageResult(StatusCodes.Status404NotFound);
        var record = state.QuarterFor(quarter);
        var versions = ReportVersionRecord.From(await history.ListAsync(instanceId, request.Aborted))
            .Where(v => v.Quarter == quarter).OrderBy(v => v.Version).ToList();
        // A quarter the project was never asked about (or whose record the state no longer keeps and the history has no report of).
        if (record is null && versions.Count == 0) return new StatusPageResult(StatusCodes.Status404NotFound);

        var latest = versions.Count == 0 ? 0 : versions.Max(v => v.Version);
        var withTexts = new List<ReportVersionText>();
        foreach (var version in versions)
            withTexts.Add(new ReportVersionText(version, await texts.FindReportAsync(state.Project.Code, version.ReportId, request.Aborted), version.Version == latest));

        ReportComparison? comparison = null;
        string? error = null;
        var query = request.Http.Request.Query;
        var (from, to) = (query["from"].ToString(), query["to"].ToString());
        if (from.Length > 0 || to.Length > 0)
        {
            var a = withTexts.FirstOrDefault(v => v.Record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) == from);
            var b = withTexts.FirstOrDefault(v => v.Record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) == to);
            if (withTexts.Count < 2) error = "There is only one version of this report, so there is nothing to compare it with.";
            else if (a is null || b is null) error = $"Choose two of the versions 1 to {latest} to compare.";
            else if (a == b) error = "Choose two different versions to compare.";
            else comparison = a.Record.Version < b.Record.Version ? new ReportComparison(a, b) : new ReportComparison(b, a);
        }
        var view = new ReportVersionsView(officer, state, quarter, record, withTexts, comparison, error);
        return ComponentResult.For<ReportVersionsPage>(view, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}

/// <summary>
/// GET and POST /projects/{code}/{step}: an officer's action, said before it is done, then done as the signed-in officer. The
/// answer is what the project's workflow decided (ARCHITECTURE.md rule 10): "done" once it is recorded, its refusal in words
/// (409), or, when it has not decided within a few seconds, that it is pending; never "done" for something refused (ten
/// payments sent together with room for four: four are done, six refused).
/// </summary>
public sealed class ProjectActionHandler(ProjectStates<ProjectState> states, ProjectInputs inputs, RaisedInputs raised, TimeProvider time) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        if (request.ProjectCode() is not { } code) return new StatusPageResult(StatusCodes.Status404NotFound);
        var action = OfficerActions.Find(request.RouteValue("step"))!;
        if (await states.GetAsync(ReportingCycle.InstanceIdFor(code), request.Aborted) is not { State: var state })
            return new StatusPageResult(StatusCodes.Status404NotFound);
        var officer = request.RequireOfficer();
        var today = UkCalendar.Today(time.GetUtcNow());
        var candidates = action is ProposeReallocationAction
            ? ProposeReallocationAction.Candidates(state, (await states.ListAsync(request.Aborted)).Select(s => s.State))
            : [];
        if (action is ProposeReallocationAction propose) action = propose with { CandidateCodes = [.. candidates.Select(c => c.Code)] };
        ActionView View(ActionForm? form, string? refusal) => new(officer, state, action, today, candidates, form?.Values ?? new Dictionary<string, string>(),
            form?.Errors ?? [], refusal, form?.SubmissionId ?? Lead.SubmissionIds.New());
        if (!action.IsOpen(state))
            return ComponentResult.For<ProjectActionPage>(View(null, $"This cannot be done now: {state.Project.Code} is {PhaseText.Is(state.Phase)}."),
                StatusCodes.Status409Conflict);
        if (request.IsRead) return ComponentResult.For<ProjectActionPage>(View(null, null));

        var form = new ActionForm(request.Http.Request.Form);
        if (action.Command(form, officer, state, today) is not { } command)
            return ComponentResult.For<ProjectActionPage>(View(form, null), StatusCodes.Status422UnprocessableEntity);
        var result = await inputs.RaiseAsync(request.RequireWorkflow(), code, command.Name, form.SubmissionId, OfficerAction.Json(command.Payload), request.Aborted);
        if (result is SendResult.Refused refused)
            return ComponentResult.For<ProjectActionPage>(View(form, refused.Reason), StatusCodes.Status409Conflict);
        var sent = (SendResult.Accepted)result;
        return await raised.OutcomeAsync(request.RequireWorkflow(), sent.InstanceId, sent.InputId, RaisedInputs.DecisionWait, request.Aborted) switch
        {
            InputOutcome.Refused no => ComponentResult.For<ProjectActionPage>(View(form, no.Reason), StatusCodes.Status409Conflict),
            InputOutcome.Pending => ComponentResult.For<PendingPage>(new PendingView(officer, $"{action.Title}: pending",
                $"{state.Project.Code}'s workflow has not decided on this yet, so it is not done. Check {state.Project.Code}'s page in a minute: "
                + "once it is recorded it is in the history, and if it is refused the reason is listed under \"Refused\".",
                $"/projects/{Uri.EscapeDataString(code)}", $"Go to {state.Project.Code}'s page"), StatusCodes.Status202Accepted),
            _ => Results.Redirect($"/projects/{Uri.EscapeDataString(code)}?done={action.Step}"),
        };
    }
}
