// The one registration of what the workflow's activities and timed work need, called by both hosts: the local app
// (Rochford.Lsp.Web's Program) and the Azure Functions app (Rochford.Lsp.Functions' Program). A host adds only what is
// its own: the local engine, the pages and endpoints, or the Functions triggers.

using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rochford.Lsp.Durable;
using Rochford.Lsp.Reporting;
using Rochford.Lsp.Services.Links;
using Rochford.Lsp.Services.Mail;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Services;

/// <summary>Registers the services both hosts share.</summary>
public static class SharedServices
{
    /// <summary>
    /// Adds storage (the "Storage" section), the site's contact ("Site"), the clock, the workflow's read model, personal
    /// links ("Links"), the email sender the email activity calls ("Email") and the quarterly digest.
    /// </summary>
    /// <remarks>
    /// The clock is <see cref="TimeProvider.System"/> unless the host registered another <see cref="TimeProvider"/> first
    /// (the local app's simulated clock). Tables are created by <see cref="InitializeTablesAsync"/> before work is taken.
    /// </remarks>
    /// <exception cref="InvalidOperationException">Settings required in Azure are missing, or SendGrid is misconfigured.</exception>
    public static IServiceCollection AddSharedServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        // The read model the activities write and pages, the digest and the email glue read.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.CreateServiceClient());
        services.AddSingleton(sp => new WorkflowTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));
        services.AddSingleton<IReportTexts, TableReportTexts>();
        services.AddSingleton<IOrchestration<ProjectState>>(new ReportingCycle());
        services.AddSingleton<ProjectStates<ProjectState>>();
        services.AddSingleton<PartnershipRecord>();
        services.AddSingleton<ProjectHistory>();
        services.AddSingleton<ProjectRefusals>();

        services.AddPersonalLinks(configuration);
        services.AddEmail(configuration);
        return services;
    }

    /// <summary>Creates the links and email tables (the read model's are made on first use); each table is independent, so together.</summary>
    public static Task InitializeTablesAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        Task.WhenAll(services.InitializePersonalLinksAsync(cancellationToken), services.InitializeEmailAsync(cancellationToken));
}
