// Realistic Rochford LSP data for every email template (ROC4 Careline at SEE PCT, ROC6 Volunteering at RRAVS,
// the 31 May 2010 deadline), with a hostile variant whose project name carries HTML to prove it is escaped.

using NodaTime;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Dates;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Funding;
using Rochford.Lsp.Reporting.Json;
using Rochford.Lsp.Reporting.Seed;

namespace Rochford.Lsp.Email.Tests;

internal static class Samples
{
    public const string HostileName = "<script>alert(\"x\")</script> & Sons";

    public static EmailOptions Options() => new()
    {
        BaseUrl = "https://lsp.rochford.example.gov.uk",
        PartnershipName = "Rochford Local Strategic Partnership",
        FromEmail = "lsp@rochford.example.gov.uk",
        FromName = "Rochford LSP",
        ReplyTo = "lsp.officers@rochford.example.gov.uk",
        ContactName = "the LSP officers at Rochford District Council",
        ContactEmail = "lsp.officers@rochford.example.gov.uk",
    };

    public static readonly ProjectProfile Careline = RochfordSeed.Projects.Single(p => p.Code == "ROC4");
    public static readonly ProjectProfile Volunteering = RochfordSeed.Projects.Single(p => p.Code == "ROC6");
    public static readonly Person OfficerA = RochfordSeed.Contacts.Officers[0];
    public static readonly Person OfficerB = RochfordSeed.Contacts.Officers[1];

    public static readonly FinancialQuarter Q4 = new(2009, 4);
    private static readonly LocalDate DueOn = new(2010, 4, 30);
    internal const string SampleReportId = "r0123456789abcdef0123456789abcdef";
    internal const string SampleUpdateId = "u0123456789abcdef0123456789abcdef";
    private static readonly LocalDate Deadline = new(2010, 5, 31);

    /// <summary>The model JSON for <paramref name="template"/>, as the domain writes it.</summary>
    public static string ModelJson(string template, bool hostile = false) => ReportingJson.Serialize(Model(template, hostile));

    public static object Model(string template, bool hostile = false)
    {
        var code = Careline.Code;
        var name = hostile ? HostileName : Careline.Name;
        var organisation = hostile ? "SEE PCT <b>bold</b>" : Careline.Organisation;
        var lead = hostile ? "O'Brien & <i>Co</i>" : Careline.Lead.Name;
        EmailLink Link(LinkPurpose purpose, LocalDate expires, FinancialQuarter? quarter = null) => new(purpose, code, quarter, expires);
        var approval = new ApprovalRequestModel(code, name, organisation, Q4, Q4.PeriodCovered, Deadline,
            hostile ? "Send <a href=\"https://evil.example\">this</a> plan" : "A recovery plan showing how the emergency response service will be in place by July 2010.",
            Money.Pounds(15_000), new Money(750_050), new Money(749_950), new LocalDate(2010, 6, 1), Link(LinkPurpose.DecideWithdrawal, new LocalDate(2010, 6, 15)));
        var allocations = new List<Allocation> { new(Volunteering.Code, Money.Pounds(5_000)), new("ROC7", new Money(199_950)) };
        return template switch
        {
            EmailTemplates.QuarterlyRequest => new QuarterlyRequestModel(code, name, organisation, lead, Q4, Q4.PeriodCovered, Q4.LastDay, DueOn,
                Link(LinkPurpose.SubmitReport, new LocalDate(2010, 5, 14), Q4)),
            EmailTemplates.Reminder => new ReminderModel(code, name, lead, Q4, Q4.PeriodCovered, DueOn, Link(LinkPurpose.SubmitReport, new LocalDate(2010, 5, 14), Q4)),
            EmailTemplates.OverdueChase => new OverdueChaseModel(code, name, lead, Q4, Q4.PeriodCovered, DueOn, new LocalDate(2010, 5, 14),
                Link(LinkPurpose.SubmitReport, new LocalDate(2010, 5, 14), Q4)),
            EmailTemplates.NoReportReceived => new NoReportReceivedModel(code, name, lead, Q4, Q4.PeriodCovered, DueOn),
            EmailTemplates.SubmissionReceipt => new SubmissionReceiptModel(code, name, Q4, Q4.PeriodCovered, 2, true, false, Rag.Amber, SampleReportId,
                DueOn, Link(LinkPurpose.SubmitReport, DueOn, Q4),
                // Filled in by the email activity from the reports table.
                new ReportContent(Rag.Amber,
                    hostile ? "</div><script>steal()</script>" : "Emergency response is delayed while the contract with the response provider is agreed.",
                    "112 new Careline installations.\nMonitoring centre staff trained on the new procedures.",
                    "Start the emergency response service in May 2010.", new Money(1_234_56))),
            EmailTemplates.RedNotice => new RedNoticeModel(code, name, Q4, Q4.PeriodCovered, RedCause.RedReport, Deadline,
                hostile ? "<img src=x onerror=alert(1)>" : "An interim update showing the emergency response contract has been signed.", null, null,
                Link(LinkPurpose.InterimUpdate, Deadline)),
            EmailTemplates.DeadlineExtended => new RedNoticeModel(code, name, Q4, Q4.PeriodCovered, RedCause.NoReportReceived, new LocalDate(2010, 6, 30),
                "An interim update showing the emergency response contract has been signed.",
                hostile ? "<b>Because</b>" : "The provider has confirmed the contract will be signed in June.", OfficerA,
                Link(LinkPurpose.InterimUpdate, new LocalDate(2010, 6, 30))),
            EmailTemplates.DueDateChanged => new DueDateChangedModel(code, name, lead, Q4, Q4.PeriodCovered, DueOn, new LocalDate(2010, 5, 14),
                hostile ? "<script>alert(1)</script>" : "The organisation's finance team is closing its year-end accounts.", OfficerA,
                Link(LinkPurpose.SubmitReport, new LocalDate(2010, 5, 24), Q4)),
            EmailTemplates.ChangesRequested => new ChangesRequestedModel(code, name, lead, Q4, Q4.PeriodCovered, 1,
                [ReportSection.ProgressInLastPeriod, ReportSection.Expenditure],
                hostile ? "<b>Say</b> what was spent" : "Please say how many installations were made and what was spent in the quarter.", OfficerB,
                Link(LinkPurpose.SubmitReport, new LocalDate(2010, 5, 20), Q4)),
            EmailTemplates.InterimUpdateReceipt => new InterimUpdateReceiptModel(code, name, Rag.Amber, SampleUpdateId, Deadline, true,
                hostile ? "<script>x</script>" : "The contract is signed; the service starts on 1 July 2010."),
            EmailTemplates.ExecutiveEscalation => approval with
            {
                Link = Link(LinkPurpose.ProjectSummary, new LocalDate(2010, 6, 15)),
                RagHistory = [new(new FinancialQuarter(2009, 3), "Oct - Dec 2009", Rag.Amber, false), new(Q4, "Jan - Mar 2010", Rag.Red, false)],
            },
            EmailTemplates.ApprovalRequest => approval,
            EmailTemplates.ApprovalReminder => approval,
            EmailTemplates.ExecutiveChairReEscalation => approval with { Link = Link(LinkPurpose.ProjectSummary, new LocalDate(2010, 6, 15)) },
            EmailTemplates.WithdrawalApproved => new WithdrawalApprovedModel(code, name, new Money(749_950), OfficerA, new LocalDate(2010, 6, 10), hostile ? "<u>12</u>" : "LSP/2010/14"),
            EmailTemplates.WithdrawalRejected => new WithdrawalRejectedModel(code, name, OfficerB,
                hostile ? "<script>no</script>" : "The Executive Board agreed to wait for the new provider."),
            EmailTemplates.ReallocationProposal => new ReallocationModel(code, name, FundingStream.PerformanceRewardGrant, new Money(749_950), allocations,
                new Money(50_000), OfficerA, null, hostile ? "<marquee>note</marquee>" : "Both projects serve older and vulnerable residents.",
                Link(LinkPurpose.ApproveReallocation, new LocalDate(2010, 7, 1))),
            EmailTemplates.ReallocationApproved => new ReallocationModel(code, name, FundingStream.PerformanceRewardGrant, new Money(749_950), allocations,
                new Money(50_000), OfficerA, OfficerB, null, null),
            EmailTemplates.FundsReceived => new FundsReceivedModel(Volunteering.Code, hostile ? HostileName : Volunteering.Name,
                hostile ? lead : Volunteering.Lead.Name, code, Money.Pounds(5_000), Money.Pounds(13_500)),
            EmailTemplates.ReallocationRejected => new ReallocationRejectedModel(code, name, FundingStream.PerformanceRewardGrant, new Money(749_950), allocations,
                OfficerA, OfficerB, hostile ? "<i>Too</i> much to ROC7" : "ROC7 has not reported this quarter."),
            EmailTemplates.ReallocationRefused => new ReallocationRefusedModel(code, name, FundingStream.PerformanceRewardGrant, "ROC7", new Money(199_950),
                hostile ? "<b>closed</b>" : "Fit for Life has finished its sessions and cannot spend more this year."),
            EmailTemplates.FundingNotRecorded => new FundingNotRecordedModel(code, FundingStream.PerformanceRewardGrant, "payment of £1,000.00",
                hostile ? HostileName : $"{code}: the Performance Reward Grant ledger refused the payment of £1,000.00: Cannot release £1,000.00 from {code}: only £500.00 of its award is unreleased."),
            EmailTemplates.QuarterlyDigest => new QuarterlyDigestModel(Q4, Q4.PeriodCovered, new LocalDate(2010, 5, 15),
            [
                new(code, name, organisation, Rag.Red, false, true, "Red: recovery deadline 31 May 2010"),
                new("ROC1", "Sanctuary Scheme", "Sanctuary Scheme", Rag.Green, false, false, "On target"),
                new(Volunteering.Code, Volunteering.Name, Volunteering.Organisation, Rag.Amber, false, false, "Amber: fewer volunteers than planned"),
                new("ROC9", "Neighbourhood Watch", "Neighbourhood Watch", Rag.Red, true, false, "No report: counts as Red"),
                new("ROC10", "Internet Safety", "London Bus Theatre Company", null, false, false, "Finished"),
            ],
            [
                new("ROC3", null, Money.Pounds(2_000), "Returned to unallocated", new LocalDate(2010, 2, 3)),
                new("ROC3", "ROC1", Money.Pounds(1_000), "Reallocated", new LocalDate(2010, 2, 3)),
            ],
            QuarterlyDigest.PackLink(Q4, CycleSettings.Default)),
            _ => throw new ArgumentException($"No sample for {template}; add one here.", nameof(template)),
        };
    }

    /// <summary>Who the cycle sends each template to (mirrors Cycle/*.cs in Reporting).</summary>
    public static (string[] To, string[] Cc) Recipients(string template)
    {
        var lead = Careline.Lead.Email!;
        string[] officers = [OfficerA.Email!, OfficerB.Email!];
        var executive = RochfordSeed.Contacts.ExecutiveBoardEmail;
        return template switch
        {
            EmailTemplates.QuarterlyRequest or EmailTemplates.Reminder => ([lead], []),
            EmailTemplates.NoReportReceived => (officers, [lead]),
            EmailTemplates.ApprovalRequest or EmailTemplates.ApprovalReminder => (officers, []),
            EmailTemplates.ReallocationRefused => (officers, [executive]),
            EmailTemplates.FundingNotRecorded => (officers, []),
            EmailTemplates.ExecutiveEscalation or EmailTemplates.ReallocationApproved or EmailTemplates.QuarterlyDigest => ([executive], officers),
            EmailTemplates.ExecutiveChairReEscalation => ([RochfordSeed.Contacts.ExecutiveChairEmail], officers),
            EmailTemplates.WithdrawalApproved or EmailTemplates.WithdrawalRejected => ([lead], [executive, .. officers]),
            EmailTemplates.ReallocationProposal => ([OfficerB.Email!], [OfficerA.Email!]),
            EmailTemplates.ReallocationRejected => (officers, [executive]),
            EmailTemplates.FundsReceived => ([Volunteering.Lead.Email!], officers),
            _ => ([lead], officers),
        };
    }

    public static IEnumerable<string> TemplateConstants() =>
        typeof(EmailTemplates).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> AllTemplates()
    {
        var data = new TheoryData<string>();
        foreach (var name in TemplateConstants())
        {
            data.Add(name);
        }
        return data;
    }
}

/// <summary>
/// A link issuer standing in for the Web app's (which stores token hashes): it returns a recognisable absolute URL
/// per link and recipient, and records each call so tests can see what was minted for whom.
/// </summary>
internal sealed class RecordingLinkIssuer : ILinkIssuer
{
    public List<(EmailLink Link, string Recipient, string MessageId)> Issued { get; } = [];

    public ValueTask<Uri> IssueAsync(EmailLink link, string recipientEmail, string messageId, CancellationToken cancellationToken)
    {
        Issued.Add((link, recipientEmail, messageId));
        var token = $"token{Issued.Count}-{recipientEmail.Split('@')[0]}";
        return ValueTask.FromResult(new Uri($"https://lsp.rochford.example.gov.uk/l/{link.Purpose}/{Uri.EscapeDataString(link.ProjectCode)}/{token}"));
    }
}
