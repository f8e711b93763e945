namespace Rochford.Lsp.Services;

/// <summary>Where the app is running.</summary>
public static class Platform
{
    /// <summary>
    /// True in Azure (App Service or Azure Functions, which set WEBSITE_SITE_NAME; or the custom handler, which sets
    /// FUNCTIONS_CUSTOMHANDLER_PORT): development-only features are refused and settings are required, not defaulted.
    /// </summary>
    public static bool IsAzure =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME"));
}
