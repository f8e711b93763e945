// What the officers' decision links and the Executive's summary link open. A decision link is bound to the officer it was
// emailed to, the project and the decision waiting when it was sent: it opens the decision page without signing in, and
// only its POST acts, once. The order of a decision matters: the project's rules are asked first (a refusal leaves the
// link usable), then the link is used (a second POST, or a second tab, finds it used and does nothing), then the
// decision is raised on the project's workflow.

using System.Globalization;
using System.Text.Json;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Pages.Staff;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Pages.Decisions;

/// <summary>The decisions a link in an email can ask an officer for.</summary>
public enum DecisionKind
{
    /// <summary>Approve, reject or extend instead of a proposed withdrawal (ApprovalRequest and ApprovalReminder emails).</summary>
    Withdrawal,

    /// <summary>Approve or reject a proposed reallocation (ReallocationProposed email, to the officers who did not propose it).</summary>
    Reallocation,
}

/// <summary>A decision link that can be used: the officer it was sent to, and the project with the decision waiting.</summary>
public sealed record DecisionContext(string Token, DecisionKind Kind, LinkRecord Link, ProjectState State, Person Officer)
{
    /// <summary>The project.</summary>
    public ProjectProfile Project => State.Project;

    /// <summary>The page's own address, which its form posts to.</summary>
    public string Path => "/" + LinkIssuer.PathFor(DecisionLinks.PurposeOf(Kind), Token);
}

/// <summary>An Executive summary link that can be used: the project as now recorded, and its history.</summary>
public sealed record SummaryContext(LinkRecord Link, ProjectState State, IReadOnlyList<HistoryRecord> History);

/// <summary>Opens decision and summary links and records decisions.</summary>
public sealed class DecisionLinks(
    LinkTokenStore links,
    ProjectStates<ProjectState> projects,
    ProjectHistory history,
    StaffDirectory staff,
    ProjectInputs inputs,
    RaisedInputs raised)
{
    /// <summary>The link purpose of <paramref name="kind"/>.</summary>
    public static LinkPurpose PurposeOf(DecisionKind kind) => kind == DecisionKind.Withdrawal ? LinkPurpose.DecideWithdrawal : LinkPurpose.ApproveReallocation;

    /// <summary>Opens a summary link: the project and its history, or the problem to show.</summary>
    public async Task<(SummaryContext? Context, LinkProblem? Problem)> OpenSummaryAsync(string? token, CancellationToken cancellationToken)
    {
        var lookup = await links.FindAsync(token, LinkPurpose.ProjectSummary, cancellationToken);
        if (lookup is not LinkLookup.Valid { Link: var link }) return (null, LinkProblem.For(lookup));
        var instanceId = ReportingCycle.InstanceIdFor(link.ProjectCode);
        if (await projects.GetAsync(instanceId, cancellationToken) is not { State: var state }) return (null, LinkProblem.Unknown);
        return (new SummaryContext(link, state, await history.ListAsync(instanceId, cancellationToken)), null);
    }

    /// <summary>Opens a decision link of <paramref name="kind"/>: the context, or the problem to show. Changes nothing.</summary>
    /// <param name="signedIn">
    /// Whoever is signed in on this browser, if anyone: a decision link acts only for the officer it was sent to, so opened by
    /// someone else signed in (a forwarded link: officer A approving A's own proposal as B) it is refused with 403.
    /// </param>
    public async Task<(DecisionContext? Context, LinkProblem? Problem)> OpenAsync(string? token, DecisionKind kind, Staff.StaffUser? signedIn,
        CancellationToken cancellationToken)
    {
        var lookup = await links.FindAsync(token, PurposeOf(kind), cancellationToken);
        if (lookup is not LinkLookup.Valid { Link: var link }) return (null, LinkProblem.For(lookup));
        if (signedIn is not null && !string.Equals(signedIn.Email.Trim(), link.RecipientEmail, StringComparison.OrdinalIgnoreCase))
            return (null, await SentToSomeoneElseAsync(link, signedIn, cancellationToken));
        var instanceId = ReportingCycle.InstanceIdFor(link.ProjectCode);
        if (await projects.GetAsync(instanceId, cancellationToken) is not { State: var state }) return (null, LinkProblem.Unknown);
        // The link names the officer: whoever holds it acts as that officer, so they must still be one.
        if (await staff.OfficerAsync(link.RecipientEmail, cancellationToken) is not { } officer)
        {
            return (null, new LinkProblem(StatusCodes.Status403Forbidden, "This link is for an officer of the partnership",
                [$"It was sent to {link.RecipientEmail}, which is no longer on the partnership's list of officers, so it cannot be used to decide anything. Nothing was recorded."]));
        }
        var waiting = kind == DecisionKind.Withdrawal
            ? state is { Phase: Phase.WithdrawalProposed, Withdrawal: not null }
            : state is { Phase: Phase.ReallocationProposed, Reallocation: not null };
        if (!waiting) return (null, NotWaiting(kind, state));
        if (await IsForAnEarlierProposalAsync(link, kind, instanceId, cancellationToken))
        {
            return (null, LinkProblem.Closed("This link was for an earlier proposal",
                $"It was sent about an earlier {(kind == DecisionKind.Withdrawal ? "withdrawal" : "reallocation")} proposal for {state.Project.Code}, which has been decided. Use the link in the latest email about it."));
        }
        return (new DecisionContext(token!, kind, link, state, officer), null);
    }

    /// <summary>
    /// Records the decision <paramref name="name"/> with <paramref name="payload"/> (which names the link's officer): checked
    /// with the project's rules, then the link is used, then the decision is raised. A refusal leaves the link unused; a
    /// link already used (a second click, another tab) raises nothing.
    /// </summary>
    /// <returns>Null when recorded; otherwise the problem to show.</returns>
    public async Task<LinkProblem?> DecideAsync(WorkflowClient workflow, DecisionContext context, string name, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateTimeOffset? usedAt = null;
        SendResult result;
        try
        {
            result = await inputs.RaiseAsync(workflow, context.Project.Code, name, SubmissionIdFor(context.Token), payload, cancellationToken,
                beforeRaising: async () =>
                {
                    var used = await links.ConsumeAsync(context.Token, PurposeOf(context.Kind), cancellationToken);
                    if (used is not LinkLookup.Valid valid) throw new LinkNotUsedException(LinkProblem.For(used));
                    usedAt = valid.Link.UsedAt;
                });
        }
        catch (Exception ex) when (ex is not LinkNotUsedException && usedAt is { } at)
        {
            // Used, but the decision did not reach the workflow: give the link back so the officer can try again.
            await links.ReleaseAsync(context.Token, at, CancellationToken.None);
            throw;
        }
        catch (LinkNotUsedException ex)
        {
            return ex.Problem;
        }
        if (result is SendResult.Refused refused)
            return new LinkProblem(StatusCodes.Status409Conflict, "Your decision could not be recorded",
                [refused.Reason, "Nothing was recorded, and this link has not been used: you can go back and decide again."]);
        // The page says what the project decided (ARCHITECTURE.md rule 10): a decision it refused after all (a change in the
        // meantime) gives the link back, and one not decided within a few seconds is pending, not "recorded".
        var sent = (SendResult.Accepted)result;
        switch (await raised.OutcomeAsync(workflow, sent.InstanceId, sent.InputId, RaisedInputs.DecisionWait, cancellationToken))
        {
            case InputOutcome.Refused no:
                if (usedAt is { } at) await links.ReleaseAsync(context.Token, at, CancellationToken.None);
                return new LinkProblem(StatusCodes.Status409Conflict, "Your decision could not be recorded",
                    [no.Reason, "Nothing was recorded, and this link has not been used: you can go back and decide again."]);
            case InputOutcome.Pending:
                return new LinkProblem(StatusCodes.Status202Accepted, "Your decision has been sent, but is not recorded yet",
                [
                    $"{context.Project.Code}'s workflow has not decided on it within a few seconds, so it is not done yet. It will be recorded, or refused with its reason, on {context.Project.Code}'s page for officers.",
                    "This link has been used: if the decision is refused, decide again on the project's page.",
                ]);
            default:
                return null;
        }
    }

    /// <summary>The 403 for a decision link opened by someone signed in who is not the officer it was sent to.</summary>
    private async Task<LinkProblem> SentToSomeoneElseAsync(LinkRecord link, Staff.StaffUser signedIn, CancellationToken cancellationToken)
    {
        var addressee = await staff.OfficerAsync(link.RecipientEmail, cancellationToken);
        var you = await staff.OfficerAsync(signedIn.Email, cancellationToken);
        var to = addressee is null ? link.RecipientEmail : $"{addressee.Name} ({link.RecipientEmail})";
        var them = addressee?.Name ?? link.RecipientEmail;
        return new LinkProblem(StatusCodes.Status403Forbidden, "This link was sent to another officer",
        [
            $"This link was sent to {to}. You are signed in as {you?.Name ?? signedIn.Name ?? signedIn.Email}, and a decision link decides only for the officer it was sent to, so nothing was recorded.",
            $"To decide, use your own link from your email, or the project's page from the dashboard (/dashboard), where your decision is recorded in your name. If you are {them}, sign out and open the link again.",
        ]);
    }

    /// <summary>The officer as the workflow's officer inputs carry them.</summary>
    public static object OfficerPayload(Person officer) => new { officer.Name, officer.Email };

    /// <summary>Serialises an input's payload.</summary>
    public static string Payload(object payload) => JsonSerializer.Serialize(payload);

    /// <summary>An ISO date for a payload.</summary>
    public static string Iso(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The decision's submission id: from the link, so every POST through one link is the same submission (a link decides
    /// once). A prefix of the token's hash: the input id in the history cannot be turned back into the link.
    /// </summary>
    internal static string SubmissionIdFor(string token) => LinkToken.Hash(token)[..22];

    private static LinkProblem NotWaiting(DecisionKind kind, ProjectState state)
    {
        var what = kind == DecisionKind.Withdrawal ? "withdrawal" : "reallocation";
        var now = state.Phase switch
        {
            Phase.Reporting => $"{state.Project.Code} is reporting normally and is not Red.",
            Phase.RedWatch => $"{state.Project.Code} is Red with a recovery deadline of {UkCalendar.Display(state.Red!.Deadline)}.",
            Phase.WithdrawalProposed => $"A withdrawal of {state.Project.Code}'s funding is waiting for a decision.",
            Phase.FundingWithdrawn => $"{state.Project.Code}'s funding has been withdrawn and is waiting for a reallocation proposal.",
            Phase.ReallocationProposed => $"A reallocation of {state.Project.Code}'s withdrawn funding is waiting for approval.",
            Phase.Paused => $"Reporting on {state.Project.Code} is paused.",
            Phase.Completed => $"{state.Project.Code} has been completed.",
            Phase.Closed => $"{state.Project.Code}'s funding has been withdrawn and reallocated.",
            _ => "",
        };
        return LinkProblem.Closed($"There is no {what} waiting for a decision",
            $"The {what} this link was sent about has already been decided, possibly by another officer. {now} Nothing was recorded.");
    }

    /// <summary>
    /// True when the link came with an email sent before the proposal now waiting (an earlier proposal's link, unused and
    /// not yet expired). Emails' ids start with the project and the transition that sent them ("ROC4/7/0/to/1"), and the
    /// proposal's history row has its transition: a link must come from that transition or a later one (a reminder).
    /// </summary>
    private async Task<bool> IsForAnEarlierProposalAsync(LinkRecord link, DecisionKind kind, string instanceId, CancellationToken cancellationToken)
    {
        var parts = link.MessageId.Split('/');
        if (parts.Length < 2 || parts[0] != instanceId || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt)) return false;
        var proposed = kind == DecisionKind.Withdrawal ? nameof(WithdrawalProposed) : nameof(ReallocationProposed);
        var proposal = (await history.ListAsync(instanceId, cancellationToken)).LastOrDefault(h => h.Type == proposed);
        return proposal is not null && sentAt < proposal.Sequence;
    }

    private sealed class LinkNotUsedException(LinkProblem problem) : Exception(problem.Title)
    {
        public LinkProblem Problem => problem;
    }
}
