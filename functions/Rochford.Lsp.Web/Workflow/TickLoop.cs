using Microsoft.Extensions.Options;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Web.Mail;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>Ticks the workflow runtime on an interval when the app runs on its own (locally). Under the Functions host the timer trigger does it.</summary>
internal sealed class TickLoop<TState>(DurableRuntime<TState> runtime, IEnumerable<IAfterTick> afterTick, IOptions<WorkflowOptions> options, ILogger<TickLoop<TState>> logger)
    : BackgroundService where TState : class
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TickInterval);
        do
        {
            try
            {
                var result = await runtime.TickAsync(stoppingToken);
                if (result.DueRows > 0)
                    logger.LogInformation("Tick: {Due} due, {Woke} wake-ups, {Dispatched} effects, {Failures} failures", result.DueRows, result.WakeUpsDelivered, result.EffectsDispatched, result.Failures);
                foreach (var work in afterTick)
                    await work.AfterTickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Tick failed; trying again in {Interval}", options.Value.TickInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
