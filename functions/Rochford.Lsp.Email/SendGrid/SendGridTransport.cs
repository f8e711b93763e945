// Sends a message through SendGrid's v3 Mail Send REST API (the SendGrid package is not obtainable here).
// 202 is success; 429 and 5xx are retried a few times in process and then handed back to the outbox's durable
// back-off; any other 4xx is permanent, so the message is parked for officers rather than retried for ever.

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rochford.Lsp.Email.SendGrid;

/// <summary>An <see cref="IMailTransport"/> over SendGrid's <c>POST /v3/mail/send</c>.</summary>
/// <remarks>
/// Only the outbox id and message id travel in <c>custom_args</c> (they come back on delivery events); no personal
/// data does. The API key is sent only in the Authorization header and never appears in a result or exception.
/// </remarks>
public sealed class SendGridTransport : IMailTransport
{
    private readonly HttpClient http;
    private readonly SendGridOptions options;
    private readonly EmailOptions email;
    private readonly TimeProvider time;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;

    /// <summary>Where messages are posted: {Host}/v3/mail/send.</summary>
    internal Uri Endpoint { get; }

    /// <summary>Creates the transport. <paramref name="http"/> should come from IHttpClientFactory; its BaseAddress is not used.</summary>
    public SendGridTransport(HttpClient http, SendGridOptions options, EmailOptions email, TimeProvider? time = null)
        : this(http, options, email, time ?? TimeProvider.System, delay: null)
    {
    }

    /// <summary>Tests pass <paramref name="delay"/> to see the back-off the transport chose without waiting for it.</summary>
    internal SendGridTransport(HttpClient http, SendGridOptions options, EmailOptions email, TimeProvider time, Func<TimeSpan, CancellationToken, Task>? delay)
    {
        var problems = options.Validate().Concat(email.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The SendGrid settings are not usable: " + string.Join(" ", problems));
        }
        this.http = http;
        this.options = options;
        this.email = email;
        this.time = time;
        this.delay = delay ?? ((wait, ct) => Task.Delay(wait, time, ct));
        Endpoint = new Uri(new Uri(options.Host.TrimEnd('/') + "/"), "v3/mail/send");
    }

    /// <inheritdoc/>
    public async Task<SendResult> SendAsync(OutgoingEmail message, CancellationToken cancellationToken)
    {
        if (message.To.Count == 0 && message.Cc.Count == 0)
        {
            return new SendResult.Rejected($"Message {message.MessageId} has no recipients.");
        }
        var body = RequestBody(message);
        SendResult.RetryLater last = new(null, "not sent");
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await AttemptAsync(body, cancellationToken).ConfigureAwait(false);
            if (outcome is not SendResult.RetryLater retry)
            {
                return outcome;
            }
            last = retry;
            var wait = retry.After ?? Backoff(attempt);
            if (attempt >= options.InProcessRetries || wait > options.MaxInProcessDelay)
            {
                // Hand over to the outbox's durable back-off: it survives restarts, an in-process wait does not.
                return new SendResult.RetryLater(retry.After ?? Backoff(attempt + 1), $"{retry.Reason} (tried {attempt + 1} times)");
            }
            await delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SendResult> AttemptAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status == 202 || response.IsSuccessStatusCode)
            {
                return new SendResult.Sent(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
            }
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var what = $"SendGrid answered {status} {response.ReasonPhrase}";
            if (status == 429)
            {
                return new SendResult.RetryLater(RateLimitWait(response), $"{what}: too many requests");
            }
            if (status >= 500)
            {
                return new SendResult.RetryLater(RetryAfter(response), what);
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

    // SendGrid's 429 carries X-RateLimit-Reset (Unix seconds); a proxy in front may send Retry-After instead.
    private TimeSpan? RateLimitWait(HttpResponseMessage response)
    {
        if (RetryAfter(response) is { } after)
        {
            return after;
        }
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
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

    /// <summary>The exact JSON body: content text/plain first then text/html, as SendGrid requires.</summary>
    internal byte[] RequestBody(OutgoingEmail message)
    {
        // SendGrid requires a "to" in every personalization. A copy has only Cc recipients, so they become its
        // "to": the copy's own wording already tells them it is a copy.
        var to = message.To.Count > 0 ? message.To : message.Cc;
        var cc = message.To.Count > 0 ? message.Cc : [];
        using var stream = new MemoryStream();
        // Relaxed escaping keeps "<p>" and "£" readable in the body; it is a JSON request, never embedded in a page.
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("personalizations");
            w.WriteStartObject();
            WriteAddresses(w, "to", to);
            if (cc.Count > 0)
            {
                WriteAddresses(w, "cc", cc);
            }
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("from");
            w.WriteString("email", email.FromEmail);
            w.WriteString("name", email.FromName);
            w.WriteEndObject();
            w.WriteStartObject("reply_to");
            w.WriteString("email", email.EffectiveReplyTo);
            w.WriteEndObject();
            w.WriteString("subject", message.Content.Subject);
            w.WriteStartArray("content");
            WriteContent(w, "text/plain", message.Content.Text);
            WriteContent(w, "text/html", message.Content.Html);
            w.WriteEndArray();
            w.WriteStartObject("custom_args");
            w.WriteString("outbox_id", message.OutboxId);
            w.WriteString("message_id", message.MessageId);
            w.WriteEndObject();
            w.WriteStartArray("categories");
            w.WriteStringValue(options.CategoryPrefix + message.Template);
            w.WriteEndArray();
            if (options.SandboxMode)
            {
                w.WriteStartObject("mail_settings");
                w.WriteStartObject("sandbox_mode");
                w.WriteBoolean("enable", true);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WriteAddresses(Utf8JsonWriter w, string name, IReadOnlyList<string> addresses)
    {
        w.WriteStartArray(name);
        foreach (var address in addresses)
        {
            w.WriteStartObject();
            w.WriteString("email", address);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteContent(Utf8JsonWriter w, string type, string value)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("value", value);
        w.WriteEndObject();
    }
}
