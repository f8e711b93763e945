// The pages that are no one's link: the home page, "page not found" for every other address, and (on a laptop only)
// the local mailbox.

using Rochford.Lsp.Email.Mailbox;
using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Routing;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>GET /: what the service is and who to ask for a lost link.</summary>
public sealed class HomeHandler : IRouteHandler
{
    /// <inheritdoc />
    public Task<IResult> HandleAsync(PageRequest request) => Task.FromResult<IResult>(ComponentResult.For<HomePage>());
}

/// <summary>Every address no other route has: 404 with the page.</summary>
public sealed class NotFoundHandler : IRouteHandler
{
    /// <inheritdoc />
    public Task<IResult> HandleAsync(PageRequest request) => Task.FromResult<IResult>(new StatusPageResult(StatusCodes.Status404NotFound));
}

/// <summary>GET /dev/mailbox: every email the app "sent" on a laptop, newest first. 404 where there is no local mailbox (in Azure, or with SendGrid).</summary>
public sealed class MailboxHandler(IServiceProvider services) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request) =>
        Platform.IsAzure || services.GetService<LocalMailbox>() is not { } mailbox
            ? new StatusPageResult(StatusCodes.Status404NotFound)
            : ComponentResult.For<MailboxPage>(new MailboxView(await mailbox.ListAsync(request.Aborted)));
}

/// <summary>GET /dev/mailbox/message?id=: one message with its links, or 404.</summary>
public sealed class MailboxMessageHandler(IServiceProvider services) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        var id = request.Http.Request.Query["id"].ToString();
        if (Platform.IsAzure || services.GetService<LocalMailbox>() is not { } mailbox || id.Length == 0
            || await mailbox.GetAsync(id, request.Aborted) is not { } message)
            return new StatusPageResult(StatusCodes.Status404NotFound);
        return ComponentResult.For<MailboxMessagePage>(message);
    }
}
