// The local mailbox for people: every email the app "sent" on a laptop, newest first, and each one in full with
// its links. Local only: in Azure (or with SendGrid configured) there is no local mailbox and these pages are 404.

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rochford.Lsp.Email.Mailbox;
using Rochford.Lsp.Web.Workflow;

namespace Rochford.Lsp.Web.Pages.Dev;

/// <summary>GET /dev/mailbox: the list.</summary>
public sealed class MailboxModel(IServiceProvider services) : PageModel
{
    /// <summary>The messages, newest first.</summary>
    public IReadOnlyList<MailboxMessage> Messages { get; private set; } = [];

    /// <summary>Lists the mailbox.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Hosting.IsAzure || services.GetService<LocalMailbox>() is not { } mailbox) return NotFound();
        Messages = await mailbox.ListAsync(cancellationToken);
        return Page();
    }
}

/// <summary>GET /dev/mailbox/message?id=: one message.</summary>
public sealed class MailboxMessageModel(IServiceProvider services) : PageModel
{
    /// <summary>The message.</summary>
    public MailboxMessage Message { get; private set; } = null!;

    /// <summary>Shows one message, or 404.</summary>
    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        if (Hosting.IsAzure || services.GetService<LocalMailbox>() is not { } mailbox) return NotFound();
        if (string.IsNullOrEmpty(id) || await mailbox.GetAsync(id, cancellationToken) is not { } message) return NotFound();
        Message = message;
        return Page();
    }
}
