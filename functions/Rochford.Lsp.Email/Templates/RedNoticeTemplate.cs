using Rochford.Lsp.Email.Rendering;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Reporting.Email;
using static Rochford.Lsp.Email.Rendering.EmailFormat;

namespace Rochford.Lsp.Email.Templates;

/// <summary>To the lead, officers copied: the project is Red, with the recovery deadline and what is needed.</summary>
internal sealed class RedNoticeTemplate : EmailTemplate<RedNoticeModel>
{
    public override string Name => EmailTemplates.RedNotice;
    public override Audience To => Audience.ProjectLead;
    public override Audience Cc => Audience.Officers;

    protected override string Subject(RedNoticeModel m) => $"{Project(m.ProjectCode, m.ProjectName)} is Red: what is needed by {Date(m.RecoveryDeadline)}";
    protected override string? About(RedNoticeModel m) => Project(m.ProjectCode, m.ProjectName);
    protected override EmailLink? Link(RedNoticeModel m) => m.Link;

    protected override void Write(RedNoticeModel m, MessageWriter w, RenderContext context)
    {
        w.Paragraph(m.Cause == RedCause.RedReport
            ? $"The progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)} said the project is Red."
            : $"No progress report for {Project(m.ProjectCode, m.ProjectName)} covering {Period(m.Quarter)} was received, so the quarter counts as Red.");
        RecoveryDetails.Write(w, m);
        w.Important($"If this is not done by {Date(m.RecoveryDeadline)}, the project's funding may be withdrawn and reallocated by the LSP Executive Board.");
        RecoveryDetails.WriteLink(w, m, context, explainUpdates: true);
    }
}

/// <summary>The deadline, what is needed and who set it: shared by the Red notice and the extension notice.</summary>
internal static class RecoveryDetails
{
    public static void Write(MessageWriter w, RedNoticeModel m)
    {
        var facts = new List<(string, string)>
        {
            ("Project", Project(m.ProjectCode, m.ProjectName)),
            ("Red for", Quarter(m.Quarter)),
            ("Recovery deadline", Date(m.RecoveryDeadline)),
        };
        if (m.SetBy is { } officer)
        {
            facts.Add(("Deadline set by", officer.Name));
        }
        w.Facts([.. facts]);
        w.Quote("What is needed", m.WhatIsNeeded);
    }

    /// <summary>
    /// The lead's link: while the quarter's report is still owed (no report was received), its form, where it is taken late;
    /// otherwise the interim update.
    /// </summary>
    /// <param name="explainUpdates">True to say what an interim update is for (the first notice does; the extension does not).</param>
    public static void WriteLink(MessageWriter w, RedNoticeModel m, RenderContext context, bool explainUpdates)
    {
        if (m.Link.Purpose == LinkPurpose.SubmitReport)
        {
            w.Paragraph($"Send the {Period(m.Quarter)} report now. It will be marked as late. If it says the project is Amber or Green, the project stops being Red.");
            EmailTemplate<RedNoticeModel>.LeadLink(w, context, "Send the overdue report", m.Link.Purpose, m.ProjectCode);
            return;
        }
        if (explainUpdates)
            w.Paragraph("Send an update when things change. If the project is back to Amber or Green, it stops being Red.");
        EmailTemplate<RedNoticeModel>.LeadLink(w, context, "Send an update", m.Link.Purpose, m.ProjectCode);
    }
}
