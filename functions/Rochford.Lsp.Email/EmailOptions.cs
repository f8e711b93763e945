// The "Email" configuration section: who the messages come from, whom to contact, and the base URL plain links
// are built on. Validate() says, in a sentence per problem, what is wrong, so a misconfigured app fails at start-up.

namespace Rochford.Lsp.Email;

/// <summary>How every email is signed and addressed; bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Email";

    /// <summary>The app's public address, e.g. "https://lsp.rochford.gov.uk"; plain links such as <c>/projects/ROC4</c> are built on it.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Who the messages are from, in words.</summary>
    public string PartnershipName { get; set; } = "Rochford Local Strategic Partnership";

    /// <summary>The sender address (for SendGrid, a verified sender).</summary>
    public string FromEmail { get; set; } = "";

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "Rochford Local Strategic Partnership";

    /// <summary>Where replies go; usually the LSP officers' shared mailbox. Defaults to <see cref="ContactEmail"/>.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>Whom a reader should contact, in words, e.g. "the LSP officers at Rochford District Council".</summary>
    public string ContactName { get; set; } = "";

    /// <summary>The contact's email address.</summary>
    public string ContactEmail { get; set; } = "";

    /// <summary><see cref="BaseUrl"/> as a URI ending in '/', so relative paths append rather than replace. Call <see cref="Validate"/> first.</summary>
    public Uri BaseUri => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);

    /// <summary>The reply-to address actually used.</summary>
    public string EffectiveReplyTo => string.IsNullOrWhiteSpace(ReplyTo) ? ContactEmail : ReplyTo;

    /// <summary>An absolute URL for a path under <see cref="BaseUrl"/>, e.g. <c>PageUrl("projects/ROC4")</c>.</summary>
    public Uri PageUrl(string relativePath) => new(BaseUri, relativePath.TrimStart('/'));

    /// <summary>Every problem with these options, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
        {
            problems.Add($"{SectionName}:BaseUrl must be the app's absolute http or https address, such as https://lsp.rochford.gov.uk; it is '{BaseUrl}'.");
        }
        else if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
        {
            problems.Add($"{SectionName}:BaseUrl must not have a query or fragment; it is '{BaseUrl}'.");
        }
        if (string.IsNullOrWhiteSpace(PartnershipName))
        {
            problems.Add($"{SectionName}:PartnershipName is required: every email says who sent it.");
        }
        if (!EmailAddress.IsValid(FromEmail))
        {
            problems.Add($"{SectionName}:FromEmail must be an email address, such as lsp@rochford.gov.uk; it is '{FromEmail}'.");
        }
        if (string.IsNullOrWhiteSpace(FromName))
        {
            problems.Add($"{SectionName}:FromName is required.");
        }
        if (!string.IsNullOrWhiteSpace(ReplyTo) && !EmailAddress.IsValid(ReplyTo))
        {
            problems.Add($"{SectionName}:ReplyTo must be an email address when it is set; it is '{ReplyTo}'.");
        }
        if (string.IsNullOrWhiteSpace(ContactName))
        {
            problems.Add($"{SectionName}:ContactName is required: every email says whom to contact.");
        }
        if (!EmailAddress.IsValid(ContactEmail))
        {
            problems.Add($"{SectionName}:ContactEmail must be an email address; it is '{ContactEmail}'.");
        }
        return problems;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every problem, if there are any.</summary>
    public EmailOptions EnsureValid()
    {
        var problems = Validate();
        return problems.Count == 0
            ? this
            : throw new InvalidOperationException("The email settings are not usable: " + string.Join(" ", problems));
    }
}
