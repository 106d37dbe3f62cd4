using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// The real middleware and endpoints, invoked in memory without a transport, so hundreds of thousands of requests
/// fit in a test run. What runs is exactly what TestServer or Kestrel would run after parsing.
/// </summary>
internal sealed class Pipeline : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestDelegate _handler;

    private Pipeline(WebApplication app, RequestDelegate handler)
    {
        _app = app;
        _handler = handler;
    }

    public IServiceProvider Services => _app.Services;

    public static async Task<Pipeline> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddExternalTransmissionNotice(o => Fixtures.Declare(o));
        var app = builder.Build();
        app.UseExternalTransmissionNotice();
        app.UseRouting();
        app.MapExternalTransmissionNotice();
        app.MapGet("/state", (HttpContext c) => string.Join(";", c.GetExternalTransmission().Modules.Select(m => $"{m.ModuleId}={m.Status}")));
        await app.StartAsync();
        var handler = ((IApplicationBuilder)app).Build();
        return new Pipeline(app, handler);
    }

    /// <summary>Runs one request; returns the status, the body and the response headers.</summary>
    public async Task<(int Status, string Body, IHeaderDictionary Headers)> SendAsync(string method, string path, string? contentType = null, byte[]? body = null, Action<HttpRequest>? configure = null)
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services.CreateScope().ServiceProvider };
        var responseBody = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        var query = path.IndexOf('?');
        context.Request.Path = query < 0 ? path : path[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
            context.Request.ContentType = contentType;
        }

        configure?.Invoke(context.Request);
        await _handler(context);
        await context.Response.CompleteAsync();
        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(responseBody.ToArray()), context.Response.Headers);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
