// The outbox-to-email glue with the real pieces: the composer, SendGrid's API on a real local HTTP server
// (WireMock.Net) and the sent-message log in Azurite. Retries send only what is missing; nothing is dropped.

using Microsoft.Extensions.Logging.Abstractions;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Email;
using Rochford.Lsp.Email.SendGrid;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Json;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Web.Mail;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using NodaTime;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Web.Tests;

public sealed class EmailDispatchTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly EmailOptions Options = new()
    {
        BaseUrl = "https://lsp.example.gov.uk/",
        FromEmail = "lsp@example.gov.uk",
        ContactName = "the LSP officers",
        ContactEmail = "lsp.officers@example.gov.uk",
    };

    private readonly WireMockServer sendGrid = WireMockServer.Start();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        sendGrid.Stop();
        sendGrid.Dispose();
        http.Dispose();
    }

    private static string RequestModel() => ReportingJson.Serialize(new QuarterlyRequestModel("ROC4", "Careline", "SEE PCT", "Careline lead",
        new FinancialQuarter(2009, 4), "Jan - Mar 2010", new LocalDate(2010, 3, 31), new LocalDate(2010, 4, 15),
        new EmailLink(LinkPurpose.SubmitReport, "ROC4", new FinancialQuarter(2009, 4), new LocalDate(2010, 4, 25))));

    private static OutboxMessage Outbox(IReadOnlyList<string> to, IReadOnlyList<string> cc, int attempt = 1) =>
        new("ROC4/3/0", "ROC4", new Effect.SendEmail(EmailTemplates.QuarterlyRequest, to, cc, RequestModel()), attempt);

    private async Task<EmailOutboxDispatcher> DispatcherAsync()
    {
        var log = new SentMessageLog(await azurite.CreateTableAsync("sent"));
        var transport = new SendGridTransport(http, new SendGridOptions { ApiKey = "SG.test", Host = sendGrid.Url!, InProcessRetries = 0 }, Options);
        return new EmailOutboxDispatcher(new Lazy<EmailComposer>(() => new EmailComposer(Options)), new FixedLinks(), transport, log,
            NullLogger<EmailOutboxDispatcher>.Instance);
    }

    private void Respond(params int[] statuses)
    {
        for (var i = 0; i < statuses.Length; i++)
        {
            var request = sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).InScenario("sends");
            request = i == 0 ? request : request.WhenStateIs($"call{i}");
            var response = Response.Create().WithStatusCode(statuses[i]);
            if (statuses[i] == 400) response = response.WithBody("""{"errors":[{"message":"The to array is not valid.","field":"personalizations.0.to"}]}""");
            (i < statuses.Length - 1 ? request.WillSetStateTo($"call{i + 1}") : request).RespondWith(response);
        }
    }

    private string[] Recipients() => [.. sendGrid.LogEntries.Select(e => e.RequestMessage!.Body!)
        .Select(body => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString()!)];

    [Fact]
    public async Task Dispatch_CopyThrottledAfterTheLeadsMessageWent_RetriesLaterAndThenSendsOnlyTheCopy()
    {
        Respond(202, 503, 202);
        var dispatcher = await DispatcherAsync();

        var first = await dispatcher.DispatchAsync(Outbox(["roc4.lead@example.org"], ["lsp.officer.a@example.org"]), AzuriteFixture.Timeout());
        var second = await dispatcher.DispatchAsync(Outbox(["roc4.lead@example.org"], ["lsp.officer.a@example.org"], attempt: 2), AzuriteFixture.Timeout());

        var retry = Assert.IsType<DispatchOutcome.RetryLater>(first);
        Assert.Equal(TimeSpan.FromMinutes(1), retry.After);
        Assert.IsType<DispatchOutcome.Delivered>(second);
        Assert.Equal(["roc4.lead@example.org", "lsp.officer.a@example.org", "lsp.officer.a@example.org"], Recipients());
    }

    [Fact]
    public async Task Dispatch_AlreadyDeliveredOutboxRowDeliveredAgain_SendsNothingTwice()
    {
        Respond(202, 202);
        var dispatcher = await DispatcherAsync();

        await dispatcher.DispatchAsync(Outbox(["roc4.lead@example.org"], []), AzuriteFixture.Timeout());
        var again = await dispatcher.DispatchAsync(Outbox(["roc4.lead@example.org"], []), AzuriteFixture.Timeout());

        Assert.IsType<DispatchOutcome.Delivered>(again);
        Assert.Single(sendGrid.LogEntries);
    }

    [Fact]
    public async Task Dispatch_ProviderRefusesTheAddress_ParksWithSendGridsReason()
    {
        Respond(400);
        var dispatcher = await DispatcherAsync();

        var outcome = await dispatcher.DispatchAsync(Outbox(["roc4.lead@example.org"], []), AzuriteFixture.Timeout());

        var parked = Assert.IsType<DispatchOutcome.Parked>(outcome);
        Assert.Contains("The QuarterlyRequest email was not sent", parked.Reason);
        Assert.Contains("roc4.lead@example.org", parked.Reason);
        Assert.Contains("The to array is not valid.", parked.Reason);
        Assert.DoesNotContain("SG.test", parked.Reason);
    }

    [Fact]
    public async Task Dispatch_LeadHasNoAddress_OfficersCopyStillGoesAndSaysSo()
    {
        Respond(202);
        var dispatcher = await DispatcherAsync();

        var outcome = await dispatcher.DispatchAsync(Outbox([], ["lsp.officer.a@example.org"]), AzuriteFixture.Timeout());

        Assert.IsType<DispatchOutcome.Delivered>(outcome);
        var body = Assert.Single(sendGrid.LogEntries).RequestMessage!.Body!;
        Assert.Contains("no email address is recorded", body);
        Assert.DoesNotContain("https://lsp.example.gov.uk/report/", body);
    }

    [Fact]
    public async Task Dispatch_NobodyToSendTo_ParksWithTheReasonAndCallsNoProvider()
    {
        var dispatcher = await DispatcherAsync();

        var outcome = await dispatcher.DispatchAsync(Outbox([], []), AzuriteFixture.Timeout());

        Assert.Contains("was not sent", Assert.IsType<DispatchOutcome.Parked>(outcome).Reason);
        Assert.Empty(sendGrid.LogEntries);
    }

    [Fact]
    public async Task Dispatch_UnknownTemplate_IsParkedNotRetried()
    {
        var dispatcher = await DispatcherAsync();

        var outcome = await dispatcher.DispatchAsync(
            new OutboxMessage("ROC4/9/0", "ROC4", new Effect.SendEmail("NoSuchTemplate", ["a@example.org"], [], "{}"), 1), AzuriteFixture.Timeout());

        Assert.Contains("NoSuchTemplate", Assert.IsType<DispatchOutcome.Parked>(outcome).Reason);
        Assert.Empty(sendGrid.LogEntries);
    }

    /// <summary>Personal links as the app's issuer makes them, without a token store: enough to see where links go.</summary>
    private sealed class FixedLinks : ILinkIssuer
    {
        public ValueTask<Uri> IssueAsync(EmailLink link, string recipientEmail, string messageId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Uri($"https://lsp.example.gov.uk/report/token-for-{Uri.EscapeDataString(recipientEmail)}"));
    }
}
