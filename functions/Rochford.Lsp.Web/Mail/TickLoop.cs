// The local app's timer: every Workflow:TickInterval it runs the work that is no one project's (the quarterly digest).
// In Azure the Functions app's timer trigger does this instead.

using Rochford.Lsp.Web.Workflow;

namespace Rochford.Lsp.Web.Mail;

/// <summary>Runs the <see cref="IAfterTick"/> work every Workflow:TickInterval when the app runs on its own (locally).</summary>
internal sealed class TickLoop(IEnumerable<IAfterTick> work, WorkflowOptions options, AppReadiness readiness, ILogger<TickLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.Ready.WaitAsync(stoppingToken);
        }
        catch (InvalidOperationException)
        {
            return; // The app did not start (logged by the start-up); it is stopping.
        }
        using var timer = new PeriodicTimer(options.TickInterval);
        do
        {
            foreach (var item in work)
            {
                try
                {
                    await item.AfterTickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Timed work failed; trying again in {Interval}", options.TickInterval);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
