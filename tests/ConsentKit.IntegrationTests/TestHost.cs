using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace ConsentKit.IntegrationTests;

/// <summary>A minimal real host around ConsentKit on TestServer, in the style of aspnetcore's CookiePolicy tests.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TestHost(IHost host, LogSink logs)
    {
        _host = host;
        Logs = logs;
        Server = host.GetTestServer();
    }

    public TestServer Server { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<TestHost> StartAsync(
        Action<ExternalTransmissionOptions>? declare = null,
        Action<IApplicationBuilder>? beforeConsentKit = null,
        Action<IEndpointRouteBuilderAccessor>? endpoints = null,
        Action<IServiceCollection>? services = null,
        string environment = "Production",
        Action<IApplicationBuilder>? afterConsentKit = null)
    {
        var logs = new LogSink();
        var host = new HostBuilder()
            .UseEnvironment(environment)
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.AddRouting();
                    s.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
                    s.AddExternalTransmissionNotice(declare ?? (o => Fixtures.Declare(o)));
                    services?.Invoke(s);
                })
                .Configure(app =>
                {
                    beforeConsentKit?.Invoke(app);
                    app.UseExternalTransmissionNotice();
                    afterConsentKit?.Invoke(app);
                    app.UseRouting();
                    app.UseEndpoints(e =>
                    {
                        e.MapExternalTransmissionNotice();
                        e.MapGet("/state", (HttpContext c) =>
                            string.Join(";", c.GetExternalTransmission().Modules.Select(m => $"{m.ModuleId}={m.Status}")));
                        e.MapGet("/static", () => "no state read");
                        endpoints?.Invoke(new IEndpointRouteBuilderAccessor(e));
                    });
                }))
            .Build();
        await host.StartAsync();
        return new TestHost(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Lets a test add endpoints without exposing the builder type in every signature.</summary>
internal sealed class IEndpointRouteBuilderAccessor(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder builder)
{
    public Microsoft.AspNetCore.Routing.IEndpointRouteBuilder Builder { get; } = builder;
}

/// <summary>A browser's view of one site: keeps cookies, sends them back, reads Set-Cookie like a browser.</summary>
internal sealed class Visitor(TestServer server)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public List<SetCookieHeaderValue> LastSetCookies { get; private set; } = [];

    public Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), configure);

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) }, configure);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") }, configure);

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Action<HttpRequestMessage>? configure = null)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        configure?.Invoke(request);
        var client = server.CreateClient();
        var response = await client.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).ToList()
            : [];
        foreach (var cookie in LastSetCookies)
        {
            if (cookie.Expires < DateTimeOffset.UtcNow || cookie.MaxAge <= TimeSpan.Zero)
            {
                _cookies.Remove(cookie.Name.ToString());
            }
            else
            {
                _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
            }
        }

        return response;
    }
}

/// <summary>Collects log events for assertions.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Message, IReadOnlyDictionary<string, object?> Fields)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Events.Enqueue((category, logLevel, eventId, formatter(state, exception),
                (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(f => f.Key, f => f.Value) ?? new Dictionary<string, object?>()));
    }
}

internal static class HttpExtensions
{
    public static async Task<AngleSharp.Dom.IDocument> HtmlAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
    }

    public static HttpStatusCode Status(this HttpResponseMessage response) => response.StatusCode;
}
