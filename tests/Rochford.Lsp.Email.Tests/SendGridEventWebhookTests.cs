// The Event Webhook: a post signed with SendGrid's ECDSA key (made here with ECDsa) is accepted and its events
// read; a changed body, another key or an old timestamp is refused. Events are then kept per outbox row in Azurite.

using System.Security.Cryptography;
using System.Text;
using Rochford.Lsp.Email.Events;
using Rochford.Lsp.Testing;

namespace Rochford.Lsp.Email.Tests;

public sealed class SendGridEventWebhookTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly ECDsa sendGridKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly SendGridEventWebhook webhook;

    public SendGridEventWebhookTests() =>
        webhook = new SendGridEventWebhook(new SendGridWebhookOptions { PublicKey = Convert.ToBase64String(sendGridKey.ExportSubjectPublicKeyInfo()) }, new FixedTime(Now));

    public void Dispose()
    {
        webhook.Dispose();
        sendGridKey.Dispose();
    }

    internal const string Body = """
        [
          {"email":"roc4.lead@example.org","timestamp":1795514400,"event":"bounce","type":"bounce","status":"5.1.1","reason":"550 5.1.1 The email account that you tried to reach does not exist.","sg_event_id":"ev-1","sg_message_id":"sg-abc.filter","outbox_id":"ROC4/7/0","message_id":"ROC4/7/0/to/0"},
          {"email":"lsp.officer.a@example.org","timestamp":1795514401,"event":"delivered","response":"250 OK","sg_event_id":"ev-2","outbox_id":"ROC4/7/0","message_id":"ROC4/7/0/cc"},
          {"email":"someone@example.org","timestamp":1795514402,"event":"delivered","sg_event_id":"ev-3"}
        ]
        """;

    private static string Sign(ECDsa key, string timestamp, byte[] body) =>
        Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Receive_SignedPost_IsAcceptedAndOurEventsAreRead()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var timestamp = Stamp(Now.AddSeconds(-30));

        var receipt = webhook.Receive(Sign(sendGridKey, timestamp, body), timestamp, body);

        var events = Assert.IsType<WebhookReceipt.Accepted>(receipt).Events;
        Assert.Equal(2, events.Count); // the third has no outbox id: not ours
        Assert.Equal(
            new DeliveryEvent("bounce", "ROC4/7/0", "ROC4/7/0/to/0", DateTimeOffset.FromUnixTimeSeconds(1795514400), "r•••@example.org",
                "550 5.1.1 The email account that you tried to reach does not exist.", "ev-1"),
            events[0]);
        Assert.True(events[0].IsFailure);
        Assert.Equal(("delivered", "ROC4/7/0/cc", "250 OK", false), (events[1].Event, events[1].MessageId, events[1].Reason, events[1].IsFailure));
    }

    [Fact]
    public void Receive_TamperedBody_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var timestamp = Stamp(Now);
        var signature = Sign(sendGridKey, timestamp, body);
        var tampered = Encoding.UTF8.GetBytes(Body.Replace("bounce", "delivered", StringComparison.Ordinal));

        var receipt = webhook.Receive(signature, timestamp, tampered);

        Assert.Equal(new WebhookReceipt.Refused("The signature does not match the body: it was not signed with the configured key, or was changed on the way."), receipt);
    }

    [Fact]
    public void Receive_SignedWithAnotherKey_IsRefused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = Encoding.UTF8.GetBytes(Body);
        var timestamp = Stamp(Now);

        Assert.IsType<WebhookReceipt.Refused>(webhook.Receive(Sign(other, timestamp, body), timestamp, body));
    }

    [Fact]
    public void Receive_SignatureOverAnotherTimestamp_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes(Body);

        var receipt = webhook.Receive(Sign(sendGridKey, Stamp(Now), body), Stamp(Now.AddSeconds(-1)), body);

        Assert.IsType<WebhookReceipt.Refused>(receipt);
    }

    [Fact]
    public void Receive_StaleTimestamp_IsRefusedEvenWhenSigned()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var timestamp = Stamp(Now.AddMinutes(-30));

        var receipt = webhook.Receive(Sign(sendGridKey, timestamp, body), timestamp, body);

        Assert.Equal(new WebhookReceipt.Refused("The timestamp is 30 minutes from now; posts older than 10 minutes are refused as possible replays."), receipt);
    }

    [Theory]
    [InlineData(null, "1795514400")]
    [InlineData("c2ln", null)]
    [InlineData("not base64!", "STAMP")]
    [InlineData("c2ln", "yesterday")]
    public void Receive_MissingOrMalformedHeaders_AreRefused(string? signature, string? timestamp)
    {
        var receipt = webhook.Receive(signature, timestamp == "STAMP" ? Stamp(Now) : timestamp, Encoding.UTF8.GetBytes(Body));

        Assert.IsType<WebhookReceipt.Refused>(receipt);
    }

    [Fact]
    public void Receive_SignedButNotAnArray_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"bounce"}""");
        var timestamp = Stamp(Now);

        var receipt = webhook.Receive(Sign(sendGridKey, timestamp, body), timestamp, body);

        Assert.StartsWith("The body is not SendGrid's JSON array of events", Assert.IsType<WebhookReceipt.Refused>(receipt).Reason);
    }

    [Fact]
    public void Create_WithAKeyThatIsNotOne_SaysWhatToConfigure()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new SendGridEventWebhook(new SendGridWebhookOptions { PublicKey = "bm90IGEga2V5" }, TimeProvider.System));

        Assert.StartsWith("Email:SendGrid:EventWebhook:PublicKey must be the verification key SendGrid shows for the signed Event Webhook", error.Message);
    }
}

public sealed class DeliveryEventStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static DeliveryEvent Bounce(string outboxId, string id, int second) => new("bounce", outboxId, outboxId + "/to/0",
        DateTimeOffset.FromUnixTimeSeconds(1795514400 + second), "r•••@example.org", "550 5.1.1 user unknown", id);

    [Fact]
    public async Task Record_SameEventTwice_IsKeptOnceAndListedByOutboxRow()
    {
        var store = new DeliveryEventStore(await azurite.CreateTableAsync("deliveries"));
        var ct = AzuriteFixture.Timeout();
        var delivered = new DeliveryEvent("delivered", "ROC4/7/0", "ROC4/7/0/cc", DateTimeOffset.FromUnixTimeSeconds(1795514399), "l•••@example.org", null, null);

        await store.RecordAsync([Bounce("ROC4/7/0", "ev-1", 1), delivered, Bounce("ROC1/2/0", "ev-9", 0)], ct);
        await store.RecordAsync([Bounce("ROC4/7/0", "ev-1", 1), delivered], ct); // SendGrid posts again

        var events = await store.ListAsync("ROC4/7/0", ct);
        Assert.Equal([delivered, Bounce("ROC4/7/0", "ev-1", 1)], events);
        Assert.Equal([Bounce("ROC1/2/0", "ev-9", 0)], await store.ListAsync("ROC1/2/0", ct));
        Assert.Empty(await store.ListAsync("ROC9/1/0", ct));
    }
}

public sealed class DeliveryEventTextTests
{
    [Fact]
    public void Describe_BounceToTheLead_SaysWhoAndWhy()
    {
        var bounce = new DeliveryEvent("bounce", "ROC4/7/0", "ROC4/7/0/to/0", DateTimeOffset.UnixEpoch, "r•••@example.org", "550 5.1.1 user unknown", "ev-1");

        Assert.Equal("The QuarterlyRequest email to the lead for ROC4 Careline (r•••@example.org) bounced: 550 5.1.1 user unknown",
            DeliveryEventText.Describe(bounce, "QuarterlyRequest", "ROC4 Careline"));
    }

    [Fact]
    public void Describe_DroppedCopy_NamesTheCopiedPeople()
    {
        var dropped = new DeliveryEvent("dropped", "ROC4/7/0", "ROC4/7/0/cc", DateTimeOffset.UnixEpoch, null, "Bounced Address", null);

        Assert.Equal("The OverdueChase email to the copy for the LSP officers was dropped by SendGrid: Bounced Address",
            DeliveryEventText.Describe(dropped, "OverdueChase", "ROC4 Careline"));
    }
}
