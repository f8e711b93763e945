// Turns an EventRaised input (name + JSON) into a typed command, refusing anything malformed with a
// message that names the input and the field. Validation of shape lives here; rules that depend on the
// project's state live in the decider.

using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting.Cycle;
using Rochford.Lsp.Reporting.Funding;

namespace Rochford.Lsp.Reporting;

/// <summary>Parses and validates the payloads of the reporting cycle's inputs.</summary>
public static class CommandParser
{
    private static readonly Dictionary<string, Func<PayloadReader, ReportingCommand>> Parsers = new(StringComparer.Ordinal)
    {
        [nameof(SubmitQuarterlyReport)] = p => new SubmitQuarterlyReport(
            p.RequiredQuarter("Quarter"),
            p.RequiredEnum<Rag>("Status", RagChoices),
            NoText(p, "ReportId", "report", "StatusComments", "ProgressInLastPeriod", "FutureWork", "Expenditure")
                .RequiredTextId("ReportId", ReportIds.Report, "report"),
            p.OptionalText("SubmittedBy", 200)),
        [nameof(SubmitInterimUpdate)] = p => new SubmitInterimUpdate(
            p.RequiredEnum<Rag>("Status", RagChoices),
            NoText(p, "UpdateId", "interim update", "Comments").RequiredTextId("UpdateId", ReportIds.Update, "interim update"),
            p.OptionalText("SubmittedBy", 200)),
        [nameof(SetRecoveryDeadline)] = p => new SetRecoveryDeadline(p.Officer(), p.RequiredDate("Deadline"), p.OptionalText("WhatIsNeeded")),
        [nameof(ChangeWithdrawalAmount)] = p => new ChangeWithdrawalAmount(p.Officer(), p.RequiredMoney("Amount", allowZero: true)),
        // A withdrawal is the Executive Board's decision: the officer records which meeting made it (issue 13).
        [nameof(ApproveWithdrawal)] = p => new ApproveWithdrawal(p.Officer(), p.RequiredDate("ExecutiveDecisionDate"), p.RequiredText("MinuteReference", 200), p.OptionalInt("ProposalVersion")),
        [nameof(RejectWithdrawal)] = p => new RejectWithdrawal(p.Officer(), p.RequiredText("Reason"), p.OptionalDate("NewDeadline"), p.OptionalInt("ProposalVersion")),
        [nameof(ExtendDeadline)] = p => new ExtendDeadline(p.Officer(), p.RequiredDate("NewDeadline"), p.RequiredText("Reason"), p.OptionalInt("ProposalVersion")),
        [nameof(ProposeReallocation)] = p => new ProposeReallocation(
            p.Officer(),
            [.. p.RequiredObjects("Allocations").Select(a => new Allocation(a.RequiredShortText("ProjectCode").ToUpperInvariant(), a.RequiredMoney("Amount")))],
            p.OptionalText("Note")),
        [nameof(ApproveReallocation)] = p => new ApproveReallocation(p.Officer(), p.OptionalInt("ProposalVersion")),
        [nameof(RejectReallocation)] = p => new RejectReallocation(p.Officer(), p.RequiredText("Reason"), p.OptionalInt("ProposalVersion")),
        [nameof(ReceiveReallocatedFunds)] = p => new ReceiveReallocatedFunds(
            p.RequiredShortText("FromProjectCode"), p.RequiredMoney("Amount"), p.RequiredShortText("OperationId"),
            p.Has("Stream") ? p.RequiredEnum<FundingStream>("Stream", "PerformanceRewardGrant or AdditionalVoluntarySupport") : null),
        // Written by the runtime (Durable's RaisedEventRefusal), not by people.
        [nameof(RaisedEventRefused)] = p => new RaisedEventRefused(
            p.RequiredShortText("OutboxId"), p.RequiredShortText("TargetInstanceId"), p.RequiredShortText("Name"),
            p.RequiredText("Reason"), p.RequiredText("PayloadJson", 32_000)),
        [nameof(RecordPaymentReleased)] = p => new RecordPaymentReleased(
            p.Officer(), p.RequiredMoney("Amount"), p.RequiredDate("ReleasedOn"), p.OptionalText("Reference", 200), p.OptionalText("OverrideReason"),
            p.OptionalText("PaymentId", 100)),
        [nameof(ChangeQuarterDueDate)] = p => new ChangeQuarterDueDate(p.Officer(), p.RequiredQuarter("Quarter"), p.RequiredDate("DueOn"), p.RequiredText("Reason")),
        [nameof(ReviewReport)] = ReadReview,
        [nameof(MarkProjectCompleted)] = p => new MarkProjectCompleted(p.Officer(), p.OptionalText("Note")),
        [nameof(ChangeLeadContact)] = p => new ChangeLeadContact(p.Officer(), p.Person("Lead", emailRequired: false)),
        [nameof(PauseReporting)] = p => new PauseReporting(p.Officer(), p.RequiredText("Reason")),
        [nameof(ResumeReporting)] = p => new ResumeReporting(p.Officer()),
        [nameof(ChangePartnershipContacts)] = p => new ChangePartnershipContacts(p.Officer(), ReadContacts(p)),
        [nameof(OverrideCycleSettings)] = p => new OverrideCycleSettings(p.Officer(), ReadSettingsChanges(p.RequiredObject("Settings"))),
    };

    private const string RagChoices = "Red, Amber or Green";

    /// <summary>The names of every input the reporting cycle accepts.</summary>
    public static IReadOnlyCollection<string> InputNames => Parsers.Keys;

    /// <summary>Parses the input <paramref name="name"/> with payload <paramref name="payloadJson"/>.</summary>
    /// <exception cref="InputRefusedException">The name is unknown or the payload is malformed; the message says which field and why.</exception>
    public static ReportingCommand Parse(string name, string payloadJson) => Parsers.TryGetValue(name, out var parse)
        ? parse(PayloadReader.Parse(name, payloadJson))
        : throw new InputRefusedException(
            $"'{name}' is not an input the reporting cycle accepts. Accepted inputs: {string.Join(", ", Parsers.Keys)}.");

    /// <summary>
    /// Refuses a payload that carries a lead's texts: they are stored in the read model's reports table first and the input
    /// refers to them by id, so that the orchestration state (and every message) stays small.
    /// </summary>
    private static PayloadReader NoText(PayloadReader p, string idField, string what, params string[] textFields)
    {
        var sent = textFields.Where(p.Has).ToList();
        return sent.Count == 0
            ? p
            : throw p.Refuse($"the {what}'s text ({string.Join(", ", sent.Select(f => $"'{f}'"))}) is not sent with the input: store it in the reports table and send its '{idField}'.");
    }

    /// <summary>Reads a review: changes are asked of at least one named section, and an acceptance names none.</summary>
    private static ReviewReport ReadReview(PayloadReader p)
    {
        var officer = p.Officer();
        var quarter = p.RequiredQuarter("Quarter");
        var version = p.RequiredInt("Version");
        if (version < 1)
        {
            throw p.Refuse($"'Version' must be 1 or more, not {version}.");
        }
        var outcome = p.RequiredEnum<ReviewOutcome>("Outcome", "Accepted or ChangesRequested");
        var sections = p.OptionalTexts("Sections").Select(text => Enum.TryParse<ReportSection>(text, ignoreCase: true, out var section) && Enum.IsDefined(section) && !text.All(char.IsDigit)
                ? section
                : throw p.Refuse($"'Sections' must name sections of the report ({string.Join(", ", Enum.GetNames<ReportSection>())}), not '{text}'."))
            .ToList();
        if (outcome == ReviewOutcome.ChangesRequested && sections.Count == 0)
        {
            throw p.Refuse("'Sections' must name at least one section the lead is asked to change.");
        }
        if (outcome == ReviewOutcome.Accepted && sections.Count > 0)
        {
            throw p.Refuse("'Sections' are named only when asking for changes; an accepted report reopens nothing.");
        }
        return new ReviewReport(officer, quarter, version, outcome, Reviews.Ordered(sections), p.OptionalText("Note"));
    }

    /// <summary>Reads and checks the partnership's people from a payload's "Contacts" object: at least two officers, so four eyes are possible.</summary>
    internal static PartnershipContacts ReadContacts(PayloadReader payload)
    {
        var contacts = payload.RequiredObject("Contacts");
        var officers = contacts.RequiredObjects("Officers")
            .Select(officer => new Person(officer.RequiredShortText("Name"), officer.RequiredEmail("Email")))
            .ToList();
        if (officers.Select(officer => officer.Email!.ToUpperInvariant()).Distinct().Count() < 2)
        {
            throw payload.Refuse("'Contacts.Officers' must list at least two officers with different email addresses, so that a reallocation can be approved by a second officer.");
        }
        if (officers.Select(officer => officer.Email!.ToUpperInvariant()).Distinct().Count() != officers.Count)
        {
            throw payload.Refuse("'Contacts.Officers' lists the same email address twice.");
        }
        return new PartnershipContacts(officers, contacts.RequiredEmail("ExecutiveBoardEmail"), contacts.RequiredEmail("ExecutiveChairEmail"));
    }

    /// <summary>Reads cycle settings fields (all optional) from a "Settings" object.</summary>
    internal static CycleSettingsChanges ReadSettingsChanges(PayloadReader p) => new(
        p.OptionalInt(nameof(CycleSettings.RequestDaysBeforeQuarterEnd)),
        p.OptionalInt(nameof(CycleSettings.DueDaysAfterQuarterEnd)),
        p.OptionalInt(nameof(CycleSettings.ReminderDaysBeforeDue)),
        p.OptionalInt(nameof(CycleSettings.ChaseDaysAfterDue)),
        p.OptionalInt(nameof(CycleSettings.NoReportDaysAfterDue)),
        p.OptionalInt(nameof(CycleSettings.RecoveryWeeksAfterReportingDate)),
        p.OptionalInt(nameof(CycleSettings.ApprovalReminderDays)),
        p.OptionalInt(nameof(CycleSettings.ChairReEscalationDays)),
        p.OptionalInt(nameof(CycleSettings.OfficerLinkDays)),
        p.OptionalInt(nameof(CycleSettings.WakeUpHour)));
}
