// Retry policies for the workflow's activities. Durable Task re-runs a failed activity on these schedules; the
// activities are idempotent (rows keyed by transition, emails claimed by id), so a re-run never duplicates.

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace Rochford.Lsp.Workflow;

/// <summary>The retry options the orchestrator calls activities with.</summary>
public static partial class WorkflowRetries
{
    /// <summary>Table writes: storage hiccups pass in seconds.</summary>
    public static TaskOptions ReadModel { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

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
