using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, officers copied: an officer moved the due date of a report the lead still owes.</summary>
internal sealed class DueDateChangedTemplate : EmailTemplate<DueDateChangedModel>
{
    public override string Name => EmailTemplates.DueDateChanged;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(DueDateChangedModel m) => $"{Project(m.ProjectCode, m.ProjectName)}: progress report for {Period(m.Quarter)} now due by {Date(m.DueOn)}";
    protected override string? About(DueDateChangedModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(DueDateChangedModel m) => m.Link;

    protected override void Write(DueDateChangedModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph($"Dear {m.LeadName},");
        w.Paragraph($"{m.ChangedBy.Name} has changed the due date of the progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)}. It is now due by {Date(m.DueOn)} instead of {Date(m.PreviousDueOn)}.");
        w.Quote("Reason", m.Reason);
        w.Facts(
            ("Period covered", Quarter(m.Quarter)),
            ("Was due by", Date(m.PreviousDueOn)),
            ("Now due by", Date(m.DueOn)));
        w.Paragraph("Reminders and chasers will follow the new date. If you have already sent the report, thank you: you do not need to do anything.");
        PersonalLink(w, context, "Fill in the progress report", m.Link.Purpose, m.ProjectCode, "the project lead");
    }
}
