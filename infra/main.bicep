// Azure resources for the Rochford LSP app, deployed with `azd up` (see ../azure.yaml) or
// `az deployment sub create` (see README.md, "Deploy to Azure"). This file makes the resource group;
// resources.bicep makes what goes in it: a user-assigned managed identity and its roles, then a Flex Consumption
// function app (Linux, .NET 10 isolated worker, Durable Functions on the Azure Storage provider) using that identity,
// its storage account (reached with that identity only: shared keys are turned off), Key Vault for the secrets,
// Application Insights, and App Service Authentication with Microsoft Entra ID.
targetScope = 'subscription'

@minLength(1)
@maxLength(20)
@description('Name of the environment (azd sets it from `azd env new`), e.g. rochford-lsp-prod. Resource names derive from it, with a token unique to the subscription, environment and region.')
param environmentName string

@minLength(1)
@description('Azure region for every resource, e.g. uksouth. It must offer the Flex Consumption plan.')
param location string

@description('Resource group to create or reuse. Empty means rg-<environmentName>.')
param resourceGroupName string = ''

@description('The public address people open and emailed links point at, e.g. https://lsp.rochford.gov.uk. Empty means the function app\'s own address, https://<its default host name>.')
param publicBaseUrl string = ''

@description('The address emails are sent from (a verified SendGrid sender), e.g. lsp-monitoring@rochford.gov.uk.')
@minLength(3)
param fromEmail string

@description('The display name emails are sent under. Empty means Rochford Local Strategic Partnership.')
param fromName string = ''

@description('Where replies to emails go, e.g. the LSP officers\' shared mailbox. Empty means the contact address.')
param replyToEmail string = ''

@description('Whom emails and pages tell people to contact, in words, e.g. the LSP officers at Rochford District Council.')
@minLength(3)
param contactName string

@description('The contact\'s email address.')
@minLength(3)
param contactEmail string

@secure()
@minLength(1)
@description('SendGrid API key with Mail Send permission. Stored in Key Vault; the app reads it only through a Key Vault reference.')
param sendGridApiKey string

@description('SendGrid host: https://api.sendgrid.com (empty means this), or https://api.eu.sendgrid.com for EU data residency.')
param sendGridHost string = ''

@description('Optional: the signed Event Webhook\'s verification key (base64) from SendGrid, to record bounces. It is a public key, not a secret.')
param sendGridWebhookPublicKey string = ''

@description('The LSP officers, separated by semicolons: "Jane Smith <jane.smith@rochford.gov.uk>; John Brown <john.brown@rochford.gov.uk>" (the app setting Partnership__Officers). They may sign in to the officer pages (matched on their Microsoft Entra ID sign-in address) and set the partnership up at /partnership/setup, which starts with them; from then on the partnership\'s own list (changed on /partnership) decides who signs in and whom the workflow emails. At least two, so a reallocation can be approved by a second officer.')
@minLength(1)
param officers string

@description('Where escalations to the LSP Executive Board go (one address, e.g. a distribution list).')
@minLength(3)
param executiveBoardEmail string

@description('The Executive Board chair\'s address, for re-escalation when officers do not decide.')
@minLength(3)
param executiveChairEmail string

@description('Application (client) ID of the Microsoft Entra ID app registration for officer sign-in. Empty on the first deployment: sign-in is then not configured and the officer pages refuse everyone.')
param entraClientId string = ''

@secure()
@description('A client secret of that app registration. Stored in Key Vault; App Service Authentication reads it through a Key Vault reference.')
param entraClientSecret string = ''

@description('Directory (tenant) ID the officers sign in to. Empty means the tenant of this subscription.')
param entraTenantId string = ''

@description('Optional: object ID of the person or group who deploys and watches the app (azd passes the signed-in user). Gets read access to the storage account\'s blobs, queues and tables, to look at orchestrations, and can manage Key Vault secrets.')
param operatorPrincipalId string = ''

@description('Most instances the app may scale out to. The workflow is small: a handful is plenty.')
param maximumInstanceCount int = 40

var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'rochford-lsp-resources'
  scope: rg
  params: {
    environmentName: environmentName
    location: location
    tags: tags
    publicBaseUrl: endsWith(publicBaseUrl, '/')
      ? substring(publicBaseUrl, 0, max(0, length(publicBaseUrl) - 1))
      : publicBaseUrl
    fromEmail: fromEmail
    fromName: empty(fromName) ? 'Rochford Local Strategic Partnership' : fromName
    replyToEmail: replyToEmail
    contactName: contactName
    contactEmail: contactEmail
    sendGridApiKey: sendGridApiKey
    sendGridHost: empty(sendGridHost) ? 'https://api.sendgrid.com' : sendGridHost
    sendGridWebhookPublicKey: sendGridWebhookPublicKey
    officers: officers
    executiveBoardEmail: executiveBoardEmail
    executiveChairEmail: executiveChairEmail
    entraClientId: entraClientId
    entraClientSecret: entraClientSecret
    entraTenantId: empty(entraTenantId) ? tenant().tenantId : entraTenantId
    operatorPrincipalId: operatorPrincipalId
    maximumInstanceCount: maximumInstanceCount
  }
}

// azd reads these (upper-case outputs become environment values) to find what it deployed to.
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
output SERVICE_FUNCTIONS_URI string = resources.outputs.defaultUrl
output PUBLIC_BASE_URL string = resources.outputs.publicBaseUrl
output ENTRA_REDIRECT_URI string = resources.outputs.entraRedirectUri
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
output APPLICATIONINSIGHTS_NAME string = resources.outputs.applicationInsightsName
output DURABLE_TASK_HUB string = resources.outputs.taskHub
