// The glue between the workflow's email activity and the email part, with the real pieces: the composer, SendGrid's API on a real local HTTP server
// (WireMock.Net) and the sent-message log in Azurite. Retries send only what is missing; nothing is dropped.

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rochford.Lsp.Email;
using Rochford.Lsp.Email.SendGrid;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Json;
using Rochford.Lsp.Testing;
using Rochford.Lsp.Services.Mail;
using Rochford.Lsp.Workflow;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using NodaTime;
using Rochford.Lsp.Reporting.Dates;

namespace Rochford.Lsp.Web.Tests;

public sealed class EmailEffectSenderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
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

    private static EmailEffect Outbox(IReadOnlyList<string> to, IReadOnlyList<string> cc) =>
        new("ROC4/3/0", "ROC4", 3, 0, EmailTemplates.QuarterlyRequest, to, cc, RequestModel());

    private readonly InMemoryReportTexts texts = new();
    private readonly ListLogger<EmailEffectSender> logger = new();

    private async Task<EmailEffectSender> DispatcherAsync()
    {
        var log = new SentMessageLog(await azurite.CreateTableAsync("sent"));
        var transport = new SendGridTransport(http, new SendGridOptions { ApiKey = "SG.test", Host = sendGrid.Url!, InProcessRetries = 0 }, Options);
        return new EmailEffectSender(new Lazy<EmailComposer>(() => new EmailComposer(Options)), new FixedLinks(), transport, log, texts, logger);
    }

    private static readonly ReportForm SentReport = new(new FinancialQuarter(2009, 4), new Reporting.ReportContent(Reporting.Rag.Amber,
        "Emergency response is delayed while the contract is agreed.", "112 new Careline installations.", "Start the service in May 2010.",
        Reporting.Funding.Money.Pounds(1_234)), "roc4.lead@example.org");

    // The receipt as the decider makes it: the report's status and id, no text.
    private static EmailEffect Receipt() => new("ROC4/5/0", "ROC4", 5, 0, EmailTemplates.SubmissionReceipt, ["roc4.lead@example.org"], [],
        ReportingJson.Serialize(new SubmissionReceiptModel("ROC4", "Careline", SentReport.Quarter, SentReport.Quarter.PeriodCovered, 1, false, false,
            Reporting.Rag.Amber, SentReport.ReportId, new LocalDate(2010, 4, 15), null)));

    private string[] PlainTexts() => [.. sendGrid.LogEntries.Select(e => System.Text.Json.JsonDocument.Parse(e.RequestMessage!.Body!).RootElement
        .GetProperty("content").EnumerateArray().First(c => c.GetProperty("type").GetString() == "text/plain").GetProperty("value").GetString()!)];

    [Fact]
    public async Task Send_Receipt_ShowsTheTextStoredInTheReportsTable()
    {
        Respond(202);
        await texts.SaveAsync(StoredReport.From("ROC4", SentReport, DateTimeOffset.UtcNow), default);
        var dispatcher = await DispatcherAsync();

        Assert.IsType<EmailOutcome.Sent>(await dispatcher.SendAsync(Receipt(), AzuriteFixture.Timeout()));

        var text = Assert.Single(PlainTexts());
        Assert.Contains("Emergency response is delayed while the contract is agreed.", text);
        Assert.Contains("112 new Careline installations.", text);
        Assert.Contains("Start the service in May 2010.", text);
        Assert.Contains("£1,234.00", text);
        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public async Task Send_ReceiptWhoseTextIsMissing_StillGoesSayingWhereTheTextIs_AndWarns()
    {
        Respond(202);
        var dispatcher = await DispatcherAsync();

        Assert.IsType<EmailOutcome.Sent>(await dispatcher.SendAsync(Receipt(), AzuriteFixture.Timeout()));

        var text = Assert.Single(PlainTexts());
        Assert.Contains("The text of this report could not be included in this email. It is kept with the report on the project's page", text);
        Assert.Contains(logger.Warnings, w => w.Contains(SentReport.ReportId, StringComparison.Ordinal) && w.Contains("ROC4/5/0", StringComparison.Ordinal));
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
    public async Task Send_CopyThrottledAfterTheLeadsMessageWent_RetriesLaterAndThenSendsOnlyTheCopy()
    {
        Respond(202, 503, 202);
        var dispatcher = await DispatcherAsync();

        var first = await dispatcher.SendAsync(Outbox(["roc4.lead@example.org"], ["lsp.officer.a@example.org"]), AzuriteFixture.Timeout());
        var second = await dispatcher.SendAsync(Outbox(["roc4.lead@example.org"], ["lsp.officer.a@example.org"]), AzuriteFixture.Timeout());

        var retry = Assert.IsType<EmailOutcome.RetryLater>(first);
        Assert.True(retry.After > TimeSpan.Zero, "the transport's wait is handed to the activity's retry policy");
        Assert.Contains("503", retry.Reason);
        Assert.IsType<EmailOutcome.Sent>(second);
        Assert.Equal(["roc4.lead@example.org", "lsp.officer.a@example.org", "lsp.officer.a@example.org"], Recipients());
    }

    [Fact]
    public async Task Send_AlreadyDeliveredOutboxRowDeliveredAgain_SendsNothingTwice()
    {
        Respond(202, 202);
        var dispatcher = await DispatcherAsync();

        await dispatcher.SendAsync(Outbox(["roc4.lead@example.org"], []), AzuriteFixture.Timeout());
        var again = await dispatcher.SendAsync(Outbox(["roc4.lead@example.org"], []), AzuriteFixture.Timeout());

        Assert.IsType<EmailOutcome.Sent>(again);
        Assert.Single(sendGrid.LogEntries);
    }

    [Fact]
    public async Task Send_ProviderRefusesTheAddress_ParksWithSendGridsReason()
    {
        Respond(400);
        var dispatcher = await DispatcherAsync();

        var outcome = await dispatcher.SendAsync(Outbox(["roc4.lead@example.org"], []), AzuriteFixture.Timeout());

        var parked = Assert.IsType<EmailOutcome.Parked>(outcome);
        Assert.Contains("The QuarterlyRequest email was not sent", parked.Reason);
        Assert.Contains("roc4.lead@example.org", parked.Reason);
        Assert.Contains("The to array is not valid.", parked.Reason);
        Assert.DoesNotContain("SG.test", parked.Reason);
    }

    [Fact]
    public async Task Send_LeadHasNoAddress_OfficersCopyStillGoesAndSaysSo()
    {
        Respond(202);
        var dispatcher = await DispatcherAsync();

        var outcome = await dispatcher.SendAsync(Outbox([], ["lsp.officer.a@example.org"]), AzuriteFixture.Timeout());

        Assert.IsType<EmailOutcome.Sent>(outcome);
        var body = Assert.Single(sendGrid.LogEntries).RequestMessage!.Body!;
        Assert.Contains("no email address is recorded", body);
        Assert.DoesNotContain("https://lsp.example.gov.uk/report/", body);
    }

    [Fact]
    public async Task Send_NobodyToSendTo_ParksWithTheReasonAndCallsNoProvider()
    {
        var dispatcher = await DispatcherAsync();

        var outcome = await dispatcher.SendAsync(Outbox([], []), AzuriteFixture.Timeout());

        Assert.Contains("was not sent", Assert.IsType<EmailOutcome.Parked>(outcome).Reason);
        Assert.Empty(sendGrid.LogEntries);
    }

    [Fact]
    public async Task Send_UnknownTemplate_IsParkedNotRetried()
    {
        var dispatcher = await DispatcherAsync();

        var outcome = await dispatcher.SendAsync(
            new EmailEffect("ROC4/9/0", "ROC4", 9, 0, "NoSuchTemplate", ["a@example.org"], [], "{}"), AzuriteFixture.Timeout());

        Assert.Contains("NoSuchTemplate", Assert.IsType<EmailOutcome.Parked>(outcome).Reason);
        Assert.Empty(sendGrid.LogEntries);
    }

    /// <summary>Personal links as the app's issuer makes them, without a token store: enough to see where links go.</summary>
    private sealed class FixedLinks : ILinkIssuer
    {
        public ValueTask<Uri> IssueAsync(EmailLink link, string recipientEmail, string messageId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Uri($"https://lsp.example.gov.uk/report/token-for-{Uri.EscapeDataString(recipientEmail)}"));
    }
}

/// <summary>Keeps the warnings logged, to check that a missing text is reported.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings { get { lock (_warnings) return [.. _warnings]; } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Warning)
            lock (_warnings) _warnings.Add(formatter(state, exception));
    }
}
