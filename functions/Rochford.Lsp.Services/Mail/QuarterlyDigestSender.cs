// Sends the quarterly digest to the Executive Board once a quarter's reports are closed. It runs after each
// tick; a marker row per quarter makes it send once, and a failed send is tried again on the next tick.

using Azure.Data.Tables;
using Rochford.Lsp.Email;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Json;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Services.Mail;

/// <summary>What the digest sender did on one call.</summary>
public enum DigestOutcome
{
    /// <summary>No digest is due, or the due one went out earlier.</summary>
    NothingDue,

    /// <summary>The due quarter was not reported on by any project (e.g. monitoring started after it).</summary>
    NothingToReport,

    /// <summary>The digest was sent now.</summary>
    Sent,

    /// <summary>The provider failed for now; the next tick tries again.</summary>
    RetryLater,

    /// <summary>The digest can never go (no address, refused): recorded with the reason.</summary>
    Parked,
}

/// <summary>Builds and sends <see cref="EmailTemplates.QuarterlyDigest"/> for the latest closed quarter.</summary>
/// <remarks>
/// The digest is not part of any one project's orchestration: it reads every project. Its marker row (one per quarter,
/// written after the send) and the <see cref="SentMessageLog"/> make repeated ticks send it once; two hosts ticking at the
/// same moment could both send it (at-least-once, like every email here).
/// </remarks>
public sealed class QuarterlyDigestSender(
    ProjectStates<ProjectState> projects,
    PartnershipRecord partnership,
    ProjectHistory histories,
    TimeProvider time,
    Lazy<EmailComposer> composer,
    ILinkIssuer links,
    IMailTransport transport,
    SentMessageLog sent,
    TableClient markers,
    ILogger<QuarterlyDigestSender> logger) : IAfterTick
{
    /// <summary>The marker table (after the storage prefix): one row per quarter, the digest's outcome and addressees.</summary>
    public const string MarkerTable = "digests";

    /// <summary>A marker's outcome when the digest went to everyone.</summary>
    public const string SentOutcome = "Sent";

    /// <summary>A marker's outcome when no project was asked to report on the quarter, so no digest went.</summary>
    public const string NothingToReportOutcome = "Nothing to report";

    private const string Partition = "digest";

    /// <summary>Creates the marker table if needed.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => markers.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<string> AfterTickAsync(CancellationToken cancellationToken) => (await SendDueAsync(cancellationToken)) switch
    {
        DigestOutcome.NothingDue => "quarterly digest: nothing due",
        DigestOutcome.NothingToReport => "quarterly digest: due, but no project reported on the quarter",
        DigestOutcome.Sent => "quarterly digest: sent",
        DigestOutcome.RetryLater => "quarterly digest: due, provider busy; trying again on the next tick",
        var other => $"quarterly digest: {other}",
    };

    /// <summary>Sends the latest due digest unless it went out before.</summary>
    public async Task<DigestOutcome> SendDueAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(time.GetUtcNow());
        // The partnership's own instance is where its people and timing defaults are kept.
        var kept = (await partnership.GetAsync(cancellationToken))?.State;
        var settings = kept?.Defaults ?? CycleSettings.Default;
        var quarter = QuarterlyDigest.LatestDue(today, settings);
        if ((await markers.GetEntityIfExistsAsync<TableEntity>(Partition, quarter.Label, cancellationToken: cancellationToken)).HasValue)
            return DigestOutcome.NothingDue;

        var states = new List<ProjectState>();
        var history = new List<DigestHistoryItem>();
        foreach (var instance in await projects.ListAsync(cancellationToken))
        {
            var state = instance.State;
            states.Add(state);
            foreach (var record in await histories.ListAsync(instance.InstanceId, cancellationToken))
                history.Add(new DigestHistoryItem(state.Project.Code, UkCalendar.Today(record.At), record.Type, record.DataJson));
        }
        if (!states.Any(s => s.QuarterFor(quarter) is not null))
        {
            // Nothing was asked of anyone for this quarter: mark it so the projects are not read again every tick.
            await MarkAsync(quarter, NothingToReportOutcome, to: null, cc: null, cancellationToken);
            return DigestOutcome.NothingToReport;
        }

        // Storage from before the partnership had its own instance: the first project's copy.
        var contacts = kept?.Contacts ?? states[0].Contacts;
        // The Executive Board's link opens the quarter's pack read-only (packs/{token}); /pack itself is for signed-in officers.
        var model = QuarterlyDigest.Build(quarter, today, settings, states, history, QuarterlyDigest.PackLink(quarter, settings));
        var outboxId = OutboxIdFor(quarter);
        IReadOnlyList<string> to = [contacts.ExecutiveBoardEmail];
        var cc = contacts.OfficerEmails();
        EmailComposition composition;
        try
        {
            composition = await composer.Value.ComposeAsync(outboxId, EmailTemplates.QuarterlyDigest, to, cc, ReportingJson.Serialize(model), links, cancellationToken);
        }
        catch (EmailTemplateException ex)
        {
            logger.LogError(ex, "The {Quarter} digest cannot be written", quarter.Label);
            await MarkAsync(quarter, $"Not sent: {ex.Message}", to, cc, cancellationToken);
            return DigestOutcome.Parked;
        }
        var result = await sent.SendMissingAsync(composition.Messages, transport, cancellationToken);
        if (result.RetryLater is { } retry)
        {
            logger.LogWarning("The {Quarter} digest will be tried again: {Reason}", quarter.Label, retry.Reason);
            return DigestOutcome.RetryLater;
        }
        List<string> refused = [.. composition.Problems, .. result.Rejections];
        if (composition.Messages.Count == 0 || refused.Count > 0)
        {
            logger.LogError("The {Quarter} digest was not (fully) sent: {Problems}", quarter.Label, string.Join("; ", refused));
            await MarkAsync(quarter, $"Not (fully) sent: {string.Join("; ", refused)}", to, cc, cancellationToken);
            return DigestOutcome.Parked;
        }
        await MarkAsync(quarter, SentOutcome, to, cc, cancellationToken);
        logger.LogInformation("Sent the {Quarter} digest to the Executive Board", quarter.Label);
        return DigestOutcome.Sent;
    }

    /// <summary>The digest's outbox id ("digest/2009-10 Q4"): its messages' ids start with it, and SendGrid's events carry it.</summary>
    public static string OutboxIdFor(FinancialQuarter quarter) => $"{Partition}/{quarter.Label}";

    /// <summary>
    /// Records what became of the quarter's digest. The marker is also the digest's line in the officers' log of every email
    /// sent (exports/emails.csv), so it keeps the addresses the digest was sent to, as the workflow's email log does.
    /// </summary>
    private async Task MarkAsync(FinancialQuarter quarter, string outcome, IReadOnlyList<string>? to, IReadOnlyList<string>? cc,
        CancellationToken cancellationToken)
    {
        var marker = new TableEntity(Partition, quarter.Label)
        {
            ["Outcome"] = outcome,
            ["At"] = time.GetUtcNow(),
        };
        if (to is not null) marker["To"] = string.Join(", ", to);
        if (cc is not null) marker["Cc"] = string.Join(", ", cc);
        await markers.UpsertEntityAsync(marker, cancellationToken: cancellationToken);
    }
}
