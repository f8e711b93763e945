using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead: the report is due soon.</summary>
internal sealed class ReminderTemplate : EmailTemplate<ReminderModel>
{
    public override string Name => EmailTemplates.Reminder;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.None;

    protected override string Subject(ReminderModel m) => $"Reminder: {Project(m.ProjectCode, m.ProjectName)} progress report due by {Date(m.DueOn)}";
    protected override string? About(ReminderModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(ReminderModel m) => m.Link;

    protected override void Write(ReminderModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Dear {m.LeadName},");
        w.Paragraph($"This is a reminder that the progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)} is due by {Date(m.DueOn)}.");
        w.Paragraph("If you have already sent it, thank you: you do not need to do anything.");
        PersonalLink(w, context, "Fill in the progress report", m.Link.Purpose, m.ProjectCode, "the project lead");
    }
}
