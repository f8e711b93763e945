// Receipts show what the lead sent, but the decider holds only the text's id: just before a receipt is written, the
// email activity's sender reads the text from the reports table into the model. A text that cannot be found does not
// hold the email back: the receipt goes saying where the text is, and the caller logs a warning.

using System.Text.Json;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Workflow;

/// <summary>Fills the texts of receipt emails from <see cref="IReportTexts"/>.</summary>
public static class ReceiptTexts
{
    /// <summary>What <see cref="FillAsync"/> made: the model to render, and what could not be found (null when nothing is missing).</summary>
    public sealed record Filled(string ModelJson, string? Missing);

    /// <summary>
    /// <paramref name="email"/>'s model with the stored text filled in, for the receipt templates; any other email's model unchanged.
    /// </summary>
    public static async Task<Filled> FillAsync(EmailEffect email, IReportTexts texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(texts);
        switch (email.Template)
        {
            case EmailTemplates.SubmissionReceipt:
            {
                var model = Read<SubmissionReceiptModel>(email);
                if (model is null || model.Report is not null) return new(email.ModelJson, null);
                var stored = await texts.FindReportAsync(model.ProjectCode, model.ReportId, cancellationToken).ConfigureAwait(false);
                return stored is null
                    ? new(email.ModelJson, $"the text of report {model.ReportId} ({model.ProjectCode} {model.Quarter.Label}) is not in the reports table")
                    : new(ReportingJson.Serialize(model with { Report = stored.Content }), null);
            }
            case EmailTemplates.InterimUpdateReceipt:
            {
                var model = Read<InterimUpdateReceiptModel>(email);
                if (model is null || model.Comments is not null) return new(email.ModelJson, null);
                var stored = await texts.FindUpdateAsync(model.ProjectCode, model.UpdateId, cancellationToken).ConfigureAwait(false);
                return stored is null
                    ? new(email.ModelJson, $"the comments of interim update {model.UpdateId} ({model.ProjectCode}) are not in the reports table")
                    : new(ReportingJson.Serialize(model with { Comments = stored.Comments }), null);
            }
            default:
                return new(email.ModelJson, null);
        }
    }

    // A model that does not read is left to the composer, which parks the email with its own reason.
    private static T? Read<T>(EmailEffect email) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(email.ModelJson, ReportingJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
