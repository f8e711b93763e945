// The one composition root of the Rochford LSP app. Locally it runs on its own (./run.sh);
// in Azure the Functions host starts it as a custom handler and forwards requests to it.

using Microsoft.Extensions.Options;
using Rochford.Lsp.Web;

var builder = WebApplication.CreateBuilder(args);

// Under the Functions host, the port to listen on is given by FUNCTIONS_CUSTOMHANDLER_PORT.
if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } functionsPort)
    builder.WebHost.UseUrls($"http://127.0.0.1:{functionsPort}");

builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section));

var app = builder.Build();

app.MapGet("/api/health", async (IOptions<StorageOptions> storage, CancellationToken cancellationToken) =>
{
    try
    {
        var probe = storage.Value.CreateClient("health");
        await probe.CreateIfNotExistsAsync(cancellationToken);
        return Results.Ok(new { status = "ok", storage = "reachable" });
    }
    catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or InvalidOperationException)
    {
        return Results.Json(new { status = "unhealthy", storage = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
});

app.Run();

/// <summary>Lets tests start the app in-process.</summary>
public partial class Program;
