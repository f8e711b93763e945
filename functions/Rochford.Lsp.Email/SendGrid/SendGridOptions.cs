namespace Rochford.Lsp.Email.SendGrid;

/// <summary>How to reach SendGrid's v3 Mail Send API; bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class SendGridOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Email:SendGrid";

    /// <summary>The global API host.</summary>
    public const string GlobalHost = "https://api.sendgrid.com";

    /// <summary>The EU data-residency API host (for an EU regional subuser).</summary>
    public const string EuHost = "https://api.eu.sendgrid.com";

    /// <summary>The API key (needs the "Mail Send" permission). When empty the app uses the local mailbox instead.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The API host: <see cref="GlobalHost"/> or <see cref="EuHost"/> (or a test server).</summary>
    public string Host { get; set; } = GlobalHost;

    /// <summary>When true SendGrid validates each message but delivers nothing (for staging).</summary>
    public bool SandboxMode { get; set; }

    /// <summary>Put before the template name in the message's SendGrid category, e.g. "lsp-" gives "lsp-QuarterlyRequest".</summary>
    public string CategoryPrefix { get; set; } = "";

    /// <summary>How many times to retry within one send (after 429, 5xx or a network error) before handing back to the outbox.</summary>
    public int InProcessRetries { get; set; } = 2;

    /// <summary>The first back-off delay; it doubles on each retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest delay worth waiting in process. A longer wait (a rate limit resetting in a minute) is handed to
    /// the outbox's durable back-off instead of holding a request open.
    /// </summary>
    public TimeSpan MaxInProcessDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What the app says (log, /api/health, the email log) while <see cref="KeyIsUnresolvedKeyVaultReference"/>.</summary>
    public const string UnresolvedKeyVaultReference =
        "the SendGrid key is still an unresolved Key Vault reference; check the app's identity has Key Vault Secrets User "
        + "(the platform resolves the reference again when the app restarts)";

    /// <summary>True when an API key is configured, so SendGrid should be used.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>
    /// True when the key is a Key Vault reference the platform has not resolved: in Azure it passes the reference itself
    /// until the app's identity may read the secret (a new role assignment takes minutes to apply). Sending with it would
    /// get 401 and park every email for good, so the transport holds emails back, retriably, instead.
    /// </summary>
    public bool KeyIsUnresolvedKeyVaultReference =>
        IsConfigured && ApiKey.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem with these options, one sentence each (never including the key itself).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!IsConfigured)
        {
            problems.Add($"{SectionName}:ApiKey is required to send through SendGrid.");
        }
        // An unresolved Key Vault reference is no problem here: the app starts, and the transport holds emails back until
        // it is resolved (KeyIsUnresolvedKeyVaultReference), so a first deploy racing its role assignment is not down for good.
        if (!Uri.TryCreate(Host, UriKind.Absolute, out var host) || host.Scheme is not ("https" or "http"))
        {
            problems.Add($"{SectionName}:Host must be an absolute URL such as {GlobalHost} or {EuHost}; it is '{Host}'.");
        }
        if (InProcessRetries is < 0 or > 10)
        {
            problems.Add($"{SectionName}:InProcessRetries must be between 0 and 10; it is {InProcessRetries}.");
        }
        if (RetryDelay < TimeSpan.Zero || MaxInProcessDelay < TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}: RetryDelay and MaxInProcessDelay cannot be negative, and RequestTimeout must be positive.");
        }
        return problems;
    }
}
