// The shared shape of every message: the partnership's banner, an optional "could not be sent" notice, the
// template's own content, then the footer that says why the reader gets it, who sent it and whom to contact.

using System.Text;
using System.Text.Json;
using Rochford.Lsp.Reporting.Email;
using Rochford.Lsp.Reporting.Json;

namespace Rochford.Lsp.Email.Rendering;

/// <summary>A template over its model record <typeparamref name="TModel"/>.</summary>
internal abstract class EmailTemplate<TModel> : EmailTemplate where TModel : class
{
    // The domain's options, made strict: a missing or null required field is an error here rather than a
    // "null" printed in someone's email.
    private static readonly JsonSerializerOptions Strict = new(ReportingJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public override object Parse(string modelJson)
    {
        try
        {
            return JsonSerializer.Deserialize<TModel>(modelJson, Strict)
                ?? throw new EmailTemplateException($"The model for the {Name} email is empty (JSON null).");
        }
        catch (JsonException e)
        {
            throw new EmailTemplateException($"The model for the {Name} email does not fit {typeof(TModel).Name}: {e.Message}", e);
        }
    }

    public override EmailLink? LinkIn(object model) => Link((TModel)model);

    public override string? ProjectIn(object model) => About((TModel)model);

    public override RenderedEmail Render(object model, RenderContext context)
    {
        var typed = (TModel)model;
        var subject = OneLine(Subject(typed));
        var project = About(typed);
        var writer = new MessageWriter();
        if (context.UndeliveredNote is { } note)
        {
            writer.Important(note);
        }
        writer.Title(subject);
        Write(typed, writer, context);
        Footer(writer, context, context.Role == RecipientRole.To ? To : Cc, project);
        return new RenderedEmail(subject, Document(subject, context.Options, writer.HtmlBody), Banner(context.Options, writer.TextBody), writer.Links);
    }

    protected abstract string Subject(TModel model);

    protected abstract string? About(TModel model);

    protected abstract EmailLink? Link(TModel model);

    protected abstract void Write(TModel model, MessageWriter writer, RenderContext context);

    /// <summary>
    /// The personal link as a button for the addressee; in a copy, a sentence saying it was left out
    /// (a copied link would let the wrong person act as the addressee) and where officers can look instead.
    /// </summary>
    /// <summary>The project lead's personal link (see <see cref="PersonalLink"/>), for helpers shared by several templates.</summary>
    internal static void LeadLink(MessageWriter writer, RenderContext context, string words, LinkPurpose purpose, string projectCode) =>
        PersonalLink(writer, context, words, purpose, projectCode, "the project lead");

    protected static void PersonalLink(MessageWriter writer, RenderContext context, string words, LinkPurpose purpose, string? projectCode, string addressee)
    {
        if (context.Role == RecipientRole.To && context.PersonalLink is { } url)
        {
            writer.Button(words, url, purpose);
            writer.Paragraph("This link is personal to you. Please do not forward this email.");
            return;
        }
        writer.Paragraph($"The link to {LowerFirst(words)} is personal to {addressee}, so it is not included in this copy.");
        if (projectCode is not null)
        {
            writer.LinkParagraph("LSP officers can see the project's page at", $"{projectCode} on the monitoring site", context.Options.PageUrl("projects/" + Uri.EscapeDataString(projectCode)));
        }
    }

    /// <summary>True when the readers of this copy (the template's To, or its Cc) are or include LSP officers.</summary>
    protected bool ReadByOfficers(RenderContext context) => (context.Role == RecipientRole.To ? To : Cc)
        is Audience.Officers or Audience.OtherOfficers or Audience.ProposingOfficer or Audience.ProposerAndOfficers or Audience.ExecutiveBoardAndOfficers;

    /// <summary>
    /// A sentence ending in a link to an officers' page (<paramref name="path"/>, opened signed in), written only in the copies
    /// officers read: a lead or the Executive Board following it would only be told they are not an officer.
    /// </summary>
    protected void OfficersLink(MessageWriter writer, RenderContext context, string before, string words, string path)
    {
        if (ReadByOfficers(context))
        {
            writer.LinkParagraph(before, words, context.Options.PageUrl(path));
        }
    }

    // A subject is one header line: a line break from data (a project name pasted with one) must not split it.
    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n', '\t', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    protected static string LowerFirst(string words) => words.Length == 0 ? words : char.ToLowerInvariant(words[0]) + words[1..];

    private static void Footer(MessageWriter writer, RenderContext context, Audience audience, string? project)
    {
        var options = context.Options;
        writer.Rule();
        writer.Paragraph(AudienceText.Why(audience, context.Role, project));
        writer.Paragraph($"This email was sent by the {options.PartnershipName}'s funded project monitoring service, on behalf of the LSP officers.");
        writer.Contact("If you have a question, contact", options.ContactName, options.ContactEmail);
    }

    private static string Banner(EmailOptions options, string body) =>
        options.PartnershipName + "\n\n" + body;

    private static string Document(string subject, EmailOptions options, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(MessageWriter.Encode(subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:0;background:#ffffff;\">\n")
            .Append("<div style=\"background:#0b0c0c;padding:15px 20px;\"><p style=\"color:#ffffff;font-family:Arial,sans-serif;font-size:19px;font-weight:bold;margin:0;\">")
            .Append(MessageWriter.Encode(options.PartnershipName)).Append("</p></div>\n")
            .Append("<div style=\"max-width:640px;padding:20px;\">\n")
            .Append(body)
            .Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }
}
