using Rochford.Lsp.Reporting.Email;

namespace Rochford.Lsp.Email.Rendering;

/// <summary>What one rendering is for: the reader's role, the personal link minted for them, and any delivery note.</summary>
/// <param name="PersonalLink">The URL minted for the addressee; null in a copy (personal links are never copied).</param>
/// <param name="UndeliveredNote">When set, the message could not reach its intended recipients and this says why.</param>
public sealed record RenderContext(EmailOptions Options, RecipientRole Role, Uri? PersonalLink, string? UndeliveredNote = null);

/// <summary>One template: parses its model and writes the message. One subclass per message, in <c>Templates/</c>.</summary>
internal abstract class EmailTemplate
{
    public abstract string Name { get; }

    /// <summary>Who the template's To recipients are.</summary>
    public abstract Audience To { get; }

    /// <summary>Who the template's Cc recipients are.</summary>
    public abstract Audience Cc { get; }

    /// <summary>Parses <paramref name="modelJson"/>; throws <see cref="EmailTemplateException"/> when it does not fit the model.</summary>
    public abstract object Parse(string modelJson);

    /// <summary>The personal link the model asks for, if any.</summary>
    public abstract EmailLink? LinkIn(object model);

    /// <summary>"ROC4 Careline", for the sentences about who gets the message; null for messages about no one project.</summary>
    public abstract string? ProjectIn(object model);

    public abstract RenderedEmail Render(object model, RenderContext context);
}
