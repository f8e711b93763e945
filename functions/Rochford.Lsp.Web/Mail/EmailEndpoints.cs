// HTTP endpoints of the email part: SendGrid's signed event webhook (delivered, bounce, dropped) and, on a
// laptop only, the local mailbox as JSON and as the raw HTML of one message (the list pages are Razor pages).

using Rochford.Lsp.Email.Events;
using Rochford.Lsp.Email.Mailbox;
using Rochford.Lsp.Web.Security;
using Rochford.Lsp.Web.Workflow;

namespace Rochford.Lsp.Web.Mail;

/// <summary>Maps the email endpoints.</summary>
public static class EmailEndpoints
{
    /// <summary>SendGrid posts batches of events; a day's worth for this partnership is a few kilobytes.</summary>
    internal const int MaxWebhookBytes = 1024 * 1024;

    /// <summary>Maps SendGrid's event webhook (when its key is configured) and, locally, the mailbox.</summary>
    public static void MapEmail(this WebApplication app)
    {
        if (app.Services.GetService<SendGridEventWebhook>() is not null) app.MapSendGridEvents();
        if (!Hosting.IsAzure && app.Services.GetService<LocalMailbox>() is not null) app.MapLocalMailbox();
    }

    /// <summary>
    /// POST /api/sendgrid/events: verifies the ECDSA signature over the raw body, then records each event against its
    /// outbox id. A refused request (bad signature, stale, too large) stores nothing.
    /// </summary>
    public static void MapSendGridEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sendgrid/events", async (HttpRequest request, SendGridEventWebhook webhook, DeliveryEventStore store,
            ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            if (request.ContentLength is > MaxWebhookBytes)
                return Results.Problem(title: $"The event batch is larger than {MaxWebhookBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
            using var body = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > MaxWebhookBytes)
                    return Results.Problem(title: $"The event batch is larger than {MaxWebhookBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
                body.Write(buffer, 0, read);
            }
            switch (webhook.Receive(request.Headers[SendGridEventWebhook.SignatureHeader], request.Headers[SendGridEventWebhook.TimestampHeader], body.ToArray()))
            {
                case WebhookReceipt.Accepted accepted:
                    await store.RecordAsync(accepted.Events, cancellationToken);
                    foreach (var failure in accepted.Events.Where(e => e.IsFailure))
                        loggers.CreateLogger("Rochford.Lsp.Web.Mail").LogWarning("Email {OutboxId}: {Event} ({Reason})", failure.OutboxId, failure.Event, failure.Reason);
                    return Results.NoContent();
                case WebhookReceipt.Refused refused:
                    return Results.Problem(title: refused.Reason, statusCode: StatusCodes.Status401Unauthorized);
                default:
                    throw new InvalidOperationException("Unknown webhook receipt.");
            }
        }).DisableAntiforgery();
    }

    /// <summary>GET /dev/mailbox.json (every message, newest first) and GET /dev/mailbox/html?id= (one message's HTML as sent).</summary>
    public static void MapLocalMailbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dev/mailbox.json", async (LocalMailbox mailbox, CancellationToken cancellationToken) =>
            Results.Ok(await mailbox.ListAsync(cancellationToken)));

        app.MapGet("/dev/mailbox/html", async (string? id, HttpContext context, LocalMailbox mailbox, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrEmpty(id) || await mailbox.GetAsync(id, cancellationToken) is not { } message)
                return Results.NotFound();
            // The email's own HTML uses inline styles, as email clients need; it has no script, and none may run.
            context.Items[SecurityHeaders.PolicyOverrideKey] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            return Results.Content(message.Html, "text/html; charset=utf-8");
        });
    }
}
