// What the read model holds about one project beyond its state: every version of every quarterly report and every interim
// update (from the history, which keeps them all, where the state keeps only the latest), and every email the workflow sent
// about it with SendGrid's delivery events. Read by the project pages and, for every project at once, by the CSV exports.

using System.Text.Json;
using Rochford.Lsp.Email.Events;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>One version of a quarterly report as the history recorded it (the text itself is in the reports table).</summary>
/// <param name="Quarter">The quarter it reports on.</param>
/// <param name="Version">1 for the first submission, then 2, 3... for each amendment.</param>
/// <param name="Status">The status the lead gave.</param>
/// <param name="ReportId">The text's id in the reports table.</param>
/// <param name="Late">True when it arrived after the due date (only a first submission can: amendments close at the due date).</param>
/// <param name="SubmittedBy">Who sent it, as the lead's form said; null when not recorded.</param>
/// <param name="At">When it was recorded.</param>
public sealed record ReportVersionRecord(FinancialQuarter Quarter, int Version, Rag Status, string ReportId, bool Late, string? SubmittedBy, DateTimeOffset At)
{
    /// <summary>Every report version in <paramref name="history"/>, in the history's order (oldest first).</summary>
    public static IReadOnlyList<ReportVersionRecord> From(IEnumerable<HistoryRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var versions = new List<ReportVersionRecord>();
        foreach (var item in history)
        {
            var version = item.Type switch
            {
                nameof(ReportSubmitted) when HistoryData.Read<ReportSubmitted>(item) is { } s =>
                    new ReportVersionRecord(s.Quarter, s.Version, s.Status, s.ReportId, s.Late, s.SubmittedBy, item.At),
                nameof(ReportAmended) when HistoryData.Read<ReportAmended>(item) is { } a =>
                    new ReportVersionRecord(a.Quarter, a.Version, a.Status, a.ReportId, false, a.SubmittedBy, item.At),
                _ => null,
            };
            if (version is not null) versions.Add(version);
        }
        return versions;
    }
}

/// <summary>An interim update the lead sent while the project was Red, as the history recorded it, with its comments from the reports table.</summary>
/// <param name="Status">The status the lead gave.</param>
/// <param name="UpdateId">The text's id in the reports table.</param>
/// <param name="SubmittedBy">Who sent it, as the lead's form said; null when not recorded.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Comments">The lead's comments; null when the text is not in the reports table.</param>
public sealed record InterimUpdateRecord(Rag Status, string UpdateId, string? SubmittedBy, DateTimeOffset At, string? Comments = null)
{
    /// <summary>Every interim update in <paramref name="history"/>, latest first, without their comments.</summary>
    public static IReadOnlyList<InterimUpdateRecord> From(IEnumerable<HistoryRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return
        [
            .. history.Where(h => h.Type == nameof(InterimUpdateReceived))
                .OrderByDescending(h => h.Sequence).ThenByDescending(h => h.Index)
                .Select(h => HistoryData.Read<InterimUpdateReceived>(h) is { } u ? new InterimUpdateRecord(u.Status, u.UpdateId, u.SubmittedBy, h.At) : null)
                .OfType<InterimUpdateRecord>(),
        ];
    }
}

/// <summary>One email the workflow asked for, as the email log holds it, with what SendGrid reported about its delivery.</summary>
/// <param name="Id">The outbox id (SendGrid's events name it).</param>
/// <param name="InstanceId">The project (instance) whose transition sent it.</param>
/// <param name="RowKey">Its place in the log (transition, then index): sorts in the order the emails were asked for.</param>
/// <param name="Template">The template's name (see <see cref="EmailTemplates"/>).</param>
/// <param name="To">The addresses it was sent to, comma separated.</param>
/// <param name="Cc">The addresses copied, comma separated.</param>
/// <param name="State">The log's state (see <see cref="EmailLogState"/>).</param>
/// <param name="Reason">Why it was parked or is waiting, as the provider said.</param>
/// <param name="Attempts">How many times sending was tried.</param>
/// <param name="QueuedAt">When it was asked for: its transition's time in the history; null when the history has no such transition.</param>
/// <param name="Delivery">SendGrid's events about it, oldest first; empty when none were reported.</param>
public sealed record SentEmail(string Id, string InstanceId, string RowKey, string? Template, string? To, string? Cc, string? State, string? Reason,
    int Attempts, DateTimeOffset? QueuedAt, IReadOnlyList<DeliveryEvent> Delivery)
{
    /// <summary>Whether it went, in words: "Sent", "Failed" (with <see cref="Reason"/>), or "Pending".</summary>
    public string Outcome => State switch
    {
        EmailLogState.Sent => "Sent",
        EmailLogState.Parked => "Failed",
        _ => "Pending",
    };

    /// <summary>The outcome with the reason when it did not go ("Failed: the address was refused").</summary>
    public string OutcomeText => Outcome == "Sent" || string.IsNullOrWhiteSpace(Reason) ? Outcome : $"{Outcome}: {Reason}";

    /// <summary>What the template is for, in words.</summary>
    public string TemplateText => EmailTemplateText.For(Template);

    /// <summary>The latest delivery event, or null when SendGrid reported none.</summary>
    public DeliveryEvent? LatestDelivery => Delivery.Count == 0 ? null : Delivery[^1];
}

/// <summary>Email templates and delivery events in words for officers.</summary>
public static class EmailTemplateText
{
    /// <summary>What an email of <paramref name="template"/> is ("Receipt for a quarterly report"); the name itself when unknown.</summary>
    public static string For(string? template) => template switch
    {
        EmailTemplates.QuarterlyRequest => "Request for the quarterly report",
        EmailTemplates.Reminder => "Reminder: the report is due soon",
        EmailTemplates.OverdueChase => "Chase: the report is overdue",
        EmailTemplates.NoReportReceived => "No report received: the quarter counts as Red",
        EmailTemplates.SubmissionReceipt => "Receipt for a quarterly report",
        EmailTemplates.RedNotice => "Red notice: the recovery deadline and what is needed",
        EmailTemplates.InterimUpdateReceipt => "Receipt for an interim update",
        EmailTemplates.ExecutiveEscalation => "Escalation to the Executive Board",
        EmailTemplates.ApprovalRequest => "Officers asked to decide on the withdrawal",
        EmailTemplates.ApprovalReminder => "Reminder to officers: the withdrawal is undecided",
        EmailTemplates.ExecutiveChairReEscalation => "Escalation to the Executive chair",
        EmailTemplates.WithdrawalApproved => "Withdrawal approved",
        EmailTemplates.WithdrawalRejected => "Withdrawal rejected",
        EmailTemplates.DeadlineExtended => "Recovery deadline extended",
        EmailTemplates.ReallocationProposal => "Reallocation proposed, for another officer to approve",
        EmailTemplates.ReallocationApproved => "Reallocation approved",
        EmailTemplates.FundsReceived => "Reallocated funds received",
        EmailTemplates.ReallocationRejected => "Reallocation rejected",
        EmailTemplates.ReallocationRefused => "Reallocated funds refused",
        EmailTemplates.QuarterlyDigest => "Quarterly digest",
        null or "" => "Unknown email",
        _ => template,
    };

    /// <summary>A SendGrid event name in words ("delivered" is "Delivered", "bounce" is "Bounced").</summary>
    public static string Delivery(string eventName) => eventName switch
    {
        "delivered" => "Delivered",
        "processed" => "Accepted by SendGrid",
        "deferred" => "Delayed (SendGrid is still trying)",
        "bounce" => "Bounced",
        "dropped" => "Dropped",
        "blocked" => "Blocked",
        "spamreport" => "Reported as spam",
        "open" => "Opened",
        "click" => "Link clicked",
        "unsubscribe" or "group_unsubscribe" => "Unsubscribed",
        _ => eventName,
    };
}

/// <summary>Reads an event's data from a history row.</summary>
internal static class HistoryData
{
    /// <summary>The event in <paramref name="record"/> as <typeparamref name="T"/>, or null when its data does not read as one.</summary>
    public static T? Read<T>(HistoryRecord record) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(record.DataJson, ReportingJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
