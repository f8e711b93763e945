// The Azure infrastructure (infra/main.bicep and infra/resources.bicep), compiled with the pinned Bicep CLI:
// it must compile without a single warning, and the template must hold what the issue asks of it.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rochford.Lsp.Infra.Tests;

public sealed partial class BicepTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string UserAssignedIdentity = "Microsoft.ManagedIdentity/userAssignedIdentities";

    [Fact]
    public void Compiles_with_no_errors_and_no_warnings()
    {
        Assert.True(template.ExitCode == 0, $"bicep build exited {template.ExitCode}:\n{template.Stderr}");
        // Every diagnostic (errors, warnings, linter rules, unknown API versions: BCP081) goes to stderr.
        Assert.True(string.IsNullOrWhiteSpace(template.Stderr), $"bicep build said:\n{template.Stderr}");
        Assert.DoesNotMatch(WarningLine(), template.Stderr);
    }

    [Fact]
    public void The_function_app_is_flex_consumption_linux_dotnet_10_isolated_with_its_user_assigned_identity()
    {
        var plan = template.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);
        Assert.True((bool?)plan["properties"]?["reserved"], "the plan must be Linux (reserved: true)");

        var app = template.Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string?)app["kind"]);
        Assert.Equal("UserAssigned", (string?)app["identity"]?["type"]);
        Assert.Contains(UserAssignedIdentity, Assert.Single(app["identity"]!["userAssignedIdentities"]!.AsObject()).Key);
        Assert.True((bool?)app["properties"]?["httpsOnly"]);
        var config = app["properties"]?["functionAppConfig"];
        Assert.Equal("dotnet-isolated", (string?)config?["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config?["runtime"]?["version"]);
        Assert.Equal("blobContainer", (string?)config?["deployment"]?["storage"]?["type"]);
        // The deployment container is read with the identity whose roles exist before the app (no 403 on the first deploy).
        Assert.Equal("UserAssignedIdentity", (string?)config?["deployment"]?["storage"]?["authentication"]?["type"]);
        Assert.Contains(UserAssignedIdentity, (string?)config?["deployment"]?["storage"]?["authentication"]?["userAssignedIdentityResourceId"] ?? "");
        // azd deploys the service "functions" (azure.yaml) to the app carrying this tag.
        Assert.Contains("'azd-service-name', 'functions'", app["tags"]?.ToString());

        // Flex Consumption refuses these as app settings: the runtime lives in functionAppConfig.
        var settings = template.AppSettings();
        foreach (var refused in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" })
            Assert.DoesNotContain(refused, settings.Keys);
    }

    [Theory]
    [InlineData(StorageBlobDataOwner)]
    [InlineData(StorageQueueDataContributor)]
    [InlineData(StorageTableDataContributor)]
    public void The_identity_has_the_storage_data_role_durable_functions_needs(string role)
    {
        var assignment = AppRoleAssignment(role);
        Assert.Contains("Microsoft.Storage/storageAccounts", (string?)assignment["scope"] ?? "");
    }

    [Theory]
    [InlineData(StorageBlobDataOwner)]
    [InlineData(StorageQueueDataContributor)]
    [InlineData(StorageTableDataContributor)]
    [InlineData(KeyVaultSecretsUser)]
    public void The_app_is_made_after_its_identitys_roles_so_a_first_deploy_does_not_race_them(string role)
    {
        // Role assignments take minutes to apply: granted before the app exists, they have had the app's creation to do it.
        var assignment = AppRoleAssignment(role);
        var dependsOn = Single("Microsoft.Web/sites")["dependsOn"]?.AsArray().Select(d => d?.ToString() ?? "").ToList() ?? [];
        var name = RoleVariable().Match(assignment["properties"]!["roleDefinitionId"]!.ToString()).Groups[1].Value;
        Assert.Contains(dependsOn, d => d.Contains("Microsoft.Authorization/roleAssignments") && d.Contains($"variables('roles').{name}"));
    }

    [Fact]
    public void Key_vault_references_and_the_host_storage_use_the_user_assigned_identity()
    {
        var app = Single("Microsoft.Web/sites");
        Assert.Contains(UserAssignedIdentity, (string?)app["properties"]?["keyVaultReferenceIdentity"] ?? "");
        var settings = template.AppSettings();
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains(UserAssignedIdentity, settings["AzureWebJobsStorage__clientId"]);
        Assert.EndsWith(".clientId]", settings["AzureWebJobsStorage__clientId"]);
        // The app's own code (DefaultAzureCredential, for the read model) signs in as the same identity.
        Assert.Equal(settings["AzureWebJobsStorage__clientId"], settings["AZURE_CLIENT_ID"]);
    }

    [Fact]
    public void Emailed_links_use_the_apps_real_default_host_name_unless_a_public_address_is_set()
    {
        var publicBaseUrl = template.AppSettings()["Links__PublicBaseUrl"];
        Assert.Contains("parameters('publicBaseUrl')", publicBaseUrl);
        Assert.Contains(".defaultHostName", publicBaseUrl);
        Assert.DoesNotContain("azurewebsites.net", publicBaseUrl);
    }

    [Fact]
    public void Names_carry_a_token_of_the_subscription_environment_and_region_whole_where_globally_unique()
    {
        var nested = NestedTemplate()["variables"]!;
        Assert.Equal("[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]", (string?)nested["token"]);
        foreach (var name in new[] { "storageName", "keyVaultName", "appName" })
            Assert.Contains("variables('token')", (string?)nested[name] ?? "");
        Assert.DoesNotContain("take(variables('token')", (string?)nested["storageName"] ?? "");
        Assert.DoesNotContain("take(variables('token')", (string?)nested["keyVaultName"] ?? "");
    }

    [Fact]
    public void Storage_is_reached_by_account_name_and_managed_identity_with_shared_keys_off()
    {
        var settings = template.AppSettings();
        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("primaryEndpoints.table", settings["Storage__TableEndpoint"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("Storage__ConnectionString", settings.Keys);

        var storage = template.Single("Microsoft.Storage/storageAccounts");
        Assert.False((bool?)storage["properties"]?["allowSharedKeyAccess"], "shared key access must be off");
        Assert.False((bool?)storage["properties"]?["allowBlobPublicAccess"]);
    }

    [Fact]
    public void No_storage_account_key_or_connection_string_is_in_any_setting()
    {
        foreach (var (name, value) in template.AppSettings())
        {
            Assert.DoesNotContain("listKeys", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DefaultEndpointsProtocol", value, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING",
                $"{name} looks like a connection string setting");
        }
        // Nowhere in the template either (an output or a nested deployment could leak one).
        Assert.DoesNotContain("listKeys(", template.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_sendgrid_key_is_a_key_vault_secret_the_identity_may_read_and_the_setting_only_references_it()
    {
        var reference = template.AppSettings()["Email__SendGrid__ApiKey"];
        Assert.StartsWith("[format('@Microsoft.KeyVault(", reference);
        Assert.Contains("SecretName=", reference);

        var secrets = template.All("Microsoft.KeyVault/vaults/secrets").ToList();
        Assert.Contains(secrets, secret => secret["properties"]?["value"]?.ToString() == "[parameters('sendGridApiKey')]");
        Assert.Equal("SendGridApiKey", (string?)NestedTemplate()["variables"]?["sendGridSecretName"]);
        Assert.Contains("variables('sendGridSecretName')", reference);
        Assert.Equal("securestring", (string?)NestedTemplate()["parameters"]?["sendGridApiKey"]?["type"]);

        Assert.True((bool?)template.Single("Microsoft.KeyVault/vaults")["properties"]?["enableRbacAuthorization"], "Key Vault access by Azure RBAC");
        Assert.Contains("Microsoft.KeyVault/vaults", (string?)AppRoleAssignment(KeyVaultSecretsUser)["scope"] ?? "");
    }

    [Fact]
    public void Secrets_are_only_ever_key_vault_references_in_app_settings()
    {
        var secretSettings = template.AppSettings()
            .Where(setting => Regex.IsMatch(setting.Key, "(ApiKey|Secret|Password)$", RegexOptions.IgnoreCase));
        Assert.NotEmpty(secretSettings);
        foreach (var (name, value) in secretSettings)
            Assert.True(value.Contains("@Microsoft.KeyVault(") || value == "", $"{name} must be a Key Vault reference, not {value}");
    }

    [Fact]
    public void Sign_in_is_microsoft_entra_id_with_anonymous_requests_allowed_so_token_links_stay_reachable()
    {
        var auth = Assert.Single(template.All("Microsoft.Web/sites/config"), config => ((string?)config["name"] ?? "").Contains("authsettingsV2"));
        var properties = auth["properties"]!;
        Assert.Equal("AllowAnonymous", (string?)properties["globalValidation"]?["unauthenticatedClientAction"]);
        Assert.False((bool?)properties["globalValidation"]?["requireAuthentication"]);
        Assert.True((bool?)properties["platform"]?["enabled"]);
        Assert.True((bool?)properties["identityProviders"]?["azureActiveDirectory"]?["enabled"]);
        Assert.Contains("environment().authentication.loginEndpoint", properties["identityProviders"]?["azureActiveDirectory"]?["registration"]?["openIdIssuer"]?.ToString());
    }

    [Fact]
    public void Application_insights_is_connected_without_keys()
    {
        var settings = template.AppSettings();
        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Matches(@"^\[format\('ClientId=\{0\};Authorization=AAD', .*userAssignedIdentities.*\.clientId\)\]$", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.True((bool?)template.Single("Microsoft.Insights/components")["properties"]?["DisableLocalAuth"]);
    }

    [Fact]
    public void The_readme_deploy_section_names_every_app_setting_and_every_azd_setting()
    {
        var readme = DeploySection();
        foreach (var name in template.AppSettings().Keys.Where(name => !name.StartsWith('[')))
            Assert.True(readme.Contains($"`{name}`"), $"README.md's \"Deploy to Azure\" section does not mention the app setting `{name}`");

        var parameters = JsonNode.Parse(template.ReadRepositoryFile("infra/main.parameters.json"))!["parameters"]!.AsObject();
        var declared = template.Json["parameters"]!.AsObject().Select(pair => pair.Key).ToHashSet();
        foreach (var (parameter, value) in parameters)
        {
            Assert.True(declared.Contains(parameter), $"main.parameters.json sets {parameter}, which main.bicep does not declare");
            var variable = EnvironmentVariable().Match(value!["value"]!.ToString()).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(variable), $"main.parameters.json: {parameter} is not taken from an azd environment value");
            if (variable.StartsWith("LSP_"))
                Assert.True(readme.Contains(variable), $"README.md's \"Deploy to Azure\" section does not say how to set {variable} ({parameter})");
        }
        // Every required parameter comes from the azd environment, so `azd up` never has to guess.
        foreach (var (parameter, definition) in template.Json["parameters"]!.AsObject())
            if (definition!["defaultValue"] is null)
                Assert.True(parameters.ContainsKey(parameter), $"main.parameters.json does not set the required parameter {parameter}");
    }

    [Fact]
    public void Azure_yaml_provisions_infra_main_and_deploys_the_functions_project_to_the_tagged_app()
    {
        var azureYaml = template.ReadRepositoryFile("azure.yaml");
        Assert.Matches(@"(?m)^infra:\s*\n(\s+.*\n)*?\s+path: infra\s*$", azureYaml);
        Assert.Matches(@"(?m)^\s+module: main\s*$", azureYaml);
        Assert.Matches(@"(?m)^  functions:\s*$", azureYaml); // the service name, as the app's azd-service-name tag says
        Assert.Matches(@"(?m)^\s+project: \./functions/Rochford\.Lsp\.Functions\s*$", azureYaml);
        Assert.Matches(@"(?m)^\s+host: function\s*$", azureYaml);
    }

    private JsonObject AppRoleAssignment(string roleDefinitionId)
    {
        // Role ids are written once, in the variable `roles`: resolve variables('roles').name to the id.
        var roles = NestedTemplate()["variables"]?["roles"]?.AsObject();
        string Resolve(string expression) => RoleVariable().Replace(expression, match => (string?)roles?[match.Groups[1].Value] ?? match.Value);
        var matching = template.All("Microsoft.Authorization/roleAssignments")
            .Where(assignment => Resolve(assignment["properties"]?["roleDefinitionId"]?.ToString() ?? "").Contains(roleDefinitionId)
                                 && assignment["properties"]?["principalId"]?.ToString().Contains(UserAssignedIdentity) == true)
            .ToList();
        var assignment = Assert.Single(matching);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]?["principalType"]);
        // The principal is the app's user-assigned identity.
        var principal = assignment["properties"]?["principalId"]?.ToString() ?? "";
        Assert.True(principal.Contains(UserAssignedIdentity), $"the role is not for the function app's identity: {principal}");
        return assignment;
    }

    private JsonObject Single(string type) => template.Single(type);

    private JsonObject NestedTemplate() =>
        template.Single("Microsoft.Resources/deployments")["properties"]!["template"]!.AsObject();

    private string DeploySection()
    {
        var readme = template.ReadRepositoryFile("README.md");
        var start = readme.IndexOf("\n## Deploy to Azure", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"## Deploy to Azure\" section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    [GeneratedRegex(@"(?im)^.*\b(warning|error)\b")]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"variables\('roles'\)\.(\w+)")]
    private static partial Regex RoleVariable();

    [GeneratedRegex(@"^\$\{([A-Z0-9_]+)\}$")]
    private static partial Regex EnvironmentVariable();
}
