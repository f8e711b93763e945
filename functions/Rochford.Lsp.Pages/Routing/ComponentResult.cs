// Pages are Razor components rendered to a string with HtmlRenderer: no MVC, no Blazor circuit, no JavaScript, so the
// same page renders inside an HTTP function exactly as on the local host. A form's antiforgery token reaches the
// components as a cascading value, and is made (with its cookie) only when a form asks for it.

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Rochford.Lsp.Pages.Components;
using Rochford.Lsp.Pages.Security;

namespace Rochford.Lsp.Pages.Routing;

/// <summary>Renders a page component as the response.</summary>
/// <param name="component">The page component (a Razor component taking its view as the parameter "Model", or none).</param>
/// <param name="model">The view given as "Model"; null for a page without one.</param>
/// <param name="statusCode">The status (200, or 422 for answers to correct, or the problem's status).</param>
public sealed class ComponentResult(Type component, object? model, int statusCode = StatusCodes.Status200OK) : IResult
{
    /// <summary>The status code sent.</summary>
    public int StatusCode => statusCode;

    /// <summary>A result rendering <typeparamref name="TComponent"/> with <paramref name="model"/>.</summary>
    public static ComponentResult For<TComponent>(object? model = null, int statusCode = StatusCodes.Status200OK) where TComponent : IComponent =>
        new(typeof(TComponent), model, statusCode);

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var html = await RenderAsync(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
    }

    /// <summary>The page's HTML.</summary>
    internal async Task<string> RenderAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var form = new FormToken(httpContext, services.GetRequiredService<IAntiforgery>());
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            RenderFragment page = builder =>
            {
                builder.OpenComponent(0, component);
                if (model is not null) builder.AddComponentParameter(1, "Model", model);
                builder.CloseComponent();
            };
            var output = await renderer.RenderComponentAsync<CascadingValue<FormToken>>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(CascadingValue<FormToken>.Value)] = form,
                [nameof(CascadingValue<FormToken>.IsFixed)] = true,
                [nameof(CascadingValue<FormToken>.ChildContent)] = page,
            }));
            return output.ToHtmlString();
        });
    }
}

/// <summary>The page for an error status: what happened and what to do, never details.</summary>
/// <param name="statusCode">The status.</param>
/// <param name="refusal">Why a form was refused, when the limits said (a 400 for control characters).</param>
public sealed class StatusPageResult(int statusCode, FormRefusal? refusal = null) : IResult
{
    /// <summary>The status code sent.</summary>
    public int StatusCode => statusCode;

    /// <summary>Why a form was refused, if known.</summary>
    public FormRefusal? Refusal => refusal;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) =>
        ComponentResult.For<StatusPage>(new StatusView(statusCode, refusal), statusCode).ExecuteAsync(httpContext);
}

/// <summary>A form's antiforgery field: the token is made, and its cookie set, the first time a form renders it.</summary>
public sealed class FormToken(HttpContext httpContext, IAntiforgery antiforgery)
{
    private AntiforgeryTokenSet? _tokens;

    /// <summary>The field's name.</summary>
    public string FieldName => Tokens.FormFieldName;

    /// <summary>The field's value.</summary>
    public string Value => Tokens.RequestToken ?? "";

    private AntiforgeryTokenSet Tokens => _tokens ??= antiforgery.GetAndStoreTokens(httpContext);
}
