// The function app's services, built as its Program builds them (FunctionApp.AddServices on the Functions application
// builder) with settings in memory: every function class and everything the shared orchestrator's activities and the
// digest need resolve, so a missing registration fails here rather than in Azure. Nothing here touches storage.

using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rochford.Lsp.Email;
using Rochford.Lsp.Email.Mailbox;
using Rochford.Lsp.Email.SendGrid;
using Rochford.Lsp.Services;
using Rochford.Lsp.Services.Mail;
using Rochford.Lsp.Workflow;

namespace Rochford.Lsp.Functions.Tests;

/// <summary>
/// Alone, because one of its settings (<see cref="ServiceRegistrationTests.InAzure"/>) sets the process's WEBSITE_SITE_NAME
/// while it builds, which makes every other test in the process believe it runs in Azure.
/// </summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class ServiceRegistrationTests
{
    private static readonly Dictionary<string, string?> Local = new()
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Links:PublicBaseUrl"] = "https://lsp.rochford.example.org/",
    };

    private static readonly Dictionary<string, string?> AzureLike = new()
    {
        ["Storage:AccountName"] = "rochfordlsp",
        ["Links:PublicBaseUrl"] = "https://lsp.rochford.example.org/",
        ["Email:FromEmail"] = "lsp-monitoring@rochford.example.org",
        ["Email:SendGrid:ApiKey"] = "SG.not-a-real-key",
    };

    /// <summary>
    /// The app settings infra/resources.bicep gives the function app (names as the platform passes them), with Azure's own
    /// variables set, so the checks that run only in Azure (settings required, Key Vault references, no development features) run.
    /// </summary>
    private static readonly Dictionary<string, string?> InAzure = new()
    {
        ["AzureWebJobsStorage__accountName"] = "rochfordlsp",
        ["AzureWebJobsStorage__credential"] = "managedidentity",
        ["AzureWebJobsStorage__clientId"] = "00000000-0000-0000-0000-00000000c11d",
        ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-00000000c11d",
        ["Storage:TableEndpoint"] = "https://rochfordlsp.table.core.windows.net/",
        ["Storage:TablePrefix"] = "lsp",
        ["Workflow:TaskHub"] = "RochfordLsp",
        ["Links:PublicBaseUrl"] = "https://lsp.rochford.example.org/",
        ["Site:ContactEmail"] = "lsp@rochford.example.org",
        ["Email:FromEmail"] = "lsp-monitoring@rochford.example.org",
        ["Email:FromName"] = "Rochford LSP",
        ["Email:SendGrid:ApiKey"] = "SG.resolved-by-the-platform-from-key-vault",
        ["Partnership:Officers"] = "Olivia Officer <olivia@rochford.example.org>; Omar Officer <omar@rochford.example.org>",
        ["Partnership:ExecutiveBoardEmail"] = "lsp.executive@rochford.example.org",
        ["Partnership:ExecutiveChairEmail"] = "lsp.chair@rochford.example.org",
    };

    public static TheoryData<string> Settings => new() { nameof(Local), nameof(AzureLike), nameof(InAzure) };

    [Theory]
    [MemberData(nameof(Settings))]
    public void EveryFunctionClass_IsCreatedFromTheAppsServices(string settings)
    {
        using var host = Build(settings);
        var functionClasses = FunctionClasses().ToList();

        Assert.NotEmpty(functionClasses);
        foreach (var type in functionClasses.Where(t => !t.IsAbstract))
            // As the worker's default function activator makes them: constructor arguments from the services.
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void EveryRouteHandler_AndThePageEndpoint_Resolve(string settings)
    {
        using var host = Build(settings);

        Assert.NotNull(host.Services.GetRequiredService<Rochford.Lsp.Pages.Routing.PageEndpoint>());
        foreach (var route in Rochford.Lsp.Pages.Routing.PageRoutes.All)
            Assert.IsAssignableFrom<Rochford.Lsp.Pages.Routing.IRouteHandler>(host.Services.GetRequiredService(route.Handler));
        Assert.NotNull(host.Services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>());
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void WhatTheActivitiesAndTheDigestNeed_Resolves(string settings)
    {
        using var host = Build(settings);
        var services = host.Services;

        Assert.NotNull(services.GetRequiredService<RecordTransitionActivity>());
        Assert.NotNull(services.GetRequiredService<RecordRefusalActivity>());
        Assert.NotNull(services.GetRequiredService<SendEmailsActivity>());
        Assert.IsType<EmailEffectSender>(services.GetRequiredService<IEmailEffectSender>());
        Assert.NotNull(services.GetRequiredService<Lazy<EmailComposer>>().Value);
        Assert.IsType<QuarterlyDigestSender>(Assert.Single(services.GetServices<IAfterTick>()));
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        Assert.Contains(services.GetServices<IHostedService>(), s => s.GetType().DeclaringType == typeof(FunctionApp));
    }

    [Fact]
    public void Email_GoesThroughSendGridWhenAKeyIsSet_AndToTheMailboxOtherwise()
    {
        using var azure = Build(nameof(AzureLike));
        using var local = Build(nameof(Local));

        Assert.IsType<SendGridTransport>(azure.Services.GetRequiredService<IMailTransport>());
        Assert.IsType<LocalMailbox>(local.Services.GetRequiredService<IMailTransport>());
    }

    [Fact]
    public void Storage_WithOnlyAnAccountName_UsesTheAccountsTableEndpoint()
    {
        using var host = Build(nameof(AzureLike));
        var tables = host.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();

        Assert.Equal(new Uri("https://rochfordlsp.table.core.windows.net/"), tables.Uri);
    }

    [Fact]
    public void Storage_WithNothingSet_IsRefusedWithTheSettingsToSet()
    {
        var services = new ServiceCollection();
        FunctionApp.AddServices(services, new ConfigurationBuilder().Build());
        using var provider = services.AddLogging().BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>());
        Assert.Contains("Storage:AccountName", error.Message);
    }

    [Fact]
    public void InAzure_TheDevelopmentRoutesAreNotServed_AndTheStorageIsTheBicepsTableEndpoint()
    {
        using var host = Build(nameof(InAzure));

        Assert.True(Platform.IsAzure);
        Assert.Equal(new Uri("https://rochfordlsp.table.core.windows.net/"), host.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>().Uri);
        Assert.False(Rochford.Lsp.Pages.Staff.StaffSignIn.DevelopmentSignIn);
        Assert.IsType<SendGridTransport>(host.Services.GetRequiredService<IMailTransport>());
    }

    [Fact]
    public async Task InAzure_AKeyVaultReferenceTheVaultDidNotResolve_KeepsTheAppUp_AndEmailsWaitToBeTriedAgain()
    {
        // A first deploy whose Key Vault role has not applied yet: the platform passes the reference itself.
        var unresolved = new Dictionary<string, string?>(InAzure)
        {
            ["Email:SendGrid:ApiKey"] = "@Microsoft.KeyVault(SecretUri=https://rochford-kv.vault.azure.net/secrets/SendGridApiKey/)",
        };
        using var host = Build(nameof(InAzure), unresolved);

        // Every function and the health check still resolve: the app starts.
        foreach (var type in FunctionClasses().Where(t => !t.IsAbstract))
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        Assert.NotNull(host.Services.GetRequiredService<Rochford.Lsp.Pages.Handlers.HealthHandler>());
        var transport = Assert.IsType<SendGridTransport>(host.Services.GetRequiredService<IMailTransport>());
        Assert.Equal(SendGridOptions.UnresolvedKeyVaultReference, transport.Problem);
        Assert.Contains("Key Vault Secrets User", transport.Problem, StringComparison.Ordinal);

        // An email is held back, retriably (the workflow tries it again), never sent with the reference as the key.
        var email = new OutgoingEmail("m-1", "ROC1/1/0", "QuarterlyRequest", ["lead@example.org"], [],
            new RenderedEmail("Subject", "<p>Hello</p>", "Hello", []));
        var result = await transport.SendAsync(email, CancellationToken.None);
        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.Equal(SendGridOptions.UnresolvedKeyVaultReference, retry.Reason);
        Assert.NotNull(retry.After);
    }

    /// <summary>The app's host as Program builds it, with <paramref name="settings"/> instead of app settings; not started.</summary>
    private static BuiltHost Build(string settings, Dictionary<string, string?>? values = null)
    {
        var inAzure = settings == nameof(InAzure);
        if (inAzure) Environment.SetEnvironmentVariable("WEBSITE_SITE_NAME", "rochford-lsp-func");
        try
        {
            var builder = FunctionsApplication.CreateBuilder([]);
            builder.Configuration.AddInMemoryCollection(values ?? settings switch { nameof(Local) => Local, nameof(AzureLike) => AzureLike, _ => InAzure });
            // The Functions host passes its address when it starts the worker; the worker's own services need one to be made.
            builder.Configuration["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9/";
            builder.ConfigureFunctionsWebApplication();
            FunctionApp.AddServices(builder.Services, builder.Configuration);
            return new BuiltHost(builder.Build(), inAzure);
        }
        catch
        {
            if (inAzure) Environment.SetEnvironmentVariable("WEBSITE_SITE_NAME", null);
            throw;
        }
    }

    /// <summary>The built host; in Azure's settings, the process stays "in Azure" until it is disposed, as resolving reads that too.</summary>
    private sealed class BuiltHost(IHost host, bool inAzure) : IDisposable
    {
        public IServiceProvider Services => host.Services;

        public void Dispose()
        {
            host.Dispose();
            if (inAzure) Environment.SetEnvironmentVariable("WEBSITE_SITE_NAME", null);
        }
    }

    private static IEnumerable<Type> FunctionClasses() => typeof(FunctionApp).Assembly.GetTypes()
        .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));
}
