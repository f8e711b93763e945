// What goes in the resource group (main.bicep passes the parameters; their descriptions are there).
// Every name the app reads from configuration is an app setting here, all in one resource (appSettings), in the
// double-underscore form (`Email__SendGrid__ApiKey` is the app's `Email:SendGrid:ApiKey`); the README's "Deploy to Azure"
// section lists them, and tests/Rochford.Lsp.Infra.Tests checks that it does.

param environmentName string
param location string
param tags object
param publicBaseUrl string
param fromEmail string
param fromName string
param replyToEmail string
param contactName string
param contactEmail string
@secure()
param sendGridApiKey string
param sendGridHost string
param sendGridWebhookPublicKey string
param officers string
param executiveBoardEmail string
param executiveChairEmail string
param entraClientId string
@secure()
param entraClientSecret string
param entraTenantId string
param operatorPrincipalId string
param maximumInstanceCount int

// Names carry a token unique to the subscription, environment and region (the azd templates' resourceToken), whole where
// the name must be globally unique: a storage account or Key Vault name cut down to a few characters of it could meet
// another subscription's. Names are fixed for an environment, so `azd down` then `azd up` with the same environment meets
// its own soft-deleted Key Vault: `azd down --purge` deletes it for good (README.md, "Deploy to Azure").
var token = toLower(uniqueString(subscription().id, environmentName, location))
var compactName = replace(toLower(environmentName), '-', '')
var appName = 'func-${environmentName}-${token}'
var storageName = 'st${take(compactName, 9)}${token}' // 24 at most: 2 + 9 + 13
var keyVaultName = 'kv-${take(compactName, 7)}-${token}' // 24 at most: 3 + 7 + 1 + 13
var deploymentContainerName = 'app-package'

// The app's own tables are named {prefix}...; the Durable Task hub gets its own name (the app's default), so
// the engine's {hub}History table never meets the read model's {prefix}history.
var tablePrefix = 'lsp'
var taskHub = 'lsphub'

var signInConfigured = !empty(entraClientId)
var hasEntraSecret = signInConfigured && !empty(entraClientSecret)

// Secrets live in Key Vault under these names; app settings hold only references to them (versionless, so a
// new secret version is picked up without redeploying).
var sendGridSecretName = 'SendGridApiKey'
var entraSecretName = 'EntraClientSecret'
var entraSecretSetting = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

// Built-in role definition IDs.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataReader: '19e7f393-937e-4f77-808e-94535e297925'
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// ---------------------------------------------------------------------------------------------------------
// Storage: the Functions host, Durable Functions (queues, tables and lease blobs of the task hub), the app's
// read model (tables) and the deployment package (a blob container). Shared keys are off: everything signs
// in with the app's managed identity, so no connection string or account key exists in any setting.

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageName
  location: location
  tags: tags
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// ---------------------------------------------------------------------------------------------------------
// Monitoring: Application Insights on a Log Analytics workspace. Local (key) authentication is off: the app
// sends telemetry signed in with its identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING below).

resource logs 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: 'log-${environmentName}-${take(token, 6)}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${environmentName}-${take(token, 6)}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

// ---------------------------------------------------------------------------------------------------------
// Key Vault: the SendGrid key and the sign-in app registration's client secret. Access by Azure RBAC only.

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // The shortest retention: its secrets are copies of values azd keeps (the environment's .env), and a deleted vault's
    // name stays taken until it is purged or its retention ends.
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key (Mail Send)'
  }
}

resource entraSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (hasEntraSecret) {
  parent: vault
  name: entraSecretName
  properties: {
    value: entraClientSecret
    contentType: 'Microsoft Entra ID app registration client secret (officer sign-in)'
  }
}

// ---------------------------------------------------------------------------------------------------------
// The app's identity: user-assigned, made before the app, and its role assignments declared before the app too (the app
// depends on them). With a system-assigned identity the roles could only be granted once the app existed, and the first
// deploy raced them: the deployment container answered 403 and Key Vault references stayed unresolved while the new
// assignments propagated. This identity reads the deployment package, reaches the storage account as AzureWebJobsStorage
// and as the app's tables, resolves the Key Vault references and sends telemetry.

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${environmentName}-${take(token, 6)}'
  location: location
  tags: tags
}

// What Durable Functions on the Azure Storage provider and the Functions host need (blob: the host's leases and secrets,
// large messages and the deployment package; queue: the task hub's control and work-item queues; table: the task hub's
// History, Instances and Partitions tables and the app's read model), reading Key Vault secrets (the references below),
// and sending telemetry.
resource appBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageQueueDataContributor
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageTableDataContributor
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------------
// The function app: Flex Consumption (Linux), .NET 10 isolated worker.

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: 'plan-${environmentName}-${take(token, 6)}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity (an app without a system-assigned one has no default to use).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      // No app settings here: all of them are in appSettings below, the one place, made once the app exists.
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  // The roles first: the app's first start, and azd's first upload of the package, then find them granted.
  dependsOn: [
    appBlobOwner
    appQueueContributor
    appTableContributor
    appSecretsUser
    appMetricsPublisher
    deploymentContainer
  ]
}

// The app's own address: the platform's default host name, read from the app once it exists (newer apps get a unique one,
// not always <app>.azurewebsites.net), so it cannot be among the site's own settings at creation.
var effectivePublicBaseUrl = empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl

// Every app setting, in one place: this replaces the app's whole list each provision.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // The Functions host and Durable Functions (Azure Storage provider): blob, queue and table endpoints of this account,
    // reached with the user-assigned identity (no AzureWebJobsStorage connection string).
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    // The identity the app's own code signs in with (DefaultAzureCredential: the read model's tables).
    AZURE_CLIENT_ID: identity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    // The app's read model (StorageOptions): the table endpoint with the managed identity, no connection string.
    Storage__TableEndpoint: storage.properties.primaryEndpoints.table
    Storage__TablePrefix: tablePrefix
    Workflow__TaskHub: taskHub
    // Links and pages. The app serves its own home page at / (the route table's Home function), so the host's is off.
    AzureWebJobsDisableHomepage: 'true'
    Links__PublicBaseUrl: effectivePublicBaseUrl
    Site__ContactName: contactName
    Site__ContactEmail: contactEmail
    // Email (EmailOptions, SendGridOptions, SendGridWebhookOptions). The key only by Key Vault reference.
    Email__FromEmail: fromEmail
    Email__FromName: fromName
    Email__ReplyTo: replyToEmail
    Email__ContactName: contactName
    Email__ContactEmail: contactEmail
    Email__SendGrid__ApiKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sendGridSecretName})'
    Email__SendGrid__Host: sendGridHost
    Email__SendGrid__EventWebhook__PublicKey: sendGridWebhookPublicKey
    // The partnership: the officers ("Name <address>; Name <address>", also who may sign in to officer pages) and the
    // Executive Board.
    Partnership__Officers: officers
    Partnership__ExecutiveBoardEmail: executiveBoardEmail
    Partnership__ExecutiveChairEmail: executiveChairEmail
    // App Service Authentication's client secret for the sign-in app registration (empty until there is one).
    MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: hasEntraSecret
      ? '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${entraSecretName})'
      : ''
  }
  // The secrets the references name exist before the app reads its settings.
  dependsOn: [
    sendGridSecret
    entraSecret
  ]
}


// App Service Authentication (Microsoft Entra ID), only once an app registration exists (entraClientId).
//
// Choice: the platform ALLOWS ANONYMOUS requests and the app requires sign-in on officer routes itself.
// Leads (/report/{token}, /interim/{token} and their /submitted and /sent pages), the Executive
// (/summary/{token}, /packs/{token}), decision links (/decide/...), static assets (/govuk/, /assets/, /js/), /api/health and
// SendGrid's webhook (/api/sendgrid/events) have no Microsoft account and must never meet a sign-in page;
// their token in the path is the credential. excludedPaths would have to list every one of those token routes,
// and a route missing from the list would send a lead to a Microsoft sign-in page they cannot pass. So the
// platform only does the sign-in handshake (/.auth/login/aad, session cookie) and, on every request, passes
// the signed-in officer to the app as X-MS-CLIENT-PRINCIPAL (stripping any such header a client sends). The
// app requires that principal on the officer routes (/projects, /dashboard, /partnership, /pack, /exports),
// redirecting to /.auth/login/aad?post_login_redirect_uri=... when it is missing, and checks the address
// against the partnership's officers (before it is set up, Partnership:Officers). Without an app registration (entraClientId empty) no principal ever arrives,
// so the officer pages refuse everyone: the default is closed.
resource auth 'Microsoft.Web/sites/config@2024-11-01' = if (signInConfigured) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          clientSecretSettingName: hasEntraSecret ? entraSecretSetting : null
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false // the session cookie is enough: the app never calls other APIs as the officer
      }
    }
  }
  // One change to the site's configuration at a time: it reads the secret setting the app settings make.
  dependsOn: [
    appSettings
  ]
}

// ---------------------------------------------------------------------------------------------------------
// The operator (optional): read the storage account's data (task hub tables and queues, the read model) in the
// portal's Storage browser, and manage the Key Vault secrets (rotating the SendGrid key).
var operatorRoles = [
  roles.storageBlobDataReader
  roles.storageQueueDataReader
  roles.storageTableDataReader
]

resource operatorStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in operatorRoles: if (!empty(operatorPrincipalId)) {
    name: guid(storage.id, operatorPrincipalId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: operatorPrincipalId
    }
  }
]

resource operatorSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
  }
}

output functionAppName string = app.name
output defaultUrl string = 'https://${app.properties.defaultHostName}'
output publicBaseUrl string = effectivePublicBaseUrl
output entraRedirectUri string = '${effectivePublicBaseUrl}/.auth/login/aad/callback'
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output applicationInsightsName string = insights.name
output identityClientId string = identity.properties.clientId
output taskHub string = taskHub
