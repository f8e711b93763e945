// The Azure Functions app's composition root (isolated worker). Its services come from FunctionApp.AddServices, which
// tests/Rochford.Lsp.Functions.Tests calls too; the functions are the wrappers in ReportingCycleFunctions.cs and
// DigestCheckFunction.cs. Run with `func start` where Azure Functions Core Tools are installed (see local.settings.json.example).

using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Rochford.Lsp.Functions;

// As the local host: the invariant culture on every thread, whatever the image's locale, so numbers, dates and messages
// (pages and the workflow's refusals) read the same in both hosts. ICU stays loaded for form text normalisation.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.DefaultThreadCurrentUICulture =
    System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// The app is served only over HTTPS (httpsOnly in infra/resources.bicep), but the Functions host hands this worker plain
// HTTP: say so before any page runs, or antiforgery's Secure cookie policy would refuse every form and cookies would be
// made without Secure. A concern of this host, so it is here, not in the pages both hosts share.
builder.UseMiddleware(async (context, next) =>
{
    if (context.GetHttpContext() is { } http) http.Request.Scheme = Uri.UriSchemeHttps;
    await next();
});
FunctionApp.AddServices(builder.Services, builder.Configuration);
builder.Build().Run();
