// Azure resources for the Rochford LSP app: a storage account (Table Storage holds all state),
// a Linux Consumption function app running the ASP.NET Core app as a custom handler, and
// Application Insights. The app reaches storage with its managed identity: no keys in settings.
// Deploy: see infra/README.md.

@description('Short name used to derive resource names, e.g. rochfordlsp.')
param baseName string = 'rochfordlsp'

@description('Azure region.')
param location string = resourceGroup().location

@description('Public base URL used in emailed links, e.g. https://lsp.rochford.gov.uk.')
param publicBaseUrl string

@description('The address emails are sent from, e.g. lsp-monitoring@rochford.gov.uk (a verified SendGrid sender).')
param fromEmail string

@secure()
@description('SendGrid API key (Mail Send permission). Passed at deployment, never stored in the repository.')
param sendGridApiKey string

@description('SendGrid host: https://api.sendgrid.com, or https://api.eu.sendgrid.com for EU data residency.')
param sendGridHost string = 'https://api.sendgrid.com'

@description('Optional: the Event Webhook verification key (base64) from SendGrid, to record bounces.')
param sendGridWebhookPublicKey string = ''

var storageName = toLower(take('${baseName}${uniqueString(resourceGroup().id)}', 24))

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: true // the Functions host itself still needs AzureWebJobsStorage
    supportsHttpsTrafficOnly: true
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-ai'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${baseName}-app'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: ''
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'Storage__TableEndpoint', value: storage.properties.primaryEndpoints.table }
        { name: 'Links__PublicBaseUrl', value: publicBaseUrl }
        { name: 'Email__FromEmail', value: fromEmail }
        { name: 'Email__SendGrid__ApiKey', value: sendGridApiKey }
        { name: 'Email__SendGrid__Host', value: sendGridHost }
        { name: 'Email__SendGrid__EventWebhook__PublicKey', value: sendGridWebhookPublicKey }
      ]
    }
  }
}

// Storage Table Data Contributor for the app's managed identity.
resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, 'table-data-contributor')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Blob Data Owner, so the Functions host can use AzureWebJobsStorage through the identity.
resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, 'blob-data-owner')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output tableEndpoint string = storage.properties.primaryEndpoints.table
