// The Executive's read-only project summary and the officers' decision links, opened from emails without signing in.
// Every GET only reads; a decision's POST validates its form (422 with messages), then records it once (see DecisionLinks).

using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Decisions;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>GET summary/{token}: the project's RAG history, Red deadline, the officers' proposal and the funding at stake. Reads only.</summary>
public sealed class ProjectSummaryHandler(DecisionLinks decisions, TimeProvider time) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var (summary, problem) = await decisions.OpenSummaryAsync(request.RouteValue("token"), request.Aborted);
        return problem is not null
            ? ReportFormHandler.Problem(problem)
            : ComponentResult.For<ProjectSummaryPage>(new ProjectSummaryView(summary!, time.GetUtcNow()));
    }
}

/// <summary>GET and POST decide/withdrawal/{token}: approve, reject or extend instead of a proposed withdrawal.</summary>
public sealed class WithdrawalDecisionHandler(DecisionLinks decisions, TimeProvider time) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var (context, problem) = await decisions.OpenAsync(request.RouteValue("token"), DecisionKind.Withdrawal, request.SignedIn, request.Aborted);
        if (problem is not null) return ReportFormHandler.Problem(problem);
        var today = UkCalendar.Today(time.GetUtcNow());
        if (request.IsRead) return ComponentResult.For<WithdrawalDecisionPage>(new WithdrawalDecisionView(context!, WithdrawalAnswers.Blank() with { ProposalVersion = context!.State.Withdrawal!.Version }, [], today));
        var answers = WithdrawalAnswers.FromForm(request.Http.Request.Form);
        var errors = answers.Validate(today);
        if (errors.Count > 0)
            return ComponentResult.For<WithdrawalDecisionPage>(new WithdrawalDecisionView(context!, answers, errors, today), StatusCodes.Status422UnprocessableEntity);
        var (name, payload) = answers.ToInput(context!.Officer);
        var refused = await decisions.DecideAsync(request.RequireWorkflow(), context, name, payload, request.Aborted);
        return refused is not null
            ? ReportFormHandler.Problem(refused)
            : ComponentResult.For<DecisionRecordedPage>(DecisionRecordedView.ForWithdrawal(context, answers));
    }
}

/// <summary>GET and POST decide/reallocation/{token}: approve or reject a proposed reallocation (a different officer from the proposer).</summary>
public sealed class ReallocationDecisionHandler(DecisionLinks decisions) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var (context, problem) = await decisions.OpenAsync(request.RouteValue("token"), DecisionKind.Reallocation, request.SignedIn, request.Aborted);
        if (problem is not null) return ReportFormHandler.Problem(problem);
        if (request.IsRead) return ComponentResult.For<ReallocationDecisionPage>(new ReallocationDecisionView(context!, ReallocationAnswers.Blank() with { ProposalVersion = context!.State.Reallocation!.Version }, []));
        var answers = ReallocationAnswers.FromForm(request.Http.Request.Form);
        var errors = answers.Validate();
        if (errors.Count > 0)
            return ComponentResult.For<ReallocationDecisionPage>(new ReallocationDecisionView(context!, answers, errors), StatusCodes.Status422UnprocessableEntity);
        var (name, payload) = answers.ToInput(context!.Officer);
        var refused = await decisions.DecideAsync(request.RequireWorkflow(), context, name, payload, request.Aborted);
        return refused is not null
            ? ReportFormHandler.Problem(refused)
            : ComponentResult.For<DecisionRecordedPage>(DecisionRecordedView.ForReallocation(context, answers));
    }
}
