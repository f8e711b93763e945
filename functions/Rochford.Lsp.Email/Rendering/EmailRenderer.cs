// Every template the app can render, by name. A template the reporting cycle names but no renderer covers is
// a clear EmailTemplateException here (and a test enumerating EmailTemplates fails first).

using System.Collections.Frozen;
using Rochford.Lsp.Email.Templates;
using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Email.Rendering;

/// <summary>Renders a template's model JSON into a message; used by <see cref="EmailComposer"/> and by previews.</summary>
public sealed class EmailRenderer
{
    private static readonly FrozenDictionary<string, EmailTemplate> All = new EmailTemplate[]
    {
        new QuarterlyRequestTemplate(),
        new ReminderTemplate(),
        new OverdueChaseTemplate(),
        new NoReportReceivedTemplate(),
        new SubmissionReceiptTemplate(),
        new RedNoticeTemplate(),
        new InterimUpdateReceiptTemplate(),
        new ExecutiveEscalationTemplate(),
        new ApprovalRequestTemplate(),
        new ApprovalReminderTemplate(),
        new ExecutiveChairReEscalationTemplate(),
        new WithdrawalApprovedTemplate(),
        new WithdrawalRejectedTemplate(),
        new DeadlineExtendedTemplate(),
        new DueDateChangedTemplate(),
        new ChangesRequestedTemplate(),
        new ReallocationProposalTemplate(),
        new ReallocationApprovedTemplate(),
        new FundsReceivedTemplate(),
        new ReallocationRejectedTemplate(),
        new ReallocationRefusedTemplate(),
        new FundingNotRecordedTemplate(),
        new QuarterlyDigestTemplate(),
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The names of every template that has a renderer.</summary>
    public static IReadOnlyCollection<string> TemplateNames => All.Keys;

    /// <summary>Who a template's To or Cc recipients are (for "why you are getting this" and for describing a bounce).</summary>
    public static Audience AudienceOf(string template, RecipientRole role)
    {
        var found = Find(template);
        return role == RecipientRole.To ? found.To : found.Cc;
    }

    /// <summary>Renders <paramref name="template"/> for one reader.</summary>
    /// <exception cref="EmailTemplateException">No such template, or the model JSON does not fit it.</exception>
    public static RenderedEmail Render(string template, string modelJson, RenderContext context)
    {
        var found = Find(template);
        return found.Render(found.Parse(modelJson), context);
    }

    /// <summary>The personal link the model asks for, if any.</summary>
    public static EmailLink? PersonalLinkIn(string template, string modelJson)
    {
        var found = Find(template);
        return found.LinkIn(found.Parse(modelJson));
    }

    internal static EmailTemplate Find(string template) =>
        All.TryGetValue(template, out var found)
            ? found
            : throw new EmailTemplateException(
                $"There is no email template called '{template}'. The templates are: {string.Join(", ", All.Keys.Order(StringComparer.Ordinal))}.");
}
