// The local-only endpoints developers and end-to-end tests use: the simulated clock, every project's status and each
// project's history. Outside the route table on purpose: they exist only on a laptop.

using System.Text.Json;
using System.Xml;
using Microsoft.DurableTask.Client;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Pages.Lead;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>Maps the workflow's endpoints.</summary>
public static class WorkflowEndpoints
{
    private static readonly SemaphoreSlim ClockGate = new(1, 1);

    /// <summary>
    /// POST /dev/tick (local only): runs the timer's work (the quarterly digest check) now, as the tick loop does every
    /// Workflow:TickInterval and the QuarterlyDigestCheck timer function does in Azure; answers with what it did.
    /// </summary>
    public static void MapDevTick(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/tick", async (IEnumerable<IAfterTick> afterTick, CancellationToken cancellationToken) =>
            Results.Ok(new { done = await AfterTick.RunAsync(afterTick, cancellationToken) }));
    }

    /// <summary>GET /dev/instances.json and GET /dev/instances/{id}/history.json (local only).</summary>
    public static void MapDevInstances(this IEndpointRouteBuilder app)
    {
        // Both answer as of every input this app has raised: they wait (a few seconds at most) for the projects to handle them.
        app.MapGet("/dev/instances.json", async (InstanceStateReader<ProjectState> reader, RaisedInputs raised, WorkflowClient workflow, CancellationToken ct) =>
        {
            await raised.WaitUntilRecordedAsync(workflow, null, ct);
            return Results.Ok((await reader.ListAsync(ct)).Select(i => new
            {
                instanceId = i.InstanceId,
                name = ReportingCycleOrchestrator.Name,
                status = i.Carry.Status,
                nextWakeUp = i.Carry.NextWakeUp,
                isCompleted = i.Carry.IsCompleted,
                sequence = i.Carry.Transition,
                updatedAt = i.Carry.Now,
                clock = i.Carry.Clock.ToString(),
                runtimeStatus = i.RuntimeStatus.ToString(),
            }));
        });
        app.MapGet("/dev/instances/{id}/history.json", async (string id, WorkflowClient workflow, ProjectHistory history, RaisedInputs raised, CancellationToken ct) =>
        {
            if (await workflow.Durable.GetInstanceAsync(id, getInputsAndOutputs: false, ct) is null)
                return Results.NotFound(new { error = $"There is no project '{id}'." });
            await raised.WaitUntilRecordedAsync(workflow, id, ct);
            return Results.Ok(await history.ListAsync(id, ct));
        });
    }

    /// <summary>GET and POST /dev/clock: show and move the simulated clock (local only).</summary>
    public static void MapSimulatedClock(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dev/clock", (SimulatedClock clock) => Results.Ok(new { now = clock.GetUtcNow(), simulated = true }));

        app.MapPost("/dev/clock", async (HttpRequest request, SimulatedTime time, SimulatedClockDriver driver,
            ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            ClockMove? move;
            try
            {
                move = await JsonSerializer.DeserializeAsync<ClockMove>(request.Body, JsonSerializerOptions.Web, cancellationToken);
            }
            catch (JsonException ex)
            {
                return Results.Problem(title: "The body is not valid JSON.", detail: ex.Message, statusCode: 400);
            }
            // One move at a time: two overlapping moves would raise the same wake-ups and race the saved time.
            await ClockGate.WaitAsync(cancellationToken);
            try
            {
                var now = time.Clock.GetUtcNow();
                DateTimeOffset target;
                if (move?.AdvanceTo is { } to && move.AdvanceBy is null)
                    target = to;
                else if (move?.AdvanceBy is { } by && move.AdvanceTo is null)
                {
                    try { target = now + XmlConvert.ToTimeSpan(by); }
                    catch (FormatException) { return Results.Problem(title: $"advanceBy '{by}' is not an ISO 8601 duration such as P30D or PT12H.", statusCode: 400); }
                    catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
                    {
                        return Results.Problem(title: $"advanceBy '{by}' is too long: the simulated clock moves at most {MostYearsAtOnce} years at a time.", statusCode: 400);
                    }
                }
                else
                    return Results.Problem(title: "Send exactly one of {\"advanceTo\":\"2010-06-01T09:00:00Z\"} or {\"advanceBy\":\"P30D\"}.", statusCode: 400);
                if (target < now)
                    return Results.Problem(title: $"The simulated clock is at {now:u}; it only moves forward.", statusCode: 400);
                // Every wake-up on the way is raised and waited for: a typo's thousands of years would never answer.
                if (target > now.AddYears(MostYearsAtOnce))
                    return Results.Problem(title: $"The simulated clock moves at most {MostYearsAtOnce} years at a time; {target:u} is further from {now:u}.", statusCode: 400);

                var logger = loggers.CreateLogger("Rochford.Lsp.Web.Clock");
                var woken = 0;
                var progress = new SynchronousProgress(at =>
                {
                    woken++;
                    if (at > time.Clock.GetUtcNow()) time.Clock.AdvanceTo(at);
                    logger.LogInformation("Simulated clock: woke the projects due at {At:u}", at);
                });
                var raised = await driver.AdvanceToAsync(target, progress, cancellationToken);
                await time.AdvanceAsync(target, cancellationToken);
                return Results.Ok(new { from = now, now = time.Clock.GetUtcNow(), ticks = woken, wakeUps = raised });
            }
            finally
            {
                ClockGate.Release();
            }
        }).DisableAntiforgery();
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
    private sealed class SynchronousProgress(Action<DateTimeOffset> report) : IProgress<DateTimeOffset>
    {
        public void Report(DateTimeOffset value) => report(value);
    }

    private sealed record ClockMove(DateTimeOffset? AdvanceTo, string? AdvanceBy);

    /// <summary>How far one POST /dev/clock may move the simulated clock.</summary>
    public const int MostYearsAtOnce = 100;
}
