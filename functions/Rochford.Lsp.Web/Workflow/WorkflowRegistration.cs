using Microsoft.Extensions.Options;
using Rochford.Lsp.Durable;

namespace Rochford.Lsp.Web.Workflow;

/// <summary>Registers the clock, the durable runtime for one orchestration, the tick loop and the background delivery loop; the effect dispatcher comes from the email part.</summary>
public static class WorkflowRegistration
{
    /// <summary>Adds everything the workflow needs. The simulated clock is refused in Azure.</summary>
    public static IServiceCollection AddWorkflow<TState>(this IServiceCollection services, IConfiguration configuration, IOrchestration<TState> orchestration)
        where TState : class
    {
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section))
            .Validate(o => o.TickInterval > TimeSpan.Zero, "Workflow:TickInterval must be longer than zero, such as 00:00:30.")
            .Validate(o => o.DeliveryParallelism is >= 1 and <= 64, "Workflow:DeliveryParallelism must be between 1 and 64.")
            .ValidateOnStart();
        var clockOptions = configuration.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions();
        if (clockOptions.SimulatedStart is { } start)
        {
            if (Hosting.IsAzure)
                throw new InvalidOperationException("Clock:SimulatedStart is set, but the simulated clock is for local runs only and is never enabled in Azure. Remove the setting.");
            var clock = new SimulatedClock(start);
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new DurableRuntime<TState>(orchestration, storage.CreateClient("workflow"), storage.CreateClient("workflowindex"),
                sp.GetRequiredService<IEffectDispatcher>(), sp.GetRequiredService<TimeProvider>(), new DurableRuntimeOptions(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Rochford.Lsp.Durable"));
        });
        if (!Hosting.IsAzure) services.AddHostedService<TickLoop<TState>>();
        // In Azure too: the process lives between requests under the custom handler, and the tick covers it when it does not.
        services.AddHostedService<EffectDeliveryLoop<TState>>();
        return services;
    }

    /// <summary>Maps /tick, and locally /dev/clock (when simulated).</summary>
    public static void MapWorkflow<TState>(this WebApplication app) where TState : class
    {
        app.MapTick<TState>();
        if (Hosting.IsAzure) return;
        if (app.Services.GetService<SimulatedClock>() is not null) app.MapSimulatedClock<TState>();
    }

    /// <summary>Creates the tables before the app takes requests.</summary>
    public static async Task InitializeWorkflowAsync<TState>(this WebApplication app, CancellationToken cancellationToken = default) where TState : class
    {
        await app.Services.GetRequiredService<DurableRuntime<TState>>().InitializeAsync(cancellationToken);
    }
}
