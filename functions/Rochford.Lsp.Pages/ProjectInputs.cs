// How a page sends something to a project's workflow: checked first with the project's own rules (the pure decider, on the
// state the orchestration last recorded) so a refusal is shown at once in words, then raised. The orchestration decides
// again on its own state, so an input that raced a change is refused there (and recorded). The lead's forms and the
// officers' actions both come through here, so input ids and the simulated clock's time are made in one place.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Partnership;

namespace Rochford.Lsp.Pages;

/// <summary>The outcome of sending an input.</summary>
public abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>Raised (or raised already by an earlier click of the same form): the workflow decides it next.</summary>
    /// <param name="InstanceId">The instance it was raised on.</param>
    /// <param name="InputId">Its id, to ask what the workflow decided (<see cref="Lead.RaisedInputs.OutcomeAsync"/>).</param>
    public sealed record Accepted(string InstanceId, string InputId) : SendResult;

    /// <summary>The workflow refused it; <paramref name="Reason"/> is its message for people.</summary>
    public sealed record Refused(string Reason) : SendResult;
}

/// <summary>Checks and raises inputs on projects' workflows.</summary>
public sealed class ProjectInputs(
    ProjectStates<ProjectState> projects,
    PartnershipRecord partnership,
    IOrchestration<ProjectState> rules,
    RaisedInputs raised,
    WorkflowSettings settings,
    TimeProvider time)
{
    /// <summary>
    /// Raises <paramref name="name"/> with <paramref name="payload"/> on <paramref name="projectCode"/>'s workflow, unless the
    /// project's rules refuse it now. <paramref name="beforeRaising"/> runs once the input is known to be acceptable (the
    /// lead's text is stored before the input that refers to it).
    /// </summary>
    /// <param name="submissionId">The form's id: the same form sent twice is one input; sent again with changed answers, another.</param>
    public async Task<SendResult> RaiseAsync(WorkflowClient workflow, string projectCode, string name, string submissionId, string payload,
        CancellationToken cancellationToken, Func<Task>? beforeRaising = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var instanceId = ReportingCycle.InstanceIdFor(projectCode);
        if (await projects.GetAsync(instanceId, cancellationToken) is not { State: var state })
            return new SendResult.Refused($"The partnership has no reporting cycle for {projectCode}.");
        var inputId = InputId(name, submissionId, payload);
        var now = time.GetUtcNow();
        try
        {
            rules.Decide(state, new OrchestrationInput.EventRaised(inputId, name, payload), now);
        }
        catch (InputRefusedException ex)
        {
            return new SendResult.Refused(ex.Message);
        }
        if (beforeRaising is not null) await beforeRaising();
        await workflow.RaiseAsync(instanceId, Stamped(inputId, name, payload, now), cancellationToken);
        raised.Record(instanceId, inputId);
        return new SendResult.Accepted(instanceId, inputId);
    }

    private static readonly PartnershipCycle PartnershipRules = new();

    /// <summary>
    /// Raises a change of the partnership's contacts or timings (<paramref name="name"/>) on the partnership's workflow, which
    /// records it and raises it on each project that accepts it now (checked first with each project's own rules). Returns the
    /// partnership's refusal, or the projects it will be applied to and those that refused it, with their reasons.
    /// </summary>
    /// <param name="payload">A JSON object: the officer and the change; "Projects" is added here.</param>
    public async Task<(SendResult Result, IReadOnlyList<string> Applied, IReadOnlyList<(string Code, string Reason)> Refused)> RaiseOnPartnershipAsync(
        WorkflowClient workflow, string name, string submissionId, string payload, IEnumerable<string> projectCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (await partnership.GetAsync(cancellationToken) is not { State: var state })
            return (new SendResult.Refused("The partnership's workflow has not started yet, so its contacts and timings cannot be changed."), [], []);
        var now = time.GetUtcNow();
        var applied = new List<string>();
        var refused = new List<(string, string)>();
        foreach (var code in projectCodes)
        {
            if (await projects.GetAsync(ReportingCycle.InstanceIdFor(code), cancellationToken) is not { State: var project })
                continue;
            try
            {
                rules.Decide(project, new OrchestrationInput.EventRaised("check", name, payload), now);
                applied.Add(project.Project.Code);
            }
            catch (InputRefusedException ex)
            {
                refused.Add((project.Project.Code, ex.Message));
            }
        }
        var withProjects = System.Text.Json.Nodes.JsonNode.Parse(payload)!.AsObject();
        withProjects["Projects"] = new System.Text.Json.Nodes.JsonArray([.. applied.Select(c => (System.Text.Json.Nodes.JsonNode?)c)]);
        var result = await RaiseOnPartnershipAsync(workflow, state, name, submissionId, withProjects.ToJsonString(), cancellationToken);
        return result is SendResult.Refused ? (result, [], refused) : (result, applied, refused);
    }

    /// <summary>
    /// Raises <paramref name="name"/> (money received, say) on the partnership's workflow alone, unless its rules refuse it now.
    /// </summary>
    public async Task<SendResult> RaiseOnPartnershipAsync(WorkflowClient workflow, string name, string submissionId, string payload,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return await partnership.GetAsync(cancellationToken) is { State: var state }
            ? await RaiseOnPartnershipAsync(workflow, state, name, submissionId, payload, cancellationToken)
            : new SendResult.Refused("The partnership has not been set up yet: set it up first.");
    }

    private async Task<SendResult> RaiseOnPartnershipAsync(WorkflowClient workflow, PartnershipState state, string name, string submissionId, string json,
        CancellationToken cancellationToken)
    {
        var inputId = InputId(name, submissionId, json);
        var now = time.GetUtcNow();
        try
        {
            PartnershipRules.Decide(state, new OrchestrationInput.EventRaised(inputId, name, json), now);
        }
        catch (InputRefusedException ex)
        {
            return new SendResult.Refused(ex.Message);
        }
        await workflow.RaiseAsync(PartnershipCycle.InstanceId, Stamped(inputId, name, json, now), cancellationToken);
        raised.Record(PartnershipCycle.InstanceId, inputId);
        return new SendResult.Accepted(PartnershipCycle.InstanceId, inputId);
    }

    /// <summary>
    /// Starts <paramref name="instanceId"/>'s workflow (<paramref name="orchestrator"/>) with <paramref name="startPayloadJson"/>, at the
    /// app's time, and waits until it has recorded its start, so the page that follows shows it. False when it existed already.
    /// </summary>
    public async Task<bool> StartAsync(WorkflowClient workflow, string instanceId, string startPayloadJson, string orchestrator,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var started = await workflow.StartAsync(instanceId, startPayloadJson, settings.Clock, time.GetUtcNow(), cancellationToken, orchestrator);
        await workflow.WaitUntilStartedAsync([instanceId], TimeSpan.FromSeconds(30), cancellationToken);
        return started;
    }

    /// <summary>
    /// The input as raised, stamped with the time the page checked and accepted it (ARCHITECTURE.md rule 9): on the real clock
    /// the workflow judges deadlines on that time (bounded by its own clock), so what the page said ("sent in time") is what
    /// the workflow decides, however long the engine takes to get to it. On a simulated clock the input also carries the
    /// page's time as the simulated time.
    /// </summary>
    private WorkflowInput Stamped(string inputId, string name, string payload, DateTimeOffset now) =>
        new(inputId, name, payload, settings.Clock == WorkflowClock.Simulated ? now : null, ReceivedAt: now);

    // The form's submission id and what it says make the input id: a double click or a resent form is the same input,
    // recorded once; the same form sent again with changed answers (Back, change, submit) is another.
    private static string InputId(string name, string submissionId, string payload) =>
        $"web:{name}:{submissionId}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(payload)))[..16]}";
}
