using System.IO.Pipelines;
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
    public static WebApplication Build(int modules = 5, string[]? args = null, Action<ExternalTransmissionOptions>? more = null)
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
        builder.Services.AddExternalTransmissionNotice(o =>
        {
            Declare(o, modules);
            more?.Invoke(o);
        });
        var app = builder.Build();
        app.UseExternalTransmissionNotice();
        app.UseRouting();
        app.MapExternalTransmissionNotice();
        app.MapRazorPages();

        // The load script's baseline for the choices endpoint: a minimal JSON POST that reads the body, sets a cookie
        // and answers with JSON, as a site's own endpoint would at the least.
        app.MapPost("/baseline-choices", async context =>
        {
            using var json = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            context.Response.Cookies.Append("choice", json.RootElement.TryGetProperty("action", out var a) ? a.GetString() ?? "" : "", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"ok\":true}", context.RequestAborted);
        });
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

/// <summary>
/// Runs requests through the app's pipeline in memory: the middleware and endpoints, no sockets. The response feature
/// behaves as Kestrel's does where it matters for cost: <c>Response.OnStarting</c> callbacks run (most recently
/// registered first) before the first byte of the body or at completion, so the cache headers, the record cookie and
/// the policy header are part of what is measured. <c>DefaultHttpContext</c>'s own response feature drops them.
/// </summary>
public sealed class InMemoryClient
{
    private readonly WebApplication _app;
    private readonly RequestDelegate _pipeline;

    public InMemoryClient(WebApplication app)
    {
        _app = app;
        _pipeline = ((IApplicationBuilder)app).Build();
    }

    /// <summary>How many OnStarting callbacks ran in the last request (checked by the benchmark setup).</summary>
    public int LastStartingCallbacks { get; private set; }

    /// <summary>The last response's headers.</summary>
    public IHeaderDictionary LastHeaders { get; private set; } = new HeaderDictionary();

    public async Task<int> GetAsync(string path, string? cookie = null, string? acceptEncoding = null)
    {
        using var scope = _app.Services.CreateScope();
        var response = new KestrelLikeResponse(new CountingStream());
        var context = NewContext(scope, response, path);
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        if (acceptEncoding is not null)
        {
            context.Request.Headers.AcceptEncoding = acceptEncoding;
        }

        await _pipeline(context);
        await response.CompleteAsync();
        LastStartingCallbacks = response.StartingCallbacksRun;
        LastHeaders = response.Headers;
        return context.Response.StatusCode == 200 ? (int)response.Counted.Length : -context.Response.StatusCode;
    }

    /// <summary>Runs a request and returns the cookies it set, as a Cookie header value.</summary>
    public async Task<string> GetWithCookiesAsync(string path)
    {
        using var scope = _app.Services.CreateScope();
        var response = new KestrelLikeResponse(new CountingStream());
        var context = NewContext(scope, response, path);
        await _pipeline(context);
        await response.CompleteAsync();
        return string.Join("; ", context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
    }

    private static DefaultHttpContext NewContext(IServiceScope scope, KestrelLikeResponse response, string path)
    {
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Features.Set<IHttpResponseFeature>(response);
        context.Features.Set<IHttpResponseBodyFeature>(response);
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Path = path;
        return context;
    }

    /// <summary>Response and body features in one, starting the response as a server does.</summary>
    private sealed class KestrelLikeResponse(CountingStream counted) : IHttpResponseFeature, IHttpResponseBodyFeature
    {
        private List<(Func<object, Task> Callback, object State)>? _starting;
        private List<(Func<object, Task> Callback, object State)>? _completed;
        private PipeWriter? _writer;
        private Stream? _stream;

        public CountingStream Counted { get; } = counted;
        public int StartingCallbacksRun { get; private set; }
        public int StatusCode { get; set; } = 200;
        public string? ReasonPhrase { get; set; }
        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
        public bool HasStarted { get; private set; }

        [Obsolete("Use IHttpResponseBodyFeature.Stream.")]
        public Stream Body { get => Stream; set => throw new NotSupportedException(); }

        public Stream Stream => _stream ??= new StartingStream(this);
        public PipeWriter Writer => _writer ??= PipeWriter.Create(Stream, new StreamPipeWriterOptions(leaveOpen: true));

        public void OnStarting(Func<object, Task> callback, object state)
        {
            if (HasStarted)
            {
                throw new InvalidOperationException("The response has already started.");
            }

            (_starting ??= []).Add((callback, state));
        }

        public void OnCompleted(Func<object, Task> callback, object state) => (_completed ??= []).Add((callback, state));

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (HasStarted)
            {
                return;
            }

            // Like Kestrel: callbacks run in reverse order of registration, then the headers are fixed.
            if (_starting is { } starting)
            {
                for (var i = starting.Count - 1; i >= 0; i--)
                {
                    await starting[i].Callback(starting[i].State);
                    StartingCallbacksRun++;
                }
            }

            HasStarted = true;
        }

        public async Task CompleteAsync()
        {
            await StartAsync();
            if (_writer is not null)
            {
                await _writer.FlushAsync();
            }

            if (_completed is { } completed)
            {
                for (var i = completed.Count - 1; i >= 0; i--)
                {
                    await completed[i].Callback(completed[i].State);
                }

                _completed = null;
            }
        }

        public void DisableBuffering()
        {
        }

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        /// <summary>Writes start the response first.</summary>
        private sealed class StartingStream(KestrelLikeResponse owner) : Stream
        {
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => owner.Counted.Length;
            public override long Position { get => Length; set => throw new NotSupportedException(); }
            public override void Flush() => owner.StartAsync().GetAwaiter().GetResult();
            public override Task FlushAsync(CancellationToken cancellationToken) => owner.StartAsync(cancellationToken);
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count)
            {
                owner.StartAsync().GetAwaiter().GetResult();
                owner.Counted.Write(buffer, offset, count);
            }

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await owner.StartAsync(cancellationToken);
                await owner.Counted.WriteAsync(buffer, cancellationToken);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        }
    }

    /// <summary>A response body that only counts: the benchmark measures producing the page, not storing it.</summary>
    internal sealed class CountingStream : Stream
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
