// Wires email into either host: the sender the workflow's email activity calls, the transport (SendGrid when a key is
// set, otherwise the local mailbox, which is never used in Azure), the quarterly digest and SendGrid's event webhook.

using Microsoft.Extensions.Options;
using Rochford.Lsp.Email;
using Rochford.Lsp.Email.Events;
using Rochford.Lsp.Email.Mailbox;
using Rochford.Lsp.Email.SendGrid;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Services.Links;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Services.Mail;

/// <summary>Registers the email part (the hosts map its endpoints).</summary>
public static class EmailRegistration
{
    /// <summary>The HttpClient name SendGrid is called through.</summary>
    public const string SendGridClient = "sendgrid";

    /// <summary>Adds the sender the workflow's email activity hands email effects to, and what it needs.</summary>
    /// <exception cref="InvalidOperationException">In Azure, without a SendGrid key, a sender address or the public address: the app must not start there unable to send.</exception>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var sendGrid = configuration.GetSection(SendGridOptions.SectionName).Get<SendGridOptions>() ?? new SendGridOptions();
        if (Platform.IsAzure)
        {
            var missing = new List<string>();
            if (!sendGrid.IsConfigured) missing.Add("Email:SendGrid:ApiKey (the local mailbox is never used in Azure)");
            if (string.IsNullOrWhiteSpace(configuration["Email:FromEmail"])) missing.Add("Email:FromEmail");
            if (string.IsNullOrWhiteSpace(configuration["Email:BaseUrl"]) && string.IsNullOrWhiteSpace(configuration["Links:PublicBaseUrl"]))
                missing.Add("Links:PublicBaseUrl (the site's public address, for the links in emails)");
            if (missing.Count > 0)
                throw new InvalidOperationException($"Email is not configured for Azure: set {string.Join(" and ", missing)}.");
        }
        if (sendGrid.IsConfigured && sendGrid.Validate() is { Count: > 0 } problems)
            throw new InvalidOperationException($"Email:SendGrid is misconfigured: {string.Join(" ", problems)}");

        services.AddSingleton(sp => new SentMessageLog(Table(sp, "mailsent")));
        // Made on first use: locally, links point at the address the app listens on, known only once it has started.
        // PublicationOnly does not remember a failure (bad options), so fixing the setting and retrying works.
        services.AddSingleton(sp => new Lazy<EmailComposer>(() => new EmailComposer(EmailOptionsFor(configuration, sp)), LazyThreadSafetyMode.PublicationOnly));
        if (sendGrid.IsConfigured)
        {
            services.AddHttpClient(SendGridClient);
            // A key that is still an unresolved Key Vault reference does not stop the app: the transport holds emails back,
            // retriably, and says why (its log, /api/health) until a restart brings the resolved key.
            services.AddSingleton<IMailTransport>(sp => new SendGridTransport(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(SendGridClient), sendGrid,
                EmailOptionsFor(configuration, sp, forLinks: false), sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<SendGridTransport>>()));
        }
        else
        {
            services.AddSingleton(sp => new LocalMailbox(Table(sp, "mailbox"), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<LocalMailbox>());
        }
        services.AddSingleton<IEmailEffectSender, EmailEffectSender>();
        services.AddSingleton(sp => new QuarterlyDigestSender(
            sp.GetRequiredService<ProjectStates<ProjectState>>(), sp.GetRequiredService<PartnershipRecord>(), sp.GetRequiredService<ProjectHistory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Lazy<EmailComposer>>(), sp.GetRequiredService<ILinkIssuer>(),
            sp.GetRequiredService<IMailTransport>(), sp.GetRequiredService<SentMessageLog>(), Table(sp, QuarterlyDigestSender.MarkerTable),
            sp.GetRequiredService<ILogger<QuarterlyDigestSender>>()));
        services.AddSingleton<IAfterTick>(sp => sp.GetRequiredService<QuarterlyDigestSender>());

        var webhook = configuration.GetSection(SendGridWebhookOptions.SectionName).Get<SendGridWebhookOptions>();
        services.AddSingleton(sp => new DeliveryEventStore(Table(sp, "mailevents")));
        if (webhook is { PublicKey.Length: > 0 })
            services.AddSingleton(sp => new SendGridEventWebhook(webhook, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Creates the email tables before the app takes requests.</summary>
    public static async Task InitializeEmailAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        // Separate tables: create them together, so a first start is not one round trip per table long.
        await Task.WhenAll(
            services.GetRequiredService<SentMessageLog>().InitializeAsync(cancellationToken),
            services.GetRequiredService<QuarterlyDigestSender>().InitializeAsync(cancellationToken),
            services.GetRequiredService<DeliveryEventStore>().InitializeAsync(cancellationToken),
            services.GetService<LocalMailbox>()?.InitializeAsync(cancellationToken) ?? Task.CompletedTask);
    }

    /// <summary>
    /// The email part's options. Where not configured: links and the sender default to the site's public address
    /// (locally, the address the app listens on) and to the contact the pages name, so a local run needs no settings.
    /// </summary>
    /// <param name="forLinks">False for the transport, which needs only the sender: it is made before the app listens.</param>
    private static EmailOptions EmailOptionsFor(IConfiguration configuration, IServiceProvider services, bool forLinks = true)
    {
        var options = configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
            options.BaseUrl = forLinks ? services.GetRequiredService<LinkIssuer>().PublicBaseUrl().AbsoluteUri : "http://localhost/";
        if (string.IsNullOrWhiteSpace(options.ContactName)) options.ContactName = site.ContactName;
        if (string.IsNullOrWhiteSpace(options.ContactEmail)) options.ContactEmail = site.Contact;
        if (string.IsNullOrWhiteSpace(options.FromEmail) && !Platform.IsAzure) options.FromEmail = "lsp-monitoring@rochford.example.org";
        return options;
    }

    private static Azure.Data.Tables.TableClient Table(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.CreateClient(name);
}

/// <summary>Work that belongs to no one project and runs on a timer (locally the tick loop, in Azure the timer trigger).</summary>
public interface IAfterTick
{
    /// <summary>Runs once; returns one line saying what it did. Failures are logged by the caller and tried again next tick.</summary>
    Task<string> AfterTickAsync(CancellationToken cancellationToken);
}

/// <summary>Runs the <see cref="IAfterTick"/> work once: what the local tick loop, /dev/tick and the Functions timer call.</summary>
public static class AfterTick
{
    /// <summary>Runs each piece of work in turn; returns one line per piece saying what it did ("nothing is due" when there is none).</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IEnumerable<IAfterTick> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new List<string>();
        foreach (var item in work)
            done.Add(await item.AfterTickAsync(cancellationToken));
        if (done.Count == 0) done.Add("nothing is due");
        return done;
    }
}
