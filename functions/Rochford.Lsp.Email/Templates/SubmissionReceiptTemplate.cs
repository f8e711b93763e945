using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, officers copied: the report was received, with a copy of what was submitted.</summary>
internal sealed class SubmissionReceiptTemplate : EmailTemplate<SubmissionReceiptModel>
{
    public override string Name => EmailTemplates.SubmissionReceipt;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(SubmissionReceiptModel m) => m.IsAmendment
        ? $"{Project(m.ProjectCode, m.ProjectName)}: we have received your amended progress report for {Period(m.Quarter)}"
        : $"{Project(m.ProjectCode, m.ProjectName)}: we have received your progress report for {Period(m.Quarter)}";

    protected override string? About(SubmissionReceiptModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(SubmissionReceiptModel m) => m.Link;

    protected override void Write(SubmissionReceiptModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph(m.IsAmendment
            ? $"Thank you. We have received version {m.Version} of the progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)}. It replaces the earlier version."
            : $"Thank you. We have received the progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)}.");
        if (m.IsLate)
        {
            w.Paragraph("It arrived after the date it was due.");
        }
        var report = m.Report;
        var facts = new List<(string, string)>
        {
            ("Project", Project(m.ProjectCode, m.ProjectName)),
            ("Period covered", Quarter(m.Quarter)),
            ("Status", Status(m.Status)),
            ("Version", m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (report?.Expenditure is { } spent)
        {
            facts.Add(("Expenditure", Money(spent)));
        }
        w.Facts([.. facts]);
        w.Heading("What was submitted");
        if (report is null)
        {
            // The text is stored apart from the workflow and could not be read when this email was written.
            w.Paragraph($"The text of this report could not be included in this email. It is kept with the report on the project's page; to see it, contact {context.Options.ContactName}.");
        }
        else
        {
            w.Quote("Status comments", report.StatusComments);
            w.Quote("Progress in the last period", report.ProgressInLastPeriod);
            w.Quote("Future work", report.FutureWork);
        }
        if (m.Link is { } link)
        {
            w.Heading("If you need to change it");
            w.Paragraph($"You can change the report until {Date(m.AmendableUntil)}.");
            PersonalLink(w, context, "Change the progress report", link.Purpose, m.ProjectCode, "the project lead");
        }
        else
        {
            w.Paragraph($"This report can no longer be changed online. To correct it, contact {context.Options.ContactName}.");
        }
    }
}
