// Receives SendGrid's Event Webhook: checks the ECDSA signature SendGrid puts on each POST (P-256, SHA-256,
// over the timestamp header followed by the raw body), refuses stale or tampered posts, and reads the events.

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rochford.Lsp.Email.Events;

/// <summary>Settings for the Event Webhook; bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class SendGridWebhookOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Email:SendGrid:EventWebhook";

    /// <summary>The setting that turns the webhook on (<see cref="PublicKey"/>), as messages name it.</summary>
    public const string PublicKeySetting = SectionName + ":" + nameof(PublicKey);

    /// <summary>The verification key SendGrid shows for the signed webhook: base64 DER SubjectPublicKeyInfo of a P-256 key.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>How far the signed timestamp may be from now, either way, before a post is refused as a replay.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>One delivery event about a message we sent.</summary>
/// <param name="Event">SendGrid's event name: "delivered", "bounce", "dropped", "deferred", ...</param>
/// <param name="RecipientHint">The recipient's address with most of it hidden (see <see cref="EmailAddress.Mask"/>).</param>
/// <param name="Reason">SendGrid's reason for a bounce, drop or deferral, as given.</param>
/// <param name="EventId">SendGrid's sg_event_id, unique per event; used to record each event once.</param>
public sealed record DeliveryEvent(string Event, string OutboxId, string? MessageId, DateTimeOffset OccurredAt, string? RecipientHint, string? Reason, string? EventId)
{
    /// <summary>True when the message did not and will not reach the recipient.</summary>
    public bool IsFailure => Event is "bounce" or "dropped" or "blocked";
}

/// <summary>The outcome of receiving one webhook post.</summary>
public abstract record WebhookReceipt
{
    private WebhookReceipt()
    {
    }

    /// <summary>Signed and fresh. <paramref name="Events"/> are those about our messages (with an outbox id); others are skipped.</summary>
    public sealed record Accepted(IReadOnlyList<DeliveryEvent> Events) : WebhookReceipt;

    /// <summary>Not to be trusted: answer 403 (or 400) and record nothing.</summary>
    public sealed record Refused(string Reason) : WebhookReceipt;
}

/// <summary>Verifies and parses SendGrid Event Webhook posts.</summary>
public sealed class SendGridEventWebhook : IDisposable
{
    /// <summary>The header carrying the base64 DER ECDSA signature.</summary>
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    /// <summary>The header carrying the Unix-seconds timestamp that is signed with the body.</summary>
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ECDsa key;
    private readonly TimeSpan maxAge;
    private readonly TimeProvider time;

    /// <summary>Loads the public key; throws <see cref="InvalidOperationException"/> saying what is wrong with it.</summary>
    public SendGridEventWebhook(SendGridWebhookOptions options, TimeProvider time)
    {
        this.time = time;
        maxAge = options.MaxAge;
        key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(options.PublicKey.Trim()), out _);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException(
                $"{SendGridWebhookOptions.PublicKeySetting} must be the verification key SendGrid shows for the signed Event Webhook (base64): {e.Message}", e);
        }
    }

    /// <summary>Checks the signature and timestamp of a post, then reads its events.</summary>
    /// <param name="body">The raw request body, exactly as received: the signature covers these bytes.</param>
    public WebhookReceipt Receive(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return new WebhookReceipt.Refused($"The {SignatureHeader} and {TimestampHeader} headers are required.");
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new WebhookReceipt.Refused("The timestamp is not a number of seconds.");
        }
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > maxAge)
        {
            return new WebhookReceipt.Refused($"The timestamp is {age.Duration().TotalMinutes:0} minutes from now; posts older than {maxAge.TotalMinutes:0} minutes are refused as possible replays.");
        }
        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return new WebhookReceipt.Refused("The signature is not base64.");
        }
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(written));
        bool valid;
        try
        {
            valid = key.VerifyData(signed, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            valid = false;
        }
        if (!valid)
        {
            return new WebhookReceipt.Refused("The signature does not match the body: it was not signed with the configured key, or was changed on the way.");
        }
        try
        {
            return new WebhookReceipt.Accepted(Parse(body));
        }
        catch (JsonException e)
        {
            return new WebhookReceipt.Refused($"The body is not SendGrid's JSON array of events: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => key.Dispose();

    /// <summary>SendGrid posts a JSON array; our custom_args (outbox_id, message_id) appear as top-level fields of each event.</summary>
    internal static IReadOnlyList<DeliveryEvent> Parse(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var json = JsonDocument.ParseValue(ref reader);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("expected an array.");
        }
        var events = new List<DeliveryEvent>();
        foreach (var item in json.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || String(item, "outbox_id") is not { } outboxId || String(item, "event") is not { } name)
            {
                continue;
            }
            var at = item.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var unix)
                ? DateTimeOffset.FromUnixTimeSeconds(unix)
                : DateTimeOffset.MinValue;
            var address = String(item, "email");
            // A bounce's "reason" is the receiving server's words; "response" is used for deferrals.
            var reason = String(item, "reason") ?? String(item, "response");
            events.Add(new DeliveryEvent(name, outboxId, String(item, "message_id"), at,
                address is null ? null : EmailAddress.Mask(address), reason, String(item, "sg_event_id")));
        }
        return events;
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
