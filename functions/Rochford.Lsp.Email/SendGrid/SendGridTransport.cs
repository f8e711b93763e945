// Sends a message through SendGrid's v3 Mail Send API with the SendGrid SDK (SendGridClient over the HttpClient from
// IHttpClientFactory; SendGridMessage builds the request), now that the package restores here: the SDK owns the wire
// format, this class owns what an answer means. 202 is success; 429 and 5xx are retried a few times in process and
// then handed back to the outbox's durable back-off; any other 4xx is permanent, so the message is parked for officers
// rather than retried for ever. Tests: SendGridTransportTests, against a real local HTTP server.

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGrid.Helpers.Reliability;
using SendGridAddress = SendGrid.Helpers.Mail.EmailAddress;

namespace Rochford.Lsp.Email.SendGrid;

/// <summary>An <see cref="IMailTransport"/> over SendGrid's <c>POST /v3/mail/send</c>, through the SendGrid SDK.</summary>
/// <remarks>
/// Only the outbox id and message id travel in <c>custom_args</c> (they come back on delivery events); no personal
/// data does. The API key is sent only in the Authorization header of each request (the SDK sets it per request, not
/// on the shared HttpClient) and never appears in a result or exception.
/// Retries happen here and only here: the SDK's retry handler (<see cref="ReliabilitySettings"/>) is wired only into
/// HttpClients the SDK makes itself, never into one passed in, and its settings are left at zero retries besides.
/// </remarks>
public sealed class SendGridTransport : IMailTransport, IMailTransportStatus
{
    /// <summary>How long an email waits before it is tried again while the key is an unresolved Key Vault reference.</summary>
    internal static readonly TimeSpan UnresolvedKeyRetry = TimeSpan.FromMinutes(1);

    private readonly SendGridClient client;
    private readonly SendGridOptions options;
    private readonly EmailOptions email;
    private readonly TimeProvider time;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private readonly ILogger logger;

    /// <summary>Creates the transport. <paramref name="http"/> should come from IHttpClientFactory; its BaseAddress is not used.</summary>
    public SendGridTransport(HttpClient http, SendGridOptions options, EmailOptions email, TimeProvider? time = null, ILogger<SendGridTransport>? logger = null)
        : this(http, options, email, time ?? TimeProvider.System, delay: null, logger)
    {
    }

    /// <summary>Tests pass <paramref name="delay"/> to see the back-off the transport chose without waiting for it.</summary>
    internal SendGridTransport(HttpClient http, SendGridOptions options, EmailOptions email, TimeProvider time, Func<TimeSpan, CancellationToken, Task>? delay,
        ILogger? logger = null)
    {
        var problems = options.Validate().Concat(email.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The SendGrid settings are not usable: " + string.Join(" ", problems));
        }
        this.options = options;
        this.email = email;
        this.time = time;
        this.delay = delay ?? ((wait, ct) => Task.Delay(wait, time, ct));
        this.logger = logger ?? NullLogger.Instance;
        client = new SendGridClient(http, ClientOptions(options));
        if (options.KeyIsUnresolvedKeyVaultReference)
        {
            this.logger.LogError("Email:SendGrid:ApiKey: {Problem}. The app stays up; emails wait and are tried again.", SendGridOptions.UnresolvedKeyVaultReference);
        }
    }

    /// <inheritdoc/>
    public string? Problem => options.KeyIsUnresolvedKeyVaultReference ? SendGridOptions.UnresolvedKeyVaultReference : null;

    /// <summary>The SDK's settings: the key, the host (global, EU or a test server), and no retries or exceptions of its own.</summary>
    internal static SendGridClientOptions ClientOptions(SendGridOptions options) => new()
    {
        ApiKey = options.ApiKey,
        Host = options.Host,
        // Zero retries (the default, stated so no one turns it on): SendAsync's loop reads Retry-After and
        // X-RateLimit-Reset and hands long waits to the outbox; a second loop underneath would multiply the calls.
        ReliabilitySettings = new ReliabilitySettings(),
        // Error answers come back as a Response, so they become RetryLater or Rejected rather than exceptions.
        HttpErrorAsException = false,
    };

    /// <inheritdoc/>
    public async Task<SendResult> SendAsync(OutgoingEmail message, CancellationToken cancellationToken)
    {
        if (message.To.Count == 0 && message.Cc.Count == 0)
        {
            return new SendResult.Rejected($"Message {message.MessageId} has no recipients.");
        }
        if (options.KeyIsUnresolvedKeyVaultReference)
        {
            // Never sent with the reference as the key: SendGrid would answer 401 and the message would be parked for good.
            logger.LogError("Email {MessageId} ({Template}) waits: {Problem}.", message.MessageId, message.Template, SendGridOptions.UnresolvedKeyVaultReference);
            return new SendResult.RetryLater(UnresolvedKeyRetry, SendGridOptions.UnresolvedKeyVaultReference);
        }
        var mail = Message(message);
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await AttemptAsync(mail, cancellationToken).ConfigureAwait(false);
            if (outcome is not SendResult.RetryLater retry)
            {
                return outcome;
            }
            var wait = retry.After ?? Backoff(attempt);
            if (attempt >= options.InProcessRetries || wait > options.MaxInProcessDelay)
            {
                // Hand over to the outbox's durable back-off: it survives restarts, an in-process wait does not.
                return new SendResult.RetryLater(retry.After ?? Backoff(attempt + 1), $"{retry.Reason} (tried {attempt + 1} times)");
            }
            await delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SendResult> AttemptAsync(SendGridMessage mail, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            var response = await client.SendEmailAsync(mail, timeout.Token).ConfigureAwait(false);
            // The SDK hands over the response's content without disposing it; disposing it releases the response.
            using var content = response.Body;
            if (response.IsSuccessStatusCode)
            {
                return new SendResult.Sent(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
            }
            var status = (int)response.StatusCode;
            var text = content is null ? "" : await content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var what = $"SendGrid answered {status}{StatusWords(response.StatusCode)}";
            if (status == 429)
            {
                return new SendResult.RetryLater(RateLimitWait(response.Headers), $"{what}: too many requests");
            }
            if (status >= 500)
            {
                return new SendResult.RetryLater(RetryAfter(response.Headers), what);
            }
            return new SendResult.Rejected(Redact($"{what}: {ErrorMessages(text)}"));
        }
        catch (HttpRequestException e)
        {
            return new SendResult.RetryLater(null, Redact($"Could not reach SendGrid: {e.Message}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult.RetryLater(null, $"SendGrid did not answer within {options.RequestTimeout.TotalSeconds:0} seconds");
        }
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(options.RetryDelay.Ticks * (1L << Math.Min(attempt, 16)));

    /// <summary>" Too Many Requests" for 429: the SDK's Response keeps the status code but not the reason phrase, so the words come from the code.</summary>
    private static string StatusWords(HttpStatusCode code) =>
        Enum.IsDefined(code) ? " " + Regex.Replace(code.ToString(), "(?<=[a-z])(?=[A-Z])", " ") : "";

    // SendGrid's 429 carries X-RateLimit-Reset (Unix seconds); a proxy in front may send Retry-After instead.
    private TimeSpan? RateLimitWait(HttpResponseHeaders headers)
    {
        if (RetryAfter(headers) is { } after)
        {
            return after;
        }
        if (headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        var header = headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>SendGrid's error body is {"errors":[{"message":..,"field":..}]}; anything else is quoted, shortened.</summary>
    private static string ErrorMessages(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var messages = errors.EnumerateArray()
                    .Select(e => (Message: e.TryGetProperty("message", out var m) ? m.GetString() : null, Field: e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null))
                    .Where(e => !string.IsNullOrWhiteSpace(e.Message))
                    .Select(e => e.Field is null ? e.Message! : $"{e.Message} (field: {e.Field})")
                    .ToList();
                if (messages.Count > 0)
                {
                    return string.Join("; ", messages);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through and quote it.
        }
        var trimmed = body.Trim();
        return trimmed.Length == 0 ? "no details given" : trimmed.Length > 300 ? trimmed[..300] + "…" : trimmed;
    }

    private string Redact(string text) =>
        options.ApiKey.Length > 0 ? text.Replace(options.ApiKey, "[API key]", StringComparison.Ordinal) : text;

    /// <summary>The message as the SDK sends it: one personalization, text/plain then text/html, the ids in custom_args.</summary>
    internal SendGridMessage Message(OutgoingEmail message)
    {
        // SendGrid requires a "to" in every personalization. A copy has only Cc recipients, so they become its
        // "to": the copy's own wording already tells them it is a copy.
        var to = message.To.Count > 0 ? message.To : message.Cc;
        var cc = message.To.Count > 0 ? message.Cc : [];
        // showAllRecipients: one personalization holding every "to" (one message), not a separate envelope for each.
        var mail = MailHelper.CreateSingleEmailToMultipleRecipients(
            new SendGridAddress(email.FromEmail, email.FromName), Addresses(to), message.Content.Subject,
            message.Content.Text, message.Content.Html, showAllRecipients: true);
        if (cc.Count > 0)
        {
            mail.AddCcs(Addresses(cc));
        }
        mail.SetReplyTo(new SendGridAddress(email.EffectiveReplyTo));
        mail.AddGlobalCustomArg("outbox_id", message.OutboxId);
        mail.AddGlobalCustomArg("message_id", message.MessageId);
        mail.AddCategory(options.CategoryPrefix + message.Template);
        if (options.SandboxMode)
        {
            mail.SetSandBoxMode(true);
        }
        return mail;
    }

    private static List<SendGridAddress> Addresses(IReadOnlyList<string> addresses) => [.. addresses.Select(a => new SendGridAddress(a))];
}
