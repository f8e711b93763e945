using Microsoft.Extensions.Options;
using Rochford.Lsp.Durable;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>
/// Sends the emails of inputs that people make on pages just after their transition commits, so a page answers without
/// waiting for the email provider (see <see cref="EffectDelivery.Background"/>).
/// </summary>
internal sealed class EffectDeliveryLoop<TState>(DurableRuntime<TState> runtime, IOptions<WorkflowOptions> options) : BackgroundService
    where TState : class
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        runtime.RunDeliveryLoopAsync(options.Value.DeliveryParallelism, stoppingToken);
}
