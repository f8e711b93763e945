// Sends a transition's emails, each exactly once as far as this side can tell (ARCHITECTURE.md rule 2): every
// email effect is claimed in the email log before it is handed to the sender and marked after. A retried activity
// skips what was sent or parked; one that finds a claim left by a crashed attempt sends again and counts it, because
// whether the provider got the first call cannot be known (the sender dedupes per addressee where it can).

using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Rochford.Lsp.Reporting;

namespace Rochford.Lsp.Workflow;

/// <summary>Where an email effect goes: composed, personal links issued, and handed to SendGrid or the local mailbox.</summary>
/// <remarks>Links are issued here, in the activity, never in the orchestrator: their tokens are random.</remarks>
public interface IEmailEffectSender
{
    /// <summary>Sends <paramref name="email"/>. Never throws for a refusal by the provider: that is <see cref="EmailOutcome.Parked"/>.</summary>
    Task<EmailOutcome> SendAsync(EmailEffect email, CancellationToken cancellationToken);
}

/// <summary>What happened to an email effect.</summary>
public abstract record EmailOutcome
{
    private EmailOutcome()
    {
    }

    /// <summary>Accepted (by the provider or the mailbox).</summary>
    public sealed record Sent : EmailOutcome;

    /// <summary>A temporary failure (429, 5xx, network): try again after <paramref name="After"/> if the provider said.</summary>
    public sealed record RetryLater(TimeSpan? After, string Reason) : EmailOutcome;

    /// <summary>Can never go as it is (4xx, nobody to send it to): kept with the reason for officers.</summary>
    public sealed record Parked(string Reason) : EmailOutcome;
}

/// <summary>The states of an email-log row.</summary>
public static class EmailLogState
{
    /// <summary>Handed to the sender; not yet known to have gone.</summary>
    public const string Sending = "Sending";

    /// <summary>The provider asked to retry later; not sent.</summary>
    public const string Waiting = "Waiting";

    /// <summary>Accepted.</summary>
    public const string Sent = "Sent";

    /// <summary>Refused for good, with a reason.</summary>
    public const string Parked = "Parked";
}

/// <summary>Sends the emails of one transition through <see cref="IEmailEffectSender"/>, claiming each in the email log.</summary>
public sealed class SendEmailsActivity(WorkflowTables tables, IEmailEffectSender sender, ILogger<SendEmailsActivity> logger)
    : TaskActivity<EmailBatch, EmailBatchResult>
{
    private readonly PartnershipRecord _partnership = new(tables);
    private readonly ProjectStates<ProjectState> _projects = new(tables, new ReportingCycle());

    /// <inheritdoc />
    public override async Task<EmailBatchResult> RunAsync(TaskActivityContext context, EmailBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var cancellationToken = CancellationToken.None;
        var log = await tables.EmailLogAsync(cancellationToken);
        int sent = 0, already = 0;
        var parked = new List<string>();
        var addressed = await AddressedAsync(batch, cancellationToken);
        foreach (var email in addressed)
        {
            var key = WorkflowTables.RowKey(email.Transition, email.Index);
            var claim = await ClaimAsync(log, email, key, cancellationToken);
            if (claim.State is EmailLogState.Sent)
            {
                already++;
                continue;
            }
            if (claim.State is EmailLogState.Parked)
            {
                parked.Add($"{email.Id}: {claim.Reason}");
                continue;
            }

            var outcome = await sender.SendAsync(email, cancellationToken);
            switch (outcome)
            {
                case EmailOutcome.Sent:
                    await MarkAsync(log, email.InstanceId, key, EmailLogState.Sent, null, cancellationToken);
                    sent++;
                    break;
                case EmailOutcome.Parked p:
                    logger.LogWarning("Email {Id} ({Template}) parked: {Reason}", email.Id, email.Template, p.Reason);
                    await MarkAsync(log, email.InstanceId, key, EmailLogState.Parked, p.Reason, cancellationToken);
                    parked.Add($"{email.Id}: {p.Reason}");
                    break;
                case EmailOutcome.RetryLater r:
                    await MarkAsync(log, email.InstanceId, key, EmailLogState.Waiting, r.Reason, cancellationToken);
                    // What went before this one is recorded as sent, so the retry sends only the rest.
                    throw new EmailProviderBusyException(r.After, $"Email {email.Id} ({email.Template}) must wait: {r.Reason}");
            }
        }
        return new EmailBatchResult(sent, already, parked);
    }

    /// <summary>
    /// The batch's emails with their roles (<see cref="Recipients"/>) addressed now: the partnership's current contacts (from
    /// its instance; the project's copy where storage has no partnership yet) and the project's current lead. Each attempt
    /// addresses again, so an email retried after a change of officers goes to the officers of the moment it is sent.
    /// </summary>
    private async Task<IReadOnlyList<EmailEffect>> AddressedAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        var roles = batch.Emails.SelectMany(e => e.To.Concat(e.Cc)).Where(Recipients.IsRole).ToHashSet(StringComparer.Ordinal);
        if (roles.Count == 0)
            return batch.Emails;
        // Each row only when a role needs it: a lead's receipt reads the project's, an officers' email the partnership's.
        var contacts = roles.Any(r => r != Recipients.Lead) ? (await _partnership.GetAsync(cancellationToken))?.State.Contacts : null;
        var project = roles.Contains(Recipients.Lead) || (contacts is null && roles.Any(r => r != Recipients.Lead))
            ? (await _projects.GetAsync(batch.InstanceId, cancellationToken))?.State
            : null;
        contacts ??= project?.Contacts ?? new PartnershipContacts([], "", "");
        var lead = project?.Project.Lead ?? new Person("", null);
        return [.. batch.Emails.Select(e => e with { To = Recipients.Resolve(e.To, contacts, lead), Cc = Recipients.Resolve(e.Cc, contacts, lead) })];
    }

    private sealed record Claim(string State, string? Reason);

    /// <summary>
    /// Claims the email: a new row in <see cref="EmailLogState.Sending"/>, or the existing row's state. A row left in
    /// Sending by an attempt that crashed after calling the sender is claimed again and its resend counted.
    /// </summary>
    private static async Task<Claim> ClaimAsync(TableClient log, EmailEffect email, string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await log.GetEntityIfExistsAsync<TableEntity>(email.InstanceId, key, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                try
                {
                    await log.AddEntityAsync(new TableEntity(email.InstanceId, key)
                    {
                        ["EmailId"] = email.Id,
                        ["Template"] = email.Template,
                        ["To"] = string.Join(", ", email.To),
                        ["Cc"] = string.Join(", ", email.Cc),
                        ["State"] = EmailLogState.Sending,
                        ["Attempts"] = 1,
                        ["Resends"] = 0,
                    }, cancellationToken);
                    return new Claim(EmailLogState.Sending, null);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    continue; // Claimed by a concurrent attempt: read what it did.
                }
            }
            var row = existing.Value!;
            var state = row.GetString("State") ?? EmailLogState.Sending;
            if (state is EmailLogState.Sent or EmailLogState.Parked)
                return new Claim(state, row.GetString("Reason"));
            row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
            if (state is EmailLogState.Sending)
                row["Resends"] = (row.GetInt32("Resends") ?? 0) + 1;
            row["State"] = EmailLogState.Sending;
            try
            {
                await log.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return new Claim(EmailLogState.Sending, null);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Another attempt moved it: read again.
            }
        }
    }

    private static async Task MarkAsync(TableClient log, string instanceId, string key, string state, string? reason, CancellationToken cancellationToken)
    {
        var row = (await log.GetEntityAsync<TableEntity>(instanceId, key, cancellationToken: cancellationToken)).Value;
        row["State"] = state;
        row["Reason"] = reason ?? "";
        await log.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
    }
}
