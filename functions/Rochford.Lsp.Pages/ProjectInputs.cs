// How a page sends something to a project's workflow: checked first with the project's own rules (the pure decider, on the
// state the orchestration last recorded) so a refusal is shown at once in words, then raised. The orchestration decides
// again on its own state, so an input that raced a change is refused there (and recorded). The lead's forms and the
// officers' actions both come through here, so input ids and the simulated clock's time are made in one place.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Reporting;

namespace Rochford.Lsp.Pages;

/// <summary>The outcome of sending an input.</summary>
public abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>Recorded (or recorded already by an earlier click of the same form).</summary>
    public sealed record Accepted : SendResult;

    /// <summary>The workflow refused it; <paramref name="Reason"/> is its message for people.</summary>
    public sealed record Refused(string Reason) : SendResult;
}

/// <summary>Checks and raises inputs on projects' workflows.</summary>
public sealed class ProjectInputs(
    ProjectStates<ProjectState> projects,
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
        // The form's submission id and what it says make the input id: a double click or a resent form is the same
        // input, recorded once; the same form sent again with changed answers (Back, change, submit) is another.
        var content = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(payload)))[..16];
        var inputId = $"web:{name}:{submissionId}:{content}";
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
        // On a simulated clock the input carries the page's time; on the real clock the orchestration's own time is used.
        var at = settings.Clock == WorkflowClock.Simulated ? now : (DateTimeOffset?)null;
        await workflow.RaiseAsync(instanceId, new WorkflowInput(inputId, name, payload, at), cancellationToken);
        raised.Record(instanceId, inputId);
        return new SendResult.Accepted();
    }
}
