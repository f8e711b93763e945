// Setting up a partnership and adding its projects: how a deployment with no seed (Azure) gets its partnership's instance
// and its projects' reporting cycles started, by its officers, through the same route table in both hosts. The officers
// who may open these pages before the partnership exists are those the deployment's settings list (Partnership:Officers);
// afterwards, the partnership's own. A GET only shows; a POST starts or raises once (the form's submission id), then
// redirects to the page that shows the result.

using Microsoft.Extensions.Configuration;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Partnership;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>
/// GET /partnership/setup: before the partnership has started, the form for its people (prefilled from the settings) and
/// each stream's money; after, where its page is. POST: the form again with errors (422), or the partnership started,
/// then /partnership.
/// </summary>
public sealed class PartnershipSetupHandler(PartnershipRecord partnership, ProjectStates<ProjectState> states, ProjectInputs inputs,
    IConfiguration configuration, TimeProvider time) : IRouteHandler
{
    private static readonly PartnershipCycle Rules = new();

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var officer = request.RequireOfficer();
        if (await partnership.GetAsync(request.Aborted) is not null)
            return ComponentResult.For<PartnershipSetupPage>(new SetupView(officer, SetupForm.FromSettings(configuration), [], AlreadySetUp: true),
                request.IsRead ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        if (request.IsRead)
            return ComponentResult.For<PartnershipSetupPage>(new SetupView(officer, SetupForm.FromSettings(configuration), [], AlreadySetUp: false));

        var form = SetupForm.FromForm(request.Http.Request.Form);
        var errors = form.Validate(officer).ToList();
        if (errors.Count == 0)
        {
            // Projects that run already (storage from before the partnership had an instance) open their accounts where their
            // money stands, as the seed does; the partnership's own rules check the whole start first, so a start it would
            // refuse is shown here in its words instead of leaving a failed instance behind.
            var existing = (await states.ListAsync(request.Aborted)).Select(s => s.State).ToList();
            var start = form.ToStart() with { Openings = existing.Count > 0 ? PartnershipStart.OpeningsOf(existing) : null };
            try
            {
                Rules.Start(PartnershipCycle.InstanceId, new OrchestrationInput.Started("check", start.ToJson()), time.GetUtcNow());
            }
            catch (InputRefusedException ex)
            {
                errors.Add(new FieldError(StreamChoices.TotalField(StreamChoices.All[0]), ex.Message));
            }
            if (errors.Count == 0)
            {
                // Started once: another officer's set-up that got there first is the partnership, and this one is told so.
                if (!await inputs.StartAsync(request.RequireWorkflow(), PartnershipCycle.InstanceId, start.ToJson(), PartnershipOrchestrator.Name, request.Aborted)
                    && !SameAsRecorded((await partnership.GetAsync(request.Aborted))?.State, start))
                    return ComponentResult.For<PartnershipSetupPage>(new SetupView(officer, form, [], AlreadySetUp: true), StatusCodes.Status409Conflict);
                return Results.Redirect("/partnership");
            }
        }
        return ComponentResult.For<PartnershipSetupPage>(new SetupView(officer, form, errors, AlreadySetUp: false), StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>True when the partnership recorded is the one <paramref name="start"/> describes (this form, sent twice).</summary>
    private static bool SameAsRecorded(PartnershipState? recorded, PartnershipStart start) =>
        recorded is not null && recorded.Contacts.SameAs(start.Contacts)
        && start.Streams.All(s => recorded.LedgerOf(s.Stream)?.Total == s.Total);
}

/// <summary>GET /partnership/funds: the form to record money a stream received. POST: errors (422), the partnership's refusal (409), or recorded, then /partnership.</summary>
public sealed class FundsReceivedHandler(PartnershipRecord partnership, ProjectInputs inputs, RaisedInputs raised) : IRouteHandler
{
    private const string Title = "Record money received";

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var officer = request.RequireOfficer();
        if (await RecordedAsync(request, raised, partnership) is not { } state)
            return NotSetUp(request, View(officer, null, new Dictionary<string, string>(), [], SubmissionIds.New()));
        if (request.IsRead)
            return ComponentResult.For<PartnershipFormPage>(View(officer, state, new Dictionary<string, string>(), [], SubmissionIds.New()));

        var form = new ActionForm(request.Http.Request.Form);
        if (FundsForm.Read(form, officer) is not { } payload)
            return ComponentResult.For<PartnershipFormPage>(View(officer, state, form.Values, form.Errors, form.SubmissionId), StatusCodes.Status422UnprocessableEntity);
        if (await inputs.RaiseOnPartnershipAsync(request.RequireWorkflow(), ReceiveFunding.Name, form.SubmissionId, payload, request.Aborted) is SendResult.Refused refused)
            return ComponentResult.For<PartnershipFormPage>(View(officer, state, form.Values, [], form.SubmissionId) with { Refusal = refused.Reason },
                StatusCodes.Status409Conflict);
        return Results.Redirect("/partnership");
    }

    /// <summary>
    /// The partnership as it is recorded once the inputs this app raised on it are (money just recorded is offered, not the
    /// balance before it); null before it has been set up.
    /// </summary>
    internal static async Task<PartnershipState?> RecordedAsync(PageRequest request, RaisedInputs raised, PartnershipRecord partnership)
    {
        await raised.WaitUntilRecordedAsync(request.RequireWorkflow(), PartnershipCycle.InstanceId, request.Aborted, TimeSpan.FromSeconds(10));
        return (await partnership.GetAsync(request.Aborted))?.State;
    }

    /// <summary>A partnership form that cannot be used before the partnership is set up: says so, with the way there (409 to a POST).</summary>
    internal static IResult NotSetUp(PageRequest request, PartnershipFormView view) =>
        ComponentResult.For<PartnershipFormPage>(view with { Blocked = ("The partnership has not been set up yet.", "/partnership/setup", "Set up the partnership") },
            request.IsRead ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);

    private static PartnershipFormView View(Person officer, PartnershipState? state, IReadOnlyDictionary<string, string> values, IReadOnlyList<FieldError> errors,
        string submissionId) => new(officer, Title, "/partnership/funds",
        "The stream's total and its unallocated money grow by the amount, so projects can be awarded from it. The partnership's history records it in your name.",
        state is null ? [] : FundsForm.Fields(state), "Record the money received", values, errors, submissionId);
}

/// <summary>
/// GET /partnership/projects/new: the form for a newly funded project. POST: errors (422); the award reserved on its stream's
/// ledger first (ReserveAward on the partnership, ARCHITECTURE.md rule 10), and only once the partnership has accepted it the
/// project's reporting cycle started (its lead asked for each quarter's report), then the project's page; the partnership's
/// refusal in its words (409: not enough unallocated money; the code added by another officer, who and when); or, when the
/// partnership has not decided within a few seconds, the form again saying it is pending (202): sent again, it starts the
/// project once the reservation is accepted, and never adds it twice.
/// </summary>
public sealed class NewProjectHandler(PartnershipRecord partnership, ProjectStates<ProjectState> states, ProjectInputs inputs, RaisedInputs raised,
    TimeProvider time) : IRouteHandler
{
    private const string Title = "Add a funded project";

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var officer = request.RequireOfficer();
        if (await FundsReceivedHandler.RecordedAsync(request, raised, partnership) is not { } state)
            return FundsReceivedHandler.NotSetUp(request, View(officer, null, new Dictionary<string, string>(), [], SubmissionIds.New()));
        if (request.IsRead)
            return ComponentResult.For<PartnershipFormPage>(View(officer, state, NewProjectForm.Initial(UkCalendar.Today(time.GetUtcNow())), [], SubmissionIds.New()));

        var form = new ActionForm(request.Http.Request.Form);
        // The same form again (a second click, a resend after "pending"): what the partnership made of it the first time.
        if (state.ReservationBy(form.SubmissionId) is { } mine)
            return await StartAsync(request, state, mine);
        // A code another officer's form added: who added it and when, rather than a field error that hides why.
        var code = form.Value("code").ToUpperInvariant();
        if (StartPayload.IsProjectCode(code) && state.ReservationOf(code) is { } taken)
            return Refused(officer, state, form, taken.TakenMessage);
        var projects = (await states.ListAsync(request.Aborted)).Select(s => s.State).ToList();
        if (NewProjectForm.Read(form, state, projects, UkCalendar.Today(time.GetUtcNow())) is not { } start)
            return ComponentResult.For<PartnershipFormPage>(View(officer, state, form.Values, form.Errors, form.SubmissionId), StatusCodes.Status422UnprocessableEntity);
        try
        {
            StartPayload.Parse(start.ToJson()); // the cycle's own rules, so its refusal is shown here rather than failing the start
        }
        catch (InputRefusedException ex)
        {
            return Refused(officer, state, form, ex.Message);
        }

        // Money is promised only by the ledger: the award is reserved first, and the project starts only once that is accepted.
        var reserve = new ReserveAward(officer, form.SubmissionId, start.Project, start.MonitoringStarts);
        var sent = await inputs.RaiseOnPartnershipAsync(request.RequireWorkflow(), ReserveAward.Name, form.SubmissionId, reserve.ToJson(), request.Aborted);
        if (sent is SendResult.Refused refused)
            return Refused(officer, state, form, refused.Reason);
        var accepted = (SendResult.Accepted)sent;
        var outcome = await raised.OutcomeAsync(request.RequireWorkflow(), accepted.InstanceId, accepted.InputId, RaisedInputs.DecisionWait, request.Aborted);
        if (outcome is InputOutcome.Refused no)
            return Refused(officer, state, form, no.Reason);
        if (outcome is InputOutcome.Recorded && (await partnership.GetAsync(request.Aborted))?.State is { } now && now.ReservationBy(form.SubmissionId) is { } reserved)
            return await StartAsync(request, now, reserved);
        return ComponentResult.For<PartnershipFormPage>(View(officer, state, form.Values, [], form.SubmissionId) with
        {
            Pending = $"Pending: the partnership's ledger has not yet decided on {start.Project.Code}'s award of {start.Project.AmountAwarded}, so {start.Project.Code} " +
                "has not been added yet. Check the project list in a minute. If it is not there, send this form again: it adds the project once its award is " +
                "accepted, and never twice.",
        }, StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Starts the reporting cycle of the project whose award <paramref name="reservation"/> reserved (unless it has started: the
    /// same form twice starts it once), with the partnership's people and timings, then shows it.
    /// </summary>
    private async Task<IResult> StartAsync(PageRequest request, PartnershipState state, AwardReservation reservation)
    {
        if (reservation.StartWith(state.Contacts, state.Defaults) is { } start)
            await inputs.StartAsync(request.RequireWorkflow(), ReportingCycle.InstanceIdFor(reservation.ProjectCode), start.ToJson(), ReportingCycleOrchestrator.Name,
                request.Aborted);
        return Results.Redirect($"/projects/{reservation.ProjectCode}");
    }

    private static ComponentResult Refused(Person officer, PartnershipState state, ActionForm form, string reason) =>
        ComponentResult.For<PartnershipFormPage>(View(officer, state, form.Values, [], form.SubmissionId) with { Refusal = reason }, StatusCodes.Status409Conflict);

    private static PartnershipFormView View(Person officer, PartnershipState? state, IReadOnlyDictionary<string, string> values, IReadOnlyList<FieldError> errors,
        string submissionId) => new(officer, Title, "/partnership/projects/new",
        "The project's reporting cycle starts with the partnership's officers, Executive Board and reporting timings. Its award is reserved in its stream's ledger first, and the project starts only once the ledger has accepted it: then its lead is emailed a request for each quarter's report, starting with the quarter that contains the date monitoring starts.",
        state is null ? [] : NewProjectForm.Fields(state), "Add the project", values, errors, submissionId);
}
