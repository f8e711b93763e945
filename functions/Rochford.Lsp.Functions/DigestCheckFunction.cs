// The timer that does the work belonging to no one project (the Executive's quarterly digest): what the local app's
// tick loop and POST /dev/tick do. A failure is logged by the host; the next run tries again (the digest sends once).

using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Rochford.Lsp.Services.Mail;

namespace Rochford.Lsp.Functions;

/// <summary>Runs the <see cref="IAfterTick"/> work (the quarterly digest check) every ten minutes.</summary>
public sealed class DigestCheckFunction(IEnumerable<IAfterTick> work, ILogger<DigestCheckFunction> logger)
{
    /// <summary>The function's name.</summary>
    public const string Name = "QuarterlyDigestCheck";

    /// <summary>Every ten minutes: a digest is due once a quarter, and a check that finds it sent is one table read.</summary>
    public const string Schedule = "0 */10 * * * *";

    /// <summary>Runs the shared work and logs what it did.</summary>
    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        foreach (var line in await AfterTick.RunAsync(work, cancellationToken)) logger.LogInformation("{Done}", line);
    }
}
