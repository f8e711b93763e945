namespace Rochford.Lsp.Services;

/// <summary>Where the app is running.</summary>
public static class Platform
{
    /// <summary>
    /// True in Azure (App Service and Azure Functions set WEBSITE_SITE_NAME): development-only features are refused and
    /// settings are required, not defaulted.
    /// </summary>
    public static bool IsAzure => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME"));
}
