// The SendGrid client against a real local HTTP server (WireMock.Net): the exact request, retries on 429/5xx
// with the provider's wait honoured, and permanent refusals returned once, with SendGrid's own words.

using System.Net;
using Rochford.Lsp.Email.SendGrid;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Rochford.Lsp.Email.Tests;

public sealed class SendGridTransportTests : IDisposable
{
    private const string ApiKey = "SG.test-key-do-not-leak";
    private readonly WireMockServer server = WireMockServer.Start();
    private readonly HttpClient http = new();
    private readonly List<TimeSpan> delays = [];
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static readonly OutgoingEmail Message = new("ROC4/7/0/to/0", "ROC4/7/0", "QuarterlyRequest", ["roc4.lead@example.org"], [],
        new RenderedEmail("ROC4 Careline: report for January to March 2010", Html: "<p>Hello & “welcome”</p>", Text: "Hello,\n\"Please\" report.", Links: []));

    public void Dispose()
    {
        server.Stop();
        server.Dispose();
        http.Dispose();
    }

    private SendGridTransport Transport(Action<SendGridOptions>? change = null)
    {
        var options = new SendGridOptions { ApiKey = ApiKey, Host = server.Url!, CategoryPrefix = "lsp-" };
        change?.Invoke(options);
        return new SendGridTransport(http, options, Samples.Options(), new FixedTime(Now), (wait, _) =>
        {
            delays.Add(wait);
            return Task.CompletedTask;
        });
    }

    private void Answer(params Func<IResponseBuilder, IResponseBuilder>[] responses)
    {
        for (var i = 0; i < responses.Length; i++)
        {
            var request = server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).InScenario("sends");
            request = i == 0 ? request : request.WhenStateIs($"call{i}");
            (i < responses.Length - 1 ? request.WillSetStateTo($"call{i + 1}") : request)
                .RespondWith(responses[i](Response.Create()));
        }
    }

    private string[] Bodies() => [.. server.LogEntries.Select(e => e.RequestMessage!.Body!)];

    [Fact]
    public async Task Send_Accepted_PostsTheExactBodyWithTheBearerKey()
    {
        Answer(r => r.WithStatusCode(202).WithHeader("X-Message-Id", "sg-abc123"));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        Assert.Equal(new SendResult.Sent("sg-abc123"), result);
        var request = Assert.Single(server.LogEntries).RequestMessage!;
        Assert.Equal("Bearer " + ApiKey, request.Headers!["Authorization"].Single());
        Assert.StartsWith("application/json", request.Headers["Content-Type"].Single());
        Assert.Equal(
            """{"personalizations":[{"to":[{"email":"roc4.lead@example.org"}]}],"from":{"email":"lsp@rochford.example.gov.uk","name":"Rochford LSP"},"reply_to":{"email":"lsp.officers@rochford.example.gov.uk"},"subject":"ROC4 Careline: report for January to March 2010","content":[{"type":"text/plain","value":"Hello,\n\"Please\" report."},{"type":"text/html","value":"<p>Hello & “welcome”</p>"}],"custom_args":{"outbox_id":"ROC4/7/0","message_id":"ROC4/7/0/to/0"},"categories":["lsp-QuarterlyRequest"]}""",
            request.Body);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task Send_CopyWithOnlyCc_AddressesTheCopiedPeopleAsTo()
    {
        Answer(r => r.WithStatusCode(202));
        var copy = Message with { MessageId = "ROC4/7/0/cc", To = [], Cc = ["lsp.officer.a@example.org", "lsp.officer.b@example.org"] };

        await Transport().SendAsync(copy, CancellationToken.None);

        Assert.StartsWith("""{"personalizations":[{"to":[{"email":"lsp.officer.a@example.org"},{"email":"lsp.officer.b@example.org"}]}],""", Bodies().Single());
    }

    [Fact]
    public async Task Send_ToAndCc_WritesBothInThePersonalization()
    {
        Answer(r => r.WithStatusCode(202));

        await Transport().SendAsync(Message with { Cc = ["lsp.officer.a@example.org"] }, CancellationToken.None);

        Assert.StartsWith("""{"personalizations":[{"to":[{"email":"roc4.lead@example.org"}],"cc":[{"email":"lsp.officer.a@example.org"}]}],""", Bodies().Single());
    }

    [Fact]
    public async Task Send_SandboxMode_SetsTheMailSetting()
    {
        Answer(r => r.WithStatusCode(202));

        await Transport(o => o.SandboxMode = true).SendAsync(Message, CancellationToken.None);

        Assert.EndsWith("""
            "categories":["lsp-QuarterlyRequest"],"mail_settings":{"sandbox_mode":{"enable":true}}}
            """, Bodies().Single());
    }

    [Fact]
    public async Task Send_TooManyRequestsThenAccepted_WaitsAsRetryAfterSays()
    {
        Answer(r => r.WithStatusCode(429).WithHeader("Retry-After", "3"), r => r.WithStatusCode(202).WithHeader("X-Message-Id", "sg-2"));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        Assert.Equal(new SendResult.Sent("sg-2"), result);
        Assert.Equal([TimeSpan.FromSeconds(3)], delays);
        Assert.Equal(2, server.LogEntries.Count());
        Assert.Equal(Bodies()[0], Bodies()[1]);
    }

    [Fact]
    public async Task Send_TooManyRequestsWithRateLimitReset_WaitsUntilTheReset()
    {
        var reset = Now.AddSeconds(4).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Answer(r => r.WithStatusCode(429).WithHeader("X-RateLimit-Reset", reset), r => r.WithStatusCode(202));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal([TimeSpan.FromSeconds(4)], delays);
    }

    [Fact]
    public async Task Send_RateLimitLongerThanWorthWaiting_HandsBackToTheOutboxAtOnce()
    {
        Answer(r => r.WithStatusCode(429).WithHeader("Retry-After", "120"));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.Equal(TimeSpan.FromSeconds(120), retry.After);
        Assert.Equal("SendGrid answered 429 Too Many Requests: too many requests (tried 1 times)", retry.Reason);
        Assert.Single(server.LogEntries);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task Send_ServerErrorThenAccepted_BacksOffAndSends()
    {
        Answer(r => r.WithStatusCode(500), r => r.WithStatusCode(202).WithHeader("X-Message-Id", "sg-3"));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        Assert.Equal(new SendResult.Sent("sg-3"), result);
        Assert.Equal([TimeSpan.FromSeconds(1)], delays);
    }

    [Fact]
    public async Task Send_ServiceUnavailableEveryTime_RetriesTwiceThenAsksTheOutboxToRetryLater()
    {
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.Equal(3, server.LogEntries.Count());
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], delays);
        Assert.Equal(TimeSpan.FromSeconds(8), retry.After);
        Assert.Equal("SendGrid answered 503 Service Unavailable (tried 3 times)", retry.Reason);
    }

    [Fact]
    public async Task Send_BadRequest_IsRejectedWithSendGridsMessageAfterOneCall()
    {
        Answer(r => r.WithStatusCode(400).WithHeader("Content-Type", "application/json").WithBody(
            """{"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from","help":null}]}"""));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        Assert.Equal(new SendResult.Rejected("SendGrid answered 400 Bad Request: The from address does not match a verified Sender Identity. (field: from)"), result);
        Assert.Single(server.LogEntries);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task Send_Unauthorized_IsRejectedWithoutTheKey()
    {
        // A misbehaving proxy might echo the header back; the key must still not reach the officers' pages.
        Answer(r => r.WithStatusCode(401).WithBody($$"""{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked: Bearer {{ApiKey}}","field":null}]}"""));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        var rejected = Assert.IsType<SendResult.Rejected>(result);
        Assert.StartsWith("SendGrid answered 401 Unauthorized: The provided authorization grant is invalid, expired, or revoked", rejected.Reason);
        Assert.DoesNotContain(ApiKey, rejected.Reason);
        Assert.Single(server.LogEntries);
    }

    [Fact]
    public async Task Send_ServerUnreachable_AsksToRetryLater()
    {
        var url = server.Url!;
        server.Stop();
        var transport = Transport(o => o.Host = url);

        var result = await transport.SendAsync(Message, CancellationToken.None);

        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.StartsWith("Could not reach SendGrid", retry.Reason);
        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public void Host_DefaultsToGlobalAndCanBeTheEuEndpoint()
    {
        Assert.Equal("https://api.sendgrid.com", new SendGridOptions().Host);
        var eu = Transport(o => o.Host = SendGridOptions.EuHost);
        Assert.Equal("https://api.eu.sendgrid.com/v3/mail/send", eu.Endpoint.AbsoluteUri);
    }

    [Fact]
    public async Task Host_WithAPathPrefix_IsHonoured()
    {
        server.Given(Request.Create().WithPath("/eu-relay/v3/mail/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));

        var result = await Transport(o => o.Host = server.Url + "/eu-relay/").SendAsync(Message, CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal("/eu-relay/v3/mail/send", Assert.Single(server.LogEntries).RequestMessage!.Path);
    }

    [Fact]
    public void Options_WithoutKey_AreRefusedWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new SendGridTransport(http, new SendGridOptions { Host = "api.sendgrid.com" }, Samples.Options()));

        Assert.Equal("The SendGrid settings are not usable: Email:SendGrid:ApiKey is required to send through SendGrid. "
            + "Email:SendGrid:Host must be an absolute URL such as https://api.sendgrid.com or https://api.eu.sendgrid.com; it is 'api.sendgrid.com'.", error.Message);
    }
}

/// <summary>A clock stopped at <paramref name="now"/>, for waits computed from rate-limit reset times.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
