// What the local app does after its web server is listening: start the workflow engine and its worker, open the saved
// simulated clock, create the tables and load the seed. Done before listening, they made the first page wait 2.5-3.5 s
// on this machine (issue 10 asks for under a second). The home page, the assets and /api/health answer at once;
// /api/health says "starting" until everything is up; every other request waits for the start, so no page, form or dev
// view ever sees a half-started app.

using System.Diagnostics;
using Rochford.Lsp.Pages;
using Rochford.Lsp.Pages.Routing;

namespace Rochford.Lsp.Web;

/// <summary>One thing to do at start-up. Steps with the same <see cref="Stage"/> run together; stages run in order.</summary>
public sealed record StartupStep(string Name, int Stage, Func<IServiceProvider, CancellationToken, Task> RunAsync);

/// <summary>The stages of the app's start-up.</summary>
public static class StartupStage
{
    /// <summary>The engine, the clock and the tables: none needs another.</summary>
    public const int Storage = 0;

    /// <summary>What needs them: the seed's projects are started on the engine.</summary>
    public const int Data = 1;
}

/// <summary>Runs the <see cref="StartupStep"/>s once the host has started; a failed step stops the app with exit code 1.</summary>
internal sealed class AppStartupService(
    IEnumerable<StartupStep> steps, IServiceProvider services, AppReadiness readiness, IHostApplicationLifetime lifetime, ILogger<AppStartupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // Cancelled as soon as the app begins to stop, before any hosted service (the engine among them) is stopped: a step
        // that then fails because the engine went is a stop while starting, not a failure.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        // After the web server has started listening: that is the point of this service.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        var clock = Stopwatch.StartNew();
        foreach (var stage in steps.GroupBy(s => s.Stage).OrderBy(g => g.Key))
        {
            var running = stage.Select(step => RunAsync(step, stoppingToken)).ToList();
            if (!(await Task.WhenAll(running)).All(ok => ok))
            {
                if (stoppingToken.IsCancellationRequested) return;   // stopped while starting: not a failure
                Environment.ExitCode = 1;
                lifetime.StopApplication();
                return;
            }
        }
        readiness.Running();
        logger.LogInformation("Started in {Elapsed} ms after the web server", clock.ElapsedMilliseconds);
    }

    private async Task<bool> RunAsync(StartupStep step, CancellationToken cancellationToken)
    {
        try
        {
            await step.RunAsync(services, cancellationToken);
            return true;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while starting (Ctrl-C): whatever the step threw (a cancelled gRPC call, say) is not the reason.
            readiness.Failed(step.Name, new OperationCanceledException("the app was stopped while starting"));
            return false;
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The app could not start: {Step} failed. {Message}", step.Name, ex.Message);
            readiness.Failed(step.Name, ex);
            return false;
        }
    }
}

/// <summary>Registers the start-up and the gate that holds requests until it is done.</summary>
public static class AppStartupRegistration
{
    /// <summary>Paths that never wait for the start: they need no storage.</summary>
    private static readonly string[] OpenPaths = ["/api/health", "/govuk/", "/assets/", "/js/"];

    /// <summary>The longest a request waits for the app to start before it is told to try again.</summary>
    public static readonly TimeSpan RequestWait = TimeSpan.FromSeconds(60);

    /// <summary>Adds the start-up service (steps are added with <see cref="AddStartupStep"/>).</summary>
    public static IServiceCollection AddAppStartup(this IServiceCollection services)
    {
        services.AddSingleton<AppReadiness>();
        services.AddHostedService<AppStartupService>();
        return services;
    }

    /// <summary>Adds a step to the start-up.</summary>
    public static IServiceCollection AddStartupStep(this IServiceCollection services, string name, int stage,
        Func<IServiceProvider, CancellationToken, Task> run) => services.AddSingleton(new StartupStep(name, stage, run));

    /// <summary>
    /// Holds every request but the home page, the assets and /api/health until the app has started; answers 503 (with
    /// Retry-After) if it does not start in time or failed to start.
    /// </summary>
    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var readiness = context.RequestServices.GetRequiredService<AppReadiness>();
        var path = context.Request.Path.Value ?? "/";
        if (readiness.Ready.IsCompletedSuccessfully || path == "/" || OpenPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }
        try
        {
            await readiness.Ready.WaitAsync(RequestWait, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // The client went away while waiting.
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            context.Response.Headers.RetryAfter = "10";
            await new StatusPageResult(StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
