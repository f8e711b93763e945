// The SendGrid transport (over the SendGrid SDK) against a real local HTTP server (WireMock.Net): the exact request,
// retries on 429/5xx with the provider's wait honoured, and permanent refusals returned once, with SendGrid's own words.
// Run: dotnet test tests/Rochford.Lsp.Email.Tests --filter SendGridTransportTests

using System.Text.Json.Nodes;
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

    private JsonNode SentJson() => JsonNode.Parse(Bodies().Single())!;

    /// <summary>Compares JSON by meaning (key order and escaping aside), showing both when they differ.</summary>
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected}\nActual   {actual?.ToJsonString()}");

    [Fact]
    public async Task Send_Accepted_PostsTheExactBodyWithTheBearerKey()
    {
        Answer(r => r.WithStatusCode(202).WithHeader("X-Message-Id", "sg-abc123"));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        Assert.Equal(new SendResult.Sent("sg-abc123"), result);
        var request = Assert.Single(server.LogEntries).RequestMessage!;
        Assert.Equal("Bearer " + ApiKey, request.Headers!["Authorization"].Single());
        Assert.StartsWith("application/json", request.Headers["Content-Type"].Single());
        // The SDK's serializer writes its own key order and escapes <, >, &, ' and " as \u00XX (HTML-safe JSON).
        Assert.Equal(
            """{"from":{"name":"Rochford LSP","email":"lsp@rochford.example.gov.uk"},"subject":"ROC4 Careline: report for January to March 2010","personalizations":[{"to":[{"email":"roc4.lead@example.org"}]}],"content":[{"type":"text/plain","value":"Hello,\n\u0022Please\u0022 report."},{"type":"text/html","value":"\u003cp\u003eHello \u0026 “welcome”\u003c/p\u003e"}],"categories":["lsp-QuarterlyRequest"],"custom_args":{"outbox_id":"ROC4/7/0","message_id":"ROC4/7/0/to/0"},"reply_to":{"email":"lsp.officers@rochford.example.gov.uk"}}""",
            request.Body);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task Send_Accepted_BodyDecodesToTheRenderedSubjectTextAndHtmlExactly()
    {
        Answer(r => r.WithStatusCode(202));

        await Transport().SendAsync(Message, CancellationToken.None);

        var json = SentJson();
        Assert.Equal(Message.Content.Subject, (string?)json["subject"]);
        Assert.Equal(["text/plain", "text/html"], json["content"]!.AsArray().Select(c => (string?)c!["type"]));
        Assert.Equal(Message.Content.Text, (string?)json["content"]![0]!["value"]);
        Assert.Equal(Message.Content.Html, (string?)json["content"]![1]!["value"]);
    }

    [Fact]
    public async Task Send_Accepted_SendsTheSdksHeadersAndTheKeyOnlyInAuthorization()
    {
        Answer(r => r.WithStatusCode(202));

        await Transport().SendAsync(Message, CancellationToken.None);

        var headers = Assert.Single(server.LogEntries).RequestMessage!.Headers!;
        Assert.Equal("application/json", headers["Content-Type"].Single());   // the SDK drops "; charset=utf-8"
        Assert.Equal("application/json", headers["Accept"].Single());
        Assert.Matches(@"^sendgrid/9\.[0-9.]+ csharp$", string.Join(" ", headers["User-Agent"]));
        Assert.Equal(["Authorization"], headers.Where(h => h.Value.Any(v => v.Contains(ApiKey, StringComparison.Ordinal))).Select(h => h.Key));
    }

    [Fact]
    public async Task Send_Accepted_LeavesTheFactorysHttpClientUnchanged()
    {
        // The HttpClient comes from IHttpClientFactory: the key goes on each request, never into the client's defaults.
        Answer(r => r.WithStatusCode(202));

        await Transport().SendAsync(Message, CancellationToken.None);

        Assert.Empty(http.DefaultRequestHeaders);
        Assert.Null(http.BaseAddress);
    }

    [Fact]
    public async Task Send_CopyWithOnlyCc_AddressesTheCopiedPeopleAsTo()
    {
        Answer(r => r.WithStatusCode(202));
        var copy = Message with { MessageId = "ROC4/7/0/cc", To = [], Cc = ["lsp.officer.a@example.org", "lsp.officer.b@example.org"] };

        await Transport().SendAsync(copy, CancellationToken.None);

        AssertJson("""[{"to":[{"email":"lsp.officer.a@example.org"},{"email":"lsp.officer.b@example.org"}]}]""", SentJson()["personalizations"]);
    }

    [Fact]
    public async Task Send_ToAndCc_WritesBothInThePersonalization()
    {
        Answer(r => r.WithStatusCode(202));

        await Transport().SendAsync(Message with { Cc = ["lsp.officer.a@example.org"] }, CancellationToken.None);

        AssertJson("""[{"to":[{"email":"roc4.lead@example.org"}],"cc":[{"email":"lsp.officer.a@example.org"}]}]""", SentJson()["personalizations"]);
    }

    [Fact]
    public async Task Send_SeveralTo_AreOneMessageWithEveryoneInOnePersonalization()
    {
        Answer(r => r.WithStatusCode(202));

        await Transport().SendAsync(Message with { To = ["roc4.lead@example.org", "roc4.deputy@example.org"] }, CancellationToken.None);

        AssertJson("""[{"to":[{"email":"roc4.lead@example.org"},{"email":"roc4.deputy@example.org"}]}]""", SentJson()["personalizations"]);
    }

    [Fact]
    public async Task Send_SameAddressTwiceInTo_IsListedOnce()
    {
        // The SDK drops repeated addresses (ignoring case) within each list; SendGrid would refuse them.
        Answer(r => r.WithStatusCode(202));

        await Transport().SendAsync(Message with { To = ["roc4.lead@example.org", "ROC4.Lead@example.org"] }, CancellationToken.None);

        AssertJson("""[{"to":[{"email":"roc4.lead@example.org"}]}]""", SentJson()["personalizations"]);
    }

    [Fact]
    public async Task Send_SandboxMode_SetsTheMailSetting()
    {
        Answer(r => r.WithStatusCode(202));

        await Transport(o => o.SandboxMode = true).SendAsync(Message, CancellationToken.None);

        AssertJson("""{"sandbox_mode":{"enable":true}}""", SentJson()["mail_settings"]);
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
        Assert.Equal(3, server.LogEntries.Count());   // 1 + InProcessRetries: the SDK adds no retries of its own
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
    public async Task Send_StatusWithoutAStandardName_IsRejectedWithTheNumberAndTheBody()
    {
        Answer(r => r.WithStatusCode(418).WithBody("I'm a teapot"));

        var result = await Transport().SendAsync(Message, CancellationToken.None);

        Assert.Equal(new SendResult.Rejected("SendGrid answered 418: I'm a teapot"), result);
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
    public async Task Send_ServerSlowerThanTheRequestTimeout_AsksToRetryLater()
    {
        Answer(r => r.WithStatusCode(202).WithDelay(TimeSpan.FromSeconds(5)));

        var result = await Transport(o => (o.RequestTimeout, o.InProcessRetries) = (TimeSpan.FromSeconds(1), 0)).SendAsync(Message, CancellationToken.None);

        Assert.Equal(new SendResult.RetryLater(TimeSpan.FromSeconds(2), "SendGrid did not answer within 1 seconds (tried 1 times)"), result);
    }

    [Fact]
    public void ClientOptions_CarryTheKeyAndHostAndLeaveTheSdksRetriesOff()
    {
        Assert.Equal(SendGridOptions.GlobalHost, new SendGridOptions().Host);

        var sdk = SendGridTransport.ClientOptions(new SendGridOptions { ApiKey = ApiKey, Host = SendGridOptions.EuHost });

        Assert.Equal("https://api.eu.sendgrid.com", sdk.Host);
        Assert.Equal(ApiKey, sdk.ApiKey);
        Assert.Equal(0, sdk.ReliabilitySettings.MaximumNumberOfRetries);
        Assert.False(sdk.HttpErrorAsException);
    }

    [Theory]
    [InlineData("", "/v3/mail/send")]
    [InlineData("/", "/v3/mail/send")]
    [InlineData("/eu-relay", "/eu-relay/v3/mail/send")]
    [InlineData("/eu-relay/", "/eu-relay/v3/mail/send")]
    public async Task Host_WithOrWithoutAPathPrefixOrTrailingSlash_IsHonoured(string suffix, string path)
    {
        server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(202));

        var result = await Transport(o => o.Host = server.Url + suffix).SendAsync(Message, CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal(path, Assert.Single(server.LogEntries).RequestMessage!.Path);
    }

    [Fact]
    public void Options_WithoutKey_AreRefusedWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new SendGridTransport(http, new SendGridOptions { Host = "api.sendgrid.com" }, Samples.Options()));

        Assert.Equal("The SendGrid settings are not usable: Email:SendGrid:ApiKey is required to send through SendGrid. "
            + "Email:SendGrid:Host must be an absolute URL such as https://api.sendgrid.com or https://api.eu.sendgrid.com; it is 'api.sendgrid.com'.", error.Message);
    }

    [Fact]
    public async Task Send_WhileTheKeyIsAnUnresolvedKeyVaultReference_WaitsToBeTriedAgain_WithoutCallingSendGrid_SoNothingIsParkedOnA401()
    {
        Answer(r => r.WithStatusCode(401));
        var transport = Transport(o => o.ApiKey = "@Microsoft.KeyVault(VaultName=kv-lsp;SecretName=sendgrid-api-key)");

        var result = await transport.SendAsync(Message, CancellationToken.None);

        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.StartsWith("the SendGrid key is still an unresolved Key Vault reference; check the app's identity has Key Vault Secrets User", retry.Reason);
        Assert.DoesNotContain("kv-lsp", retry.Reason);
        Assert.Empty(server.LogEntries);
        Assert.Equal(retry.Reason, transport.Problem);
        // Not a configuration error: the options are usable, and a resolved key has no problem.
        Assert.Empty(new SendGridOptions { ApiKey = "@Microsoft.KeyVault(VaultName=kv-lsp;SecretName=sendgrid-api-key)" }.Validate());
        Assert.Null(Transport().Problem);
    }
}

/// <summary>A clock stopped at <paramref name="now"/>, for waits computed from rate-limit reset times.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
