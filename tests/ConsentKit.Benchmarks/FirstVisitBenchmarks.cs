using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http.Features;

namespace ConsentKit.Benchmarks;

/// <summary>
/// A first visit (no cookie at all) to the article page, as Kestrel serves it: the response-start callbacks run (cache
/// headers, record write, proof), which the plain in-memory client leaves out. The site has the five modules of
/// <see cref="PageBenchmarks"/> plus one Notice module, so the banner acknowledges a notice on every first visit.
/// </summary>
[MemoryDiagnoser]
public class FirstVisitBenchmarks
{
    private WebApplication _app = default!;
    private StartingClient _client = default!;

    [GlobalSetup]
    public async Task Setup()
    {
        _app = BuildSite(o => o.AddModule("notice-000", m => m
            .Named("表示速度の計測", "Page speed measurement")
            .InCategory(ModuleCategory.Analytics)
            .SendsTo("計測株式会社", service: "速度計測", privacyPolicyUrl: "https://speed.example.com/privacy")
            .Sends("閲覧したページのURL", "URL of the pages you view")
            .WithPurposes("ページの表示速度を改善するため", "送信先が集計結果を提供するため")
            .ContactsHosts("speed.example.com")
            .WithMeasure(TransmissionMeasure.Notice)));
        await _app.StartAsync();
        _client = new StartingClient(_app);
        if (await _client.GetAsync("/with") <= 0 || await _client.GetAsync("/without") <= 0)
        {
            throw new InvalidOperationException("The benchmark pages did not render.");
        }
    }

    /// <summary>The benchmark site of <see cref="BenchmarkSite"/>, with more declarations.</summary>
    private static WebApplication BuildSite(Action<ExternalTransmissionOptions> more)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(BenchmarkSite).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddRazorPages().AddApplicationPart(typeof(BenchmarkSite).Assembly);
        builder.Services.AddExternalTransmissionNotice(o => more(BenchmarkSite.Declare(o, 5)));
        var app = builder.Build();
        app.UseExternalTransmissionNotice();
        app.UseRouting();
        app.MapExternalTransmissionNotice();
        app.MapRazorPages();
        return app;
    }

    [GlobalCleanup]
    public Task Cleanup() => _app.StopAsync();

    [Benchmark(Baseline = true, Description = "First visit: page without ConsentKit")]
    public Task<int> Without() => _client.GetAsync("/without");

    [Benchmark(Description = "First visit: page with ConsentKit (banner, Notice module, response start)")]
    public Task<int> With() => _client.GetAsync("/with");

    /// <summary>Runs requests in memory like <see cref="InMemoryClient"/>, but fires the response's OnStarting callbacks as a server does.</summary>
    private sealed class StartingClient(WebApplication app)
    {
        private readonly RequestDelegate _pipeline = ((IApplicationBuilder)app).Build();

        public async Task<int> GetAsync(string path)
        {
            using var scope = app.Services.CreateScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var response = new StartingResponse();
            context.Features.Set<IHttpResponseFeature>(response);
            var body = new StartingBody(response);
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
            context.Request.Method = "GET";
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("127.0.0.1");
            context.Request.Path = path;
            context.Request.Headers.AcceptLanguage = "ja,en;q=0.8";

            await _pipeline(context);
            await response.StartAsync();
            await context.Response.CompleteAsync();
            return context.Response.StatusCode == 200 ? (int)body.Length : -context.Response.StatusCode;
        }
    }

    private sealed class StartingResponse : HttpResponseFeature
    {
        private List<(Func<object, Task> Callback, object State)>? _starting;
        private bool _started;

        public override bool HasStarted => _started;

        public override void OnStarting(Func<object, Task> callback, object state) => (_starting ??= []).Add((callback, state));

        public async Task StartAsync()
        {
            if (_started)
            {
                return;
            }

            if (_starting is { } callbacks)
            {
                // As Kestrel does: the last registered runs first.
                for (var i = callbacks.Count - 1; i >= 0; i--)
                {
                    await callbacks[i].Callback(callbacks[i].State);
                }
            }

            _started = true;
        }
    }

    /// <summary>A body that only counts, and starts the response on the first write.</summary>
    private sealed class StartingBody(StartingResponse response) : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => response.StartAsync();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Synchronous writes are not expected.");

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await response.StartAsync();
            _length += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
