// Retry policies for the workflow's activities. Durable Task re-runs a failed activity on these schedules; the
// activities are idempotent (rows keyed by transition, emails claimed by id), so a re-run never duplicates. The read
// model's retries have no cap (ARCHITECTURE.md rule 7): a storage outage delays a transition, never fails an instance.

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace Rochford.Lsp.Workflow;

/// <summary>The retry options the orchestrator calls activities with.</summary>
public static partial class WorkflowRetries
{
    /// <summary>After this many failed attempts in a row an activity call shows its instance as stuck (1 + 2 + 4 s of waiting).</summary>
    public const int StuckAfterAttempts = 3;

    /// <summary>The longest wait between two attempts of an activity that keeps failing.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts: 1 s, 2 s, 4 s ... at most <see cref="LongestWait"/>.</summary>
    public static TimeSpan WaitAfter(int failedAttempts) =>
        failedAttempts >= 9 ? LongestWait : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Max(failedAttempts - 1, 0)), LongestWait.TotalSeconds));

    /// <summary>
    /// Table writes (the read model): retried durably, 1 s, 2 s, 4 s ... then every <see cref="LongestWait"/>, with no cap on
    /// attempts (ARCHITECTURE.md rule 7). A storage outage delays the transition; it never fails the instance. The activities
    /// are idempotent (rows keyed by transition), so a retry overwrites, never duplicates.
    /// </summary>
    public static TaskOptions ReadModel { get; } = Durably(null, "");

    /// <summary>
    /// <see cref="ReadModel"/>'s retries, telling <paramref name="stuck"/> once <see cref="StuckAfterAttempts"/> attempts in a
    /// row have failed (what, why, since when), so the instance shows it is stuck while it waits. Only failures the engine
    /// marks as not retriable (an activity that does not exist) end the retries; the orchestrator handles those.
    /// </summary>
    /// <param name="stuck">Told of each failure from the <see cref="StuckAfterAttempts"/>th on; null to tell no one.</param>
    /// <param name="what">What the call does, in words ("recording transition 7"), for the stuck status.</param>
    public static TaskOptions Durably(Action<WorkflowProblem>? stuck, string what) => TaskOptions.FromRetryHandler(async retry =>
    {
        var context = retry.OrchestrationContext;
        if (stuck is not null && retry.LastAttemptNumber >= StuckAfterAttempts)
        {
            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            stuck(WorkflowProblem.Of(now - retry.TotalRetryTime, what,
                $"{retry.LastFailure.ErrorType[(retry.LastFailure.ErrorType.LastIndexOf('.') + 1)..]}: {retry.LastFailure.ErrorMessage}",
                retry.LastAttemptNumber));
        }
        await context.CreateTimer(WaitAfter(retry.LastAttemptNumber), CancellationToken.None);
        return true;
    });

    /// <summary>How many times a transition's emails are tried before they are left, recorded as unsent.</summary>
    public const int EmailAttempts = 8;

    /// <summary>
    /// Emails: a provider that is busy (429) or failing (5xx) is waited for, as long as it asked (Retry-After) or
    /// 2, 4, 8 ... seconds, at most ten minutes; any other failure (a bug, storage) is tried three times.
    /// </summary>
    public static TaskOptions Email { get; } = TaskOptions.FromRetryHandler(async retry =>
    {
        if (retry.LastAttemptNumber >= EmailAttempts)
            return false;
        if (!retry.LastFailure.IsCausedBy<EmailProviderBusyException>())
            return retry.LastAttemptNumber < 3;
        var wait = EmailProviderBusyException.RetryAfterIn(retry.LastFailure.ErrorMessage)
                   ?? TimeSpan.FromSeconds(Math.Pow(2, retry.LastAttemptNumber));
        if (wait > TimeSpan.FromMinutes(10))
            wait = TimeSpan.FromMinutes(10);
        await retry.OrchestrationContext.CreateTimer(wait, CancellationToken.None);
        return true;
    });
}

/// <summary>The email provider asked us to try again later (429 or 5xx): Durable Task retries the activity.</summary>
/// <remarks>
/// Only the exception's type and message cross to the orchestrator (as <see cref="TaskFailureDetails"/>), so the
/// provider's wait travels in the message, in a fixed form that <see cref="RetryAfterIn"/> reads.
/// </remarks>
public sealed partial class EmailProviderBusyException(TimeSpan? retryAfter, string reason)
    : Exception(retryAfter is { } after ? $"{reason} (retry after {after.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)" : reason)
{
    /// <summary>How long the provider asked us to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The wait written into a message by this exception, if any.</summary>
    public static TimeSpan? RetryAfterIn(string? message)
    {
        var match = message is null ? null : RetryAfterPattern().Match(message);
        return match is { Success: true } && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    [GeneratedRegex(@"\(retry after (\d+) s\)$")]
    private static partial Regex RetryAfterPattern();
}
