using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsentKit.Benchmarks;

/// <summary>
/// One site, two pages with the same markup: /with uses ConsentKit (styles, Consent Mode, five gated modules, banner),
/// /without has plain script tags. Also the notice as an ordinary Razor page (/notice-razor).
/// Invoked in memory by the benchmarks, or served on 127.0.0.1 for the wrk load script.
/// </summary>
public static class BenchmarkSite
{
    public static WebApplication Build(int modules = 5, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = typeof(BenchmarkSite).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddRazorPages().AddApplicationPart(typeof(BenchmarkSite).Assembly);
        builder.Services.AddExternalTransmissionNotice(o => Declare(o, modules));
        var app = builder.Build();
        app.UseExternalTransmissionNotice();
        app.UseRouting();
        app.MapExternalTransmissionNotice();
        app.MapRazorPages();
        return app;
    }

    public static ExternalTransmissionOptions Declare(ExternalTransmissionOptions o, int modules)
    {
        o.Operator.Name = "株式会社ベンチマーク";
        o.LastUpdated = new DateOnly(2026, 11, 1);
        for (var i = 0; i < modules; i++)
        {
            var n = i;
            o.AddModule(ModuleId(n), m =>
            {
                m.Named($"計測タグ {n}", $"Measurement tag {n}")
                 .InCategory(n % 2 == 0 ? ModuleCategory.Analytics : ModuleCategory.Advertising)
                 .SendsTo($"計測株式会社 {n}", service: $"計測サービス {n}", privacyPolicyUrl: $"https://tag{n}.example.com/privacy")
                 .Sends("閲覧したページのURL", "URL of the pages you view")
                 .Sends("IPアドレス", "IP address")
                 .Sends("Cookie に保存したブラウザごとの識別子", "An identifier for your browser, stored in a cookie")
                 .WithPurposes("記事の閲覧数を集計するため", "送信先が集計結果を提供するため")
                 .ContactsHosts($"tag{n}.example.com")
                 .MapsToConsentMode(n % 2 == 0 ? "analytics_storage" : "ad_storage");
                if (n % 5 == 4)
                {
                    m.WithOptOut(OptOutScope.Transmission, "なし");
                }
                else
                {
                    m.WithMeasure(TransmissionMeasure.Consent);
                }
            });
        }

        return o;
    }

    public static string ModuleId(int n) => $"tag-{n:000}";
}

/// <summary>Runs requests through the app's pipeline in memory: the middleware and endpoints, no sockets.</summary>
public sealed class InMemoryClient
{
    private readonly WebApplication _app;
    private readonly RequestDelegate _pipeline;

    public InMemoryClient(WebApplication app)
    {
        _app = app;
        _pipeline = ((IApplicationBuilder)app).Build();
    }

    public async Task<int> GetAsync(string path, string? cookie = null)
    {
        using var scope = _app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var body = new CountingStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Path = path;
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        await _pipeline(context);
        await context.Response.CompleteAsync();
        return context.Response.StatusCode == 200 ? (int)body.Length : -context.Response.StatusCode;
    }

    /// <summary>Runs a request and returns the cookies it set, as a Cookie header value.</summary>
    public async Task<string> GetWithCookiesAsync(string path)
    {
        using var scope = _app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Path = path;
        await _pipeline(context);
        await context.Response.CompleteAsync();
        return string.Join("; ", context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
    }

    /// <summary>A response body that only counts: the benchmark measures producing the page, not storing it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
