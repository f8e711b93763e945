// The Azure Functions app's composition root (isolated worker). Its services come from FunctionApp.AddServices, which
// tests/Rochford.Lsp.Functions.Tests calls too; the functions are the wrappers in ReportingCycleFunctions.cs and
// DigestCheckFunction.cs. Run with `func start` where Azure Functions Core Tools are installed (see local.settings.json.example).

using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Rochford.Lsp.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
FunctionApp.AddServices(builder.Services, builder.Configuration);
builder.Build().Run();
