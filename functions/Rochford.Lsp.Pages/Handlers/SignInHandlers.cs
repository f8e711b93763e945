// Signing in and out. In Azure, App Service Authentication does both (/.auth/login/aad, /.auth/logout); on a laptop the
// development sign-in page lets you be one of the partnership's officers (local-only route; refused in Azure).

using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Routing;
using Rochford.Lsp.Pages.Staff;

namespace Rochford.Lsp.Pages.Handlers;

/// <summary>GET and POST /dev/sign-in: pick an officer (development only).</summary>
public sealed class DevSignInHandler(StaffDirectory directory, StaffSignIn signIn) : IRouteHandler
{
    /// <summary>The choice that signs in with any address.</summary>
    public const string OtherChoice = "other";

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        if (!StaffSignIn.DevelopmentSignIn || !StaffSignIn.IsFromThisMachine(request.Http)) return new StatusPageResult(StatusCodes.Status404NotFound);
        var officers = await directory.OfficersAsync(request.Aborted);
        var query = request.Http.Request;
        var returnUrl = request.IsRead ? query.Query["returnUrl"].ToString() : query.Form["returnUrl"].ToString();
        if (!StaffSignIn.IsLocalPath(returnUrl)) returnUrl = "/dashboard";
        if (request.IsRead) return ComponentResult.For<DevSignInPage>(new DevSignInView(officers, returnUrl, null));
        var chosen = query.Form["officer"].ToString();
        // "Someone else": any address, to see what a person who is not an officer sees (the refusal page).
        var email = chosen == OtherChoice ? query.Form["otherEmail"].ToString().Trim() : chosen;
        if (chosen == OtherChoice && (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email))
            return ComponentResult.For<DevSignInPage>(new DevSignInView(officers, returnUrl, "Enter an email address in the right format, like name@example.org"),
                StatusCodes.Status422UnprocessableEntity);
        if (chosen != OtherChoice && !officers.Any(o => string.Equals(o.Email, chosen, StringComparison.OrdinalIgnoreCase)))
            return ComponentResult.For<DevSignInPage>(new DevSignInView(officers, returnUrl, "Select the officer to sign in as"), StatusCodes.Status422UnprocessableEntity);
        await signIn.SignInForDevelopmentAsync(request.Http, email);
        return Results.Redirect(StaffSignIn.ForLocation(returnUrl));
    }
}

/// <summary>
/// POST /sign-out: ends the sign-in (in Azure, through App Service Authentication's own sign-out; locally the session is ended
/// on the server, so a copy of the cookie signs nobody in afterwards).
/// </summary>
public sealed class SignOutHandler(StaffSignIn signIn) : IRouteHandler
{
    /// <inheritdoc />
    public async Task<IResult> HandleAsync(PageRequest request)
    {
        await signIn.SignOutAsync(request.Http);
        return signIn.PlatformAuthentication
            ? Results.Redirect("/.auth/logout?post_logout_redirect_uri=/")
            : Results.Redirect("/");
    }
}
