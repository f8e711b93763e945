using System.Text.Json;
using System.Xml;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Web.Mail;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>The tick endpoint for the Functions timer trigger, and the local-only simulated-clock endpoints.</summary>
public static class WorkflowEndpoints
{
    private static readonly SemaphoreSlim TickGate = new(1, 1);

    /// <summary>The custom handler protocol's names are PascalCase ("Outputs", "Logs", "ReturnValue").</summary>
    private static readonly JsonSerializerOptions HandlerJson = new();

    /// <summary>
    /// POST /tick: the Functions host invokes the timer trigger "tick" as a POST to /tick (custom handler protocol) and
    /// expects {"Outputs":{},"Logs":[...]}. A tick is idempotent and cheap when nothing is due; concurrent calls share one.
    /// </summary>
    public static void MapTick<TState>(this IEndpointRouteBuilder app) where TState : class
    {
        app.MapPost("/tick", async (DurableRuntime<TState> runtime, IEnumerable<IAfterTick> afterTick, CancellationToken cancellationToken) =>
        {
            if (!await TickGate.WaitAsync(0, cancellationToken))
                return Results.Json(new { Outputs = new { }, Logs = new[] { "A tick is already running." }, ReturnValue = (object?)null }, HandlerJson);
            try
            {
                var r = await runtime.TickAsync(cancellationToken);
                foreach (var work in afterTick)
                    await work.AfterTickAsync(cancellationToken);
                return Results.Json(new { Outputs = new { }, Logs = new[] { $"{r.DueRows} due, {r.WakeUpsDelivered} wake-ups, {r.EffectsDispatched} effects, {r.Failures} failures" }, ReturnValue = (object?)null }, HandlerJson);
            }
            finally
            {
                TickGate.Release();
            }
        }).DisableAntiforgery();
    }

    /// <summary>GET and POST /dev/clock: show and move the simulated clock (local only).</summary>
    public static void MapSimulatedClock<TState>(this IEndpointRouteBuilder app) where TState : class
    {
        app.MapGet("/dev/clock", (SimulatedClock clock) => Results.Ok(new { now = clock.GetUtcNow(), simulated = true }));

        app.MapPost("/dev/clock", async (HttpRequest request, SimulatedClock clock, DurableRuntime<TState> runtime, ILoggerFactory loggers, CancellationToken cancellationToken) =>
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
            var now = clock.GetUtcNow();
            DateTimeOffset target;
            if (move?.AdvanceTo is { } to && move.AdvanceBy is null)
                target = to;
            else if (move?.AdvanceBy is { } by && move.AdvanceTo is null)
            {
                try { target = now + XmlConvert.ToTimeSpan(by); }
                catch (FormatException) { return Results.Problem(title: $"advanceBy '{by}' is not an ISO 8601 duration such as P30D or PT12H.", statusCode: 400); }
            }
            else
                return Results.Problem(title: "Send exactly one of {\"advanceTo\":\"2010-06-01T09:00:00Z\"} or {\"advanceBy\":\"P30D\"}.", statusCode: 400);
            if (target < now)
                return Results.Problem(title: $"The simulated clock is at {now:u}; it only moves forward.", statusCode: 400);

            var logger = loggers.CreateLogger("Rochford.Lsp.Web.Clock");
            var progress = new Progress<(DateTimeOffset At, TickResult Result)>(p =>
                logger.LogInformation("{At:u}: {Due} due, {Woke} wake-ups, {Dispatched} effects", p.At, p.Result.DueRows, p.Result.WakeUpsDelivered, p.Result.EffectsDispatched));
            var ticks = await ClockDriver.AdvanceAsync(runtime, clock, target, progress, cancellationToken);
            return Results.Ok(new { from = now, now = clock.GetUtcNow(), ticks });
        }).DisableAntiforgery();
    }

    private sealed record ClockMove(DateTimeOffset? AdvanceTo, string? AdvanceBy);
}
