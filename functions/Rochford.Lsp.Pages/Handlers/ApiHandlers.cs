// The machine endpoints: the health check monitoring polls, and SendGrid's signed event webhook.

using Microsoft.Extensions.Options;
using Rochford.Lsp.Email;
using Rochford.Lsp.Email.Events;
using Rochford.Lsp.Pages.Routing;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>
/// GET /api/health: 200 when the app has started, its storage answers and email can go; 503 with the reason otherwise
/// (an email transport that cannot send yet, such as a SendGrid key still an unresolved Key Vault reference, says why).
/// </summary>
public sealed class HealthHandler(IOptions<StorageOptions> storage, ILogger<HealthHandler> logger, AppReadiness? readiness = null,
    IMailTransport? transport = null) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        // The local host answers at once, "starting" (503) while its engine, tables and seed start after the web server.
        var state = readiness?.State ?? "running";
        if (state != "running")
            return Results.Json(new { status = state == "failed" ? "unhealthy" : "starting", workflow = readiness!.Failure ?? state },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        try
        {
            var probe = storage.Value.CreateClient("health");
            await probe.CreateIfNotExistsAsync(request.Aborted);
            // The app is up and pages work, but emails wait: unhealthy, so monitoring tells someone to fix it.
            if (transport is IMailTransportStatus { Problem: { } email })
                return Results.Json(new { status = "unhealthy", storage = "reachable", workflow = state, email }, statusCode: StatusCodes.Status503ServiceUnavailable);
            return Results.Ok(new { status = "ok", storage = "reachable", workflow = state });
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or InvalidOperationException)
        {
            // The reason is logged, not shown: anyone may ask, and a storage error can name the account or its endpoint.
            logger.LogWarning(ex, "Health check: storage is not reachable");
            return Results.Json(new { status = "unhealthy", storage = "unreachable", workflow = state }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>
/// POST /api/sendgrid/events: verifies the ECDSA signature over the raw body, then records each event against its outbox
/// id. A refused request (bad signature, stale, too large) stores nothing. 404 when the webhook's key is not configured.
/// </summary>
public sealed class SendGridEventsHandler(IServiceProvider services, ILogger<SendGridEventsHandler> logger) : IRouteHandler
{
    /// <summary>SendGrid posts batches of events; a day's worth for this partnership is a few kilobytes.</summary>
    internal const int MaxWebhookBytes = 1024 * 1024;

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        if (services.GetService<SendGridEventWebhook>() is not { } webhook || services.GetService<DeliveryEventStore>() is not { } store)
            return Results.Problem(title: $"SendGrid's event webhook is not configured here ({SendGridWebhookOptions.PublicKeySetting} is not set).", statusCode: StatusCodes.Status404NotFound);
        var http = request.Http.Request;
        var tooLarge = Results.Problem(title: $"The event batch is larger than {MaxWebhookBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (http.ContentLength is > MaxWebhookBytes) return tooLarge;
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(buffer, request.Aborted)) > 0)
        {
            if (body.Length + read > MaxWebhookBytes) return tooLarge;
            body.Write(buffer, 0, read);
        }
        switch (webhook.Receive(http.Headers[SendGridEventWebhook.SignatureHeader], http.Headers[SendGridEventWebhook.TimestampHeader], body.ToArray()))
        {
            case WebhookReceipt.Accepted accepted:
                await store.RecordAsync(accepted.Events, request.Aborted);
                foreach (var failure in accepted.Events.Where(e => e.IsFailure))
                    logger.LogWarning("Email {OutboxId}: {Event} ({Reason})", failure.OutboxId, failure.Event, failure.Reason);
                return Results.NoContent();
            case WebhookReceipt.Refused refused:
                return Results.Problem(title: refused.Reason, statusCode: StatusCodes.Status401Unauthorized);
            default:
                throw new InvalidOperationException("Unknown webhook receipt.");
        }
    }
}
