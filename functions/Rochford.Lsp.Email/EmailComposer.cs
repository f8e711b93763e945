// Turns one SendEmail effect into the messages to send: a personal message per To recipient (with links
// minted for them) and one copy for everyone in Cc (personal links left out). Problems with addresses are
// reported, not thrown, so the transition that asked for the email is never lost; officers see them.

using Rochford.Lsp.Email.Rendering;

namespace Rochford.Lsp.Email;

/// <summary>What kind of address problem stopped a message reaching someone.</summary>
public enum DeliveryProblemKind
{
    /// <summary>No address is recorded (for example, the lead has no email address).</summary>
    NoAddress,

    /// <summary>The recorded address is not a valid email address.</summary>
    InvalidAddress,
}

/// <summary>A recipient the message could not be addressed to, in words an officer understands.</summary>
/// <param name="Address">The unusable address; null when none is recorded.</param>
public sealed record DeliveryProblem(DeliveryProblemKind Kind, RecipientRole Role, string? Address, string Description);

/// <summary>The messages composed for one outbox row, and any recipients they could not reach.</summary>
/// <param name="Messages">What to hand the transport; empty when no one could be addressed (the caller parks the row).</param>
/// <param name="AddressProblems">Each recipient the messages could not reach, and why.</param>
public sealed record EmailComposition(IReadOnlyList<OutgoingEmail> Messages, IReadOnlyList<DeliveryProblem> AddressProblems)
{
    /// <summary>The problems as sentences for officers and logs.</summary>
    public IReadOnlyList<string> Problems { get; } = [.. AddressProblems.Select(p => p.Description)];

    /// <summary>True when at least one message can be sent.</summary>
    public bool HasMessages => Messages.Count > 0;
}

/// <summary>Composes the messages for one email effect.</summary>
/// <remarks>
/// Message ids are stable (<c>{outboxId}/to/{index}</c> and <c>{outboxId}/cc</c>), so a retried outbox row
/// produces recognisably the same messages; the index is the recipient's position in the effect's To list.
/// </remarks>
public sealed class EmailComposer
{
    private readonly EmailOptions options;

    /// <summary>Creates a composer; the options are validated now, so a misconfiguration fails at start-up.</summary>
    public EmailComposer(EmailOptions options) => this.options = options.EnsureValid();

    /// <summary>Renders and addresses the messages for one <c>SendEmail</c> effect.</summary>
    /// <exception cref="EmailTemplateException">No renderer for <paramref name="template"/>, or the model JSON does not fit it.</exception>
    /// <remarks>
    /// When neither To nor Cc holds a usable address the result has no messages and says why: the caller parks the row.
    /// Errors from <paramref name="links"/> (such as storage being unavailable) propagate: they are temporary, so the outbox retries.
    /// </remarks>
    public async Task<EmailComposition> ComposeAsync(
        string outboxId,
        string template,
        IReadOnlyList<string> to,
        IReadOnlyList<string> cc,
        string modelJson,
        ILinkIssuer links,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outboxId);
        ArgumentNullException.ThrowIfNull(links);
        var found = EmailRenderer.Find(template);
        var model = found.Parse(modelJson);
        var project = found.ProjectIn(model);
        var problems = new List<DeliveryProblem>();

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var addressees = new List<(int Index, string Address)>();
        for (var i = 0; i < to.Count; i++)
        {
            var address = to[i]?.Trim() ?? "";
            if (!EmailAddress.IsValid(address))
            {
                problems.Add(Invalid(RecipientRole.To, address, AudienceText.Describe(found.To, project)));
            }
            else if (seen.Add(address))
            {
                addressees.Add((i, address));
            }
        }
        if (to.Count == 0)
        {
            problems.Add(new DeliveryProblem(DeliveryProblemKind.NoAddress, RecipientRole.To, null,
                $"No email address is recorded for {AudienceText.Describe(found.To, project)}, so the {template} email could not be sent to them."));
        }

        // Someone in both lists gets the personal message only.
        var copied = new List<string>();
        foreach (var raw in cc)
        {
            var address = raw?.Trim() ?? "";
            if (!EmailAddress.IsValid(address))
            {
                problems.Add(Invalid(RecipientRole.Cc, address, AudienceText.Describe(found.Cc, project)));
            }
            else if (seen.Add(address))
            {
                copied.Add(address);
            }
        }

        if (addressees.Count == 0 && copied.Count == 0)
        {
            return new EmailComposition([], problems);
        }

        var messages = new List<OutgoingEmail>();
        var link = found.LinkIn(model);
        foreach (var (index, address) in addressees)
        {
            var messageId = $"{outboxId}/to/{index}";
            Uri? url = null;
            if (link is not null)
            {
                url = await links.IssueAsync(link, address, messageId, cancellationToken).ConfigureAwait(false);
                if (!url.IsAbsoluteUri)
                {
                    throw new InvalidOperationException($"The link issuer returned '{url}', which is not an absolute URL; email links must be absolute.");
                }
            }
            var content = found.Render(model, new RenderContext(options, RecipientRole.To, url));
            messages.Add(new OutgoingEmail(messageId, outboxId, template, [address], [], content));
        }

        if (copied.Count > 0)
        {
            var note = addressees.Count > 0 ? null : UndeliveredNote(found, project, to);
            var content = found.Render(model, new RenderContext(options, RecipientRole.Cc, PersonalLink: null, note));
            messages.Add(new OutgoingEmail($"{outboxId}/cc", outboxId, template, [], copied, content));
        }
        return new EmailComposition(messages, problems);
    }

    private static DeliveryProblem Invalid(RecipientRole role, string address, string who) => address.Length == 0
        ? new DeliveryProblem(DeliveryProblemKind.NoAddress, role, null, $"An empty email address was given for {who}.")
        : new DeliveryProblem(DeliveryProblemKind.InvalidAddress, role, address, $"The email address recorded for {who}, '{address}', is not a valid email address.");

    private static string UndeliveredNote(EmailTemplate found, string? project, IReadOnlyList<string> to)
    {
        var who = AudienceText.Describe(found.To, project);
        var why = to.Count == 0 || to.All(string.IsNullOrWhiteSpace)
            ? "no email address is recorded for them"
            : $"the email address recorded for them ({string.Join(", ", to.Where(a => !string.IsNullOrWhiteSpace(a)))}) is not valid";
        return $"This message could not be sent to {who} because {why}. You are getting this copy so that you know. Please record a correct address and make sure they get this information.";
    }
}
