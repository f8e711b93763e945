using Rochford.Lsp.Email.Rendering;

namespace Rochford.Lsp.Email.Events;

/// <summary>Says what a delivery failure means for officers, e.g. "The QuarterlyRequest email to the lead for ROC4 Careline bounced: ...".</summary>
public static class DeliveryEventText
{
    /// <summary>
    /// A sentence for the officers' pages. <paramref name="template"/> is the outbox row's template and <paramref name="project"/>
    /// the project as "ROC4 Careline"; the message id ("…/to/0" or "…/cc") says which recipient it was.
    /// </summary>
    public static string Describe(DeliveryEvent e, string template, string? project)
    {
        var role = e.MessageId?.EndsWith("/cc", StringComparison.Ordinal) == true ? RecipientRole.Cc : RecipientRole.To;
        string who;
        try
        {
            who = AudienceText.Describe(EmailRenderer.AudienceOf(template, role), project);
        }
        catch (EmailTemplateException)
        {
            who = "its recipient";
        }
        var to = role == RecipientRole.Cc ? $"the copy for {who}" : who;
        var what = e.Event switch
        {
            "bounce" => "bounced",
            "blocked" => "was blocked",
            "dropped" => "was dropped by SendGrid",
            "deferred" => "is delayed; SendGrid is still trying",
            "delivered" => "was delivered",
            "spamreport" => "was reported as spam",
            _ => $"had the event '{e.Event}'",
        };
        var address = e.RecipientHint is null ? "" : $" ({e.RecipientHint})";
        var reason = string.IsNullOrWhiteSpace(e.Reason) ? "." : $": {e.Reason}";
        return $"The {template} email to {to}{address} {what}{reason}";
    }
}
