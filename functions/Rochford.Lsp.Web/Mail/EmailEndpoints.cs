// The local mailbox as JSON and as the raw HTML of one message: developer endpoints, on a laptop only (its pages for
// people are in the route table; SendGrid's event webhook is too).

using Rochford.Lsp.Email.Mailbox;
using Rochford.Lsp.Pages.Security;
using Rochford.Lsp.Web.Workflow;

namespace Rochford.Lsp.Web.Mail;

/// <summary>Maps the email endpoints.</summary>
public static class EmailEndpoints
{
    /// <summary>GET /dev/mailbox.json (every message, newest first) and GET /dev/mailbox/html?id= (one message's HTML as sent).</summary>
    public static void MapLocalMailbox(this WebApplication app)
    {
        if (Hosting.IsAzure || app.Services.GetService<LocalMailbox>() is null) return;
        // Every message's links are live tokens: never cached.
        app.MapGet("/dev/mailbox.json", async (HttpContext context, LocalMailbox mailbox, CancellationToken cancellationToken) =>
        {
            FormLimits.NeverCache(context);
            return Results.Ok(await mailbox.ListAsync(cancellationToken));
        });

        app.MapGet("/dev/mailbox/html", async (string? id, HttpContext context, LocalMailbox mailbox, CancellationToken cancellationToken) =>
        {
            FormLimits.NeverCache(context);
            if (string.IsNullOrEmpty(id) || await mailbox.GetAsync(id, cancellationToken) is not { } message)
                return Results.NotFound();
            // The email's own HTML uses inline styles, as email clients need; it has no script, and none may run.
            context.Items[SecurityHeaders.PolicyOverrideKey] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            return Results.Content(message.Html, "text/html; charset=utf-8");
        });
    }
}
