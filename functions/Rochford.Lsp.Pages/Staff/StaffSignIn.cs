// Who a member of staff is. In Azure, App Service Authentication (Microsoft Entra ID) signs people in before a request
// reaches the app and passes the principal in X-MS-CLIENT-PRINCIPAL; the platform removes that header from what browsers
// send, so it is trusted only when the platform's authentication is on (WEBSITE_AUTH_ENABLED). On a laptop there is no
// Entra ID: a development sign-in page (/dev/sign-in, refused in Azure) lets you pick one of the partnership's officers,
// kept in a cookie protected by the app's data-protection keys. Whoever signs in must then be one of the officers.

using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Rochford.Lsp.Reporting;

namespace Rochford.Lsp.Pages.Staff;

/// <summary>Someone signed in: the address they signed in with, and their name when the sign-in gave one.</summary>
public sealed record StaffUser(string Email, string? Name);

/// <summary>Reads and writes staff sign-in.</summary>
/// <param name="protection">The app's data protection (its keys are in the app's storage, so sign-ins survive restarts).</param>
/// <param name="platformAuthentication">Whether App Service Authentication is in front (default: <see cref="PlatformAuthenticationOn"/>); tests set it.</param>
/// <param name="sessions">
/// Where development sign-ins are kept on the server, so that signing out ends them for good; null (unit tests) trusts the cookie alone.
/// </param>
public sealed class StaffSignIn(IDataProtectionProvider protection, bool? platformAuthentication = null, StaffSessions? sessions = null)
{
    /// <summary>The development sign-in cookie over plain HTTP (localhost).</summary>
    public const string CookieName = "lsp-staff";

    /// <summary>
    /// The development sign-in cookie over HTTPS: the __Host- prefix makes browsers insist on Secure, path / and no domain, so no
    /// other site (or subdomain, or plain-HTTP page) can set or overwrite it.
    /// </summary>
    public const string SecureCookieName = "__Host-" + CookieName;

    /// <summary>The development sign-in cookie's name for <paramref name="http"/>'s scheme.</summary>
    public static string CookieNameFor(HttpContext http) => http?.Request.IsHttps == true ? SecureCookieName : CookieName;

    /// <summary>The header App Service Authentication sets.</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>How long a development sign-in lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly string[] EmailClaims =
    [
        "preferred_username", "email", "emails", "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    private readonly ITimeLimitedDataProtector _cookie = protection.CreateProtector("Rochford.Lsp.StaffSignIn.v1").ToTimeLimitedDataProtector();

    /// <summary>True when App Service Authentication is in front of this app.</summary>
    public bool PlatformAuthentication { get; } = platformAuthentication ?? PlatformAuthenticationOn;

    /// <summary>True when App Service Authentication is in front of the app (in Azure, turned on by the infrastructure).</summary>
    public static bool PlatformAuthenticationOn =>
        Platform.IsAzure && string.Equals(Environment.GetEnvironmentVariable("WEBSITE_AUTH_ENABLED"), "True", StringComparison.OrdinalIgnoreCase);

    /// <summary>True where the development sign-in page works: never in Azure.</summary>
    public static bool DevelopmentSignIn => !Platform.IsAzure;

    /// <summary>
    /// True for a request from this machine. The development sign-in (and the local developer endpoints) answer only such
    /// requests: a local host somewhere Azure is not detected (a container, a VM) must not let anyone who can reach it be an officer.
    /// </summary>
    public static bool IsFromThisMachine(HttpContext http) =>
        http?.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote);

    /// <summary>
    /// Who is signed in, or null: behind App Service Authentication its principal; locally the development cookie, while its
    /// session has not been ended on the server (signed out).
    /// </summary>
    public async Task<StaffUser?> CurrentAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (PlatformAuthentication) return FromPrincipal(http.Request.Headers[PrincipalHeader].ToString());
        if (ReadCookie(http) is not { } cookie) return null;
        if (sessions is not null && (cookie.Session is not { } session || !await sessions.IsLiveAsync(session, cookie.User.Email, http.RequestAborted)))
            return null; // Signed out (or a cookie from before sessions were kept): nobody.
        return cookie.User;
    }

    /// <summary>
    /// Who the development cookie names, without asking whether its session was ended (use <see cref="CurrentAsync"/>, which
    /// does); behind App Service Authentication its principal.
    /// </summary>
    public StaffUser? Current(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return PlatformAuthentication ? FromPrincipal(http.Request.Headers[PrincipalHeader].ToString()) : ReadCookie(http)?.User;
    }

    private (StaffUser User, string? Session)? ReadCookie(HttpContext http)
    {
        // A forged X-MS-CLIENT-PRINCIPAL is ignored here: only the platform's authentication may set it. Over HTTPS only the
        // __Host- cookie counts: a plain one there may have been set by a neighbouring site.
        if (!DevelopmentSignIn || http.Request.Cookies[CookieNameFor(http)] is not { Length: > 0 } cookie) return null;
        try
        {
            var value = _cookie.Unprotect(cookie, out _);
            // "session\nemail" since sessions are kept on the server; a bare address before.
            var cut = value.IndexOf('\n', StringComparison.Ordinal);
            return cut < 0 ? (new StaffUser(value, null), null) : (new StaffUser(value[(cut + 1)..], null), value[..cut]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // Expired, or not ours.
        }
    }

    /// <summary>
    /// Signs <paramref name="email"/> in on this browser (development sign-in only): a session recorded on the server, named in
    /// the cookie. Whether they are an officer is checked on each page.
    /// </summary>
    /// <exception cref="InvalidOperationException">In Azure.</exception>
    public async Task SignInForDevelopmentAsync(HttpContext http, string email)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!DevelopmentSignIn) throw new InvalidOperationException("The development sign-in is not available in Azure.");
        var session = StaffSessions.NewId();
        if (sessions is not null) await sessions.StartAsync(session, email, DateTimeOffset.UtcNow + Lifetime, http.RequestAborted);
        WriteCookie(http, email, session);
    }

    /// <summary>Signs <paramref name="email"/> in with a cookie alone (no session kept on the server): for tests of the cookie.</summary>
    /// <exception cref="InvalidOperationException">In Azure, or where sessions are kept (use <see cref="SignInForDevelopmentAsync"/>).</exception>
    public void SignInForDevelopment(HttpContext http, string email)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!DevelopmentSignIn) throw new InvalidOperationException("The development sign-in is not available in Azure.");
        if (sessions is not null) throw new InvalidOperationException("Sessions are kept on the server: sign in with SignInForDevelopmentAsync.");
        WriteCookie(http, email, StaffSessions.NewId());
    }

    private void WriteCookie(HttpContext http, string email, string session) =>
        http.Response.Cookies.Append(CookieNameFor(http), _cookie.Protect($"{session}\n{email}", Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = Lifetime,
        });

    /// <summary>Ends the development sign-in: its session on the server, then the cookie on this browser.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!PlatformAuthentication && sessions is not null && ReadCookie(http) is { Session: { } session })
            await sessions.EndAsync(session, http.RequestAborted);
        http.Response.Cookies.Delete(CookieNameFor(http), new CookieOptions { Path = "/", Secure = http.Request.IsHttps });
    }

    /// <summary>
    /// <paramref name="user"/> as the request's principal: an authenticated identity whose name identifier is their address
    /// (lower case), which ASP.NET Core antiforgery binds every token it makes and checks to.
    /// </summary>
    public static System.Security.Claims.ClaimsPrincipal Principal(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = user.Email.Trim().ToLowerInvariant();
        return new(new System.Security.Claims.ClaimsIdentity(
            [
                new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, email),
                new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, user.Name ?? email),
            ],
            authenticationType: "Rochford.Lsp.StaffSignIn"));
    }

    /// <summary>Where to send someone to sign in, coming back to <paramref name="returnPath"/> (a path of this site).</summary>
    public string SignInUrl(string returnPath) => PlatformAuthentication
        ? $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(returnPath)}"
        : $"/dev/sign-in?returnUrl={Uri.EscapeDataString(returnPath)}";

    /// <summary>
    /// <paramref name="path"/> as a Location header can carry it: every character outside printable ASCII (and the space)
    /// percent-encoded as UTF-8, as a browser would send the address ("/projects/ROCé" is "/projects/ROC%C3%A9"). A header
    /// with "é" in it would fail the response.
    /// </summary>
    public static string ForLocation(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = new StringBuilder(path.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F)
            {
                text.Append((char)rune.Value);
                continue;
            }
            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count]) text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>True for a path of this site that is safe to return to after signing in (no other host, no scheme).</summary>
    /// <remarks>Browsers drop tabs and line breaks from addresses ("/\t/evil.example" is "//evil.example"), so none is allowed.</remarks>
    public static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && !path.Contains("://", StringComparison.Ordinal)
        && !path.Any(char.IsControl);

    internal static StaffUser? FromPrincipal(string header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            if (!json.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array) return null;
            var values = claims.EnumerateArray()
                .Where(c => c.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String && c.TryGetProperty("val", out var v) && v.ValueKind == JsonValueKind.String)
                .Select(c => (Type: c.GetProperty("typ").GetString()!, Value: c.GetProperty("val").GetString()!))
                .ToList();
            var email = EmailClaims.Select(type => values.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase)).Value)
                .FirstOrDefault(v => v is not null && v.Contains('@', StringComparison.Ordinal));
            var name = values.FirstOrDefault(c => c.Type == "name").Value;
            return email is null ? null : new StaffUser(email, name);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The partnership's officers: those the partnership's workflow holds, or, until it has been set up, those the app setting
/// Partnership:Officers lists ("Name &lt;address&gt;; Name &lt;address&gt;", set by the infrastructure), by address.
/// </summary>
public sealed class StaffDirectory(ProjectStates<ProjectState> states, PartnershipRecord partnership, Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    /// <summary>
    /// Every officer, by name: the partnership's (its instance is the one place they are kept; one row read), or, before
    /// that instance has started, those the deployment's settings list (Partnership:Officers, who set the partnership up)
    /// and the projects' lists (storage from before the partnership had an instance). Once it has started, an officer it
    /// no longer lists cannot sign in, whatever the settings say.
    /// </summary>
    public async Task<IReadOnlyList<Person>> OfficersAsync(CancellationToken cancellationToken)
    {
        var listed = await partnership.GetAsync(cancellationToken) is { } recorded
            ? recorded.State.Contacts.Officers
            : (await states.ListAsync(cancellationToken)).SelectMany(s => s.State.Contacts.Officers).Concat(Configured(configuration["Partnership:Officers"]));
        return [.. listed
            .Where(o => !string.IsNullOrWhiteSpace(o.Email))
            .DistinctBy(o => o.Email!.ToUpperInvariant())
            .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The officer with <paramref name="email"/>, or null when the partnership (or, before it is set up, the settings) does not list them.</summary>
    public async Task<Person?> OfficerAsync(string? email, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(email)
            ? null
            : (await OfficersAsync(cancellationToken)).FirstOrDefault(o => string.Equals(o.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The officers a setting lists: "Name &lt;address&gt;" or a bare address, separated by semicolons; anything else is skipped.</summary>
    internal static IEnumerable<Person> Configured(string? setting)
    {
        foreach (var entry in (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.Mail.MailAddress.TryCreate(entry, out var address))
                yield return new Person(string.IsNullOrWhiteSpace(address.DisplayName) ? address.Address : address.DisplayName, address.Address);
        }
    }
}
