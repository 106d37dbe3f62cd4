using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConsentKit.Benchmarks;

/// <summary>
/// Resolving every module's status for a request with a valid record, against ASP.NET Core's CookiePolicy
/// middleware answering ITrackingConsentFeature.CanTrack for a request with its consent cookie. Both start from a
/// fresh HttpContext carrying one cookie header.
/// </summary>
[MemoryDiagnoser]
public class StateBenchmarks
{
    private ExternalTransmissionServices _services = default!;
    private ExternalTransmissionServices _firstSight = default!;
    private string _cookieHeader = "";
    private string _firstModule = "";
    private CookiePolicyMiddleware _cookiePolicy = default!;

    [Params(1, 20, 50, 200)]
    public int Modules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = BenchmarkSite.Declare(new ExternalTransmissionOptions(), Modules);
        var catalog = new TransmissionCatalog(options);
        var services = new ServiceCollection().AddLogging();
        services.AddExternalTransmissionNotice(o => BenchmarkSite.Declare(o, Modules)).AddConsentRecorder<NullRecorder>();
        services.AddDataProtection().SetApplicationName("ConsentKit.Benchmarks");
        var provider = services.BuildServiceProvider();
        _services = provider.GetRequiredService<ExternalTransmissionServices>();

        // The same services, except that a value is never remembered: every read verifies the MAC and walks the entries,
        // as for a value this instance sees for the first time (a new visitor's record, another instance's, a new day).
        var firstSight = new ServiceCollection().AddLogging();
        firstSight.AddExternalTransmissionNotice(o => BenchmarkSite.Declare(o, Modules)).AddConsentRecorder<NullRecorder>();
        firstSight.AddDataProtection().SetApplicationName("ConsentKit.Benchmarks");
        _firstSight = firstSight.BuildServiceProvider().GetRequiredService<ExternalTransmissionServices>();
        _firstSight.Cookies.RemembersVerified = false;
        _firstModule = catalog.Modules[0].Id;

        // The codec ConsentKit registers: record format v3, keys from the application's key ring. No cache: every
        // iteration verifies the MAC.
        var codec = provider.GetRequiredService<ConsentRecordCodec>();
        if (!codec.WritesVersion3)
        {
            throw new InvalidOperationException("The benchmark must measure record format v3.");
        }

        var now = DateTimeOffset.UtcNow;
        var value = codec.Encode(Guid.NewGuid(), now, 0, catalog.Modules
            .Select(m => RecordEntry.For(m, m.Measure == TransmissionMeasure.OptOut ? RecordedDecision.OptedIn : RecordedDecision.Granted, ConsentRecordCodec.DayOf(now))).ToList());
        _cookieHeader = catalog.CookieName + "=" + value;
        _firstModule = catalog.Modules[0].Id;
        if (!ConsentKitResolve() || !ConsentKitResolveFirstSight())
        {
            throw new InvalidOperationException("The benchmark record did not verify in both service sets.");
        }

        _cookiePolicy = new CookiePolicyMiddleware(_ => Task.CompletedTask,
            Options.Create(new CookiePolicyOptions { CheckConsentNeeded = _ => true }), NullLoggerFactory.Instance);
    }

    [Benchmark(Baseline = true, Description = "CookiePolicy: CanTrack")]
    public async Task<bool> CookiePolicyCanTrack()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = ".AspNet.Consent=yes";
        await _cookiePolicy.Invoke(context);
        return context.Features.Get<Microsoft.AspNetCore.Http.Features.ITrackingConsentFeature>()!.CanTrack;
    }

    [Benchmark(Description = "ConsentKit: verify record + resolve all")]
    public bool ConsentKitResolve()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = _cookieHeader;
        var feature = _services.Create(context);
        return feature.IsAllowed(_firstModule) && !feature.HasPending;
    }

    [Benchmark(Description = "ConsentKit: verify record + resolve all, value not remembered")]
    public bool ConsentKitResolveFirstSight()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = _cookieHeader;
        var feature = _firstSight.Create(context);
        return feature.IsAllowed(_firstModule) && !feature.HasPending;
    }

    private sealed class NullRecorder : IConsentRecorder
    {
        public ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

/// <summary>Decoding and verifying the record alone (20 modules): format v3 (MAC) against v2 (Data Protection), no cache.</summary>
[MemoryDiagnoser]
public class CookieBenchmarks
{
    private ConsentRecordCodec _v3 = default!;
    private ConsentRecordCodec _v2 = default!;
    private string _cookieV3 = "";
    private string _cookieV2 = "";

    [GlobalSetup]
    public void Setup()
    {
        var catalog = new TransmissionCatalog(BenchmarkSite.Declare(new ExternalTransmissionOptions(), 20));
        var services = new ServiceCollection().AddLogging();
        services.AddExternalTransmissionNotice(o => BenchmarkSite.Declare(o, 20));
        services.AddDataProtection().SetApplicationName("ConsentKit.Benchmarks");
        var provider = services.BuildServiceProvider();
        _v3 = provider.GetRequiredService<ConsentRecordCodec>();
        _v2 = new ConsentRecordCodec(provider.GetRequiredService<IDataProtectionProvider>());
        var now = DateTimeOffset.UtcNow;
        var entries = catalog.Modules.Select(m => RecordEntry.For(m, RecordedDecision.Granted, 0)).ToList();
        _cookieV3 = _v3.Encode(Guid.NewGuid(), now, 0, entries);
        _cookieV2 = _v2.Encode(Guid.NewGuid(), now, 0, entries);
    }

    [Benchmark(Baseline = true, Description = "Decode + verify record v2, Data Protection (20 modules)")]
    public bool DecodeAndVerifyV2() => _v2.TryOpen(_cookieV2, DateTimeOffset.UtcNow, out _) == RecordFailure.None;

    [Benchmark(Description = "Decode + verify record v3, HMAC (20 modules)")]
    public bool DecodeAndVerifyV3() => _v3.TryOpen(_cookieV3, DateTimeOffset.UtcNow, out _) == RecordFailure.None;
}

/// <summary>
/// Whole pages through the app's pipeline (middleware, routing, Razor, tag helpers), in memory.
/// The same article with ConsentKit (styles, Consent Mode, five gated modules, banner) and without (plain tags).
/// </summary>
[MemoryDiagnoser]
public class PageBenchmarks
{
    private WebApplication _app = default!;
    private InMemoryClient _client = default!;
    private string _decidedCookie = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _app = BenchmarkSite.Build();
        await _app.StartAsync();
        _client = new InMemoryClient(_app);
        var catalog = _app.Services.GetRequiredService<TransmissionCatalog>();
        var codec = _app.Services.GetRequiredService<ConsentRecordCodec>();
        var now = DateTimeOffset.UtcNow;
        _decidedCookie = catalog.CookieName + "=" + codec.Encode(Guid.NewGuid(), now, 0, catalog.Modules
            .Select(m => RecordEntry.For(m, m.Measure == TransmissionMeasure.OptOut ? RecordedDecision.OptedIn : RecordedDecision.Granted, ConsentRecordCodec.DayOf(now))).ToList());
        if (await _client.GetAsync("/with") <= 0 || await _client.GetAsync("/without") <= 0 || await _client.GetAsync("/floor") <= 0)
        {
            throw new InvalidOperationException("The benchmark pages did not render.");
        }

        // What Kestrel does is measured: the response-start work (cache headers, record cookie, policy header) ran.
        await _client.GetAsync("/with", _decidedCookie);
        if (_client.LastStartingCallbacks == 0 || !_client.LastHeaders.CacheControl.ToString().Contains("private", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Response.OnStarting did not run in the benchmark client.");
        }
    }

    [GlobalCleanup]
    public Task Cleanup() => _app.StopAsync();

    [Benchmark(Baseline = true, Description = "Page without ConsentKit")]
    public Task<int> Without() => _client.GetAsync("/without");

    [Benchmark(Description = "Page through no-op tag helpers on the same elements (the tag-helper floor)")]
    public Task<int> Floor() => _client.GetAsync("/floor");

    [Benchmark(Description = "Page with ConsentKit, returning visitor (no banner)")]
    public Task<int> WithDecided() => _client.GetAsync("/with", _decidedCookie);

    [Benchmark(Description = "Page with ConsentKit, first visit (banner, inert tags)")]
    public Task<int> WithFirstVisit() => _client.GetAsync("/with");
}

/// <summary>ConsentKit's precomputed notice page against the same content rendered as an ordinary Razor page.</summary>
[MemoryDiagnoser]
public class NoticeBenchmarks
{
    private WebApplication _app = default!;
    private InMemoryClient _client = default!;

    [GlobalSetup]
    public async Task Setup()
    {
        _app = BenchmarkSite.Build(modules: 20);
        await _app.StartAsync();
        _client = new InMemoryClient(_app);

        // A visitor who has been here: the antiforgery cookie from a first visit, and a consent record.
        var first = await _client.GetWithCookiesAsync("/external-transmission");
        var catalog = _app.Services.GetRequiredService<TransmissionCatalog>();
        var codec = _app.Services.GetRequiredService<ConsentRecordCodec>();
        var record = codec.Encode(Guid.NewGuid(), DateTimeOffset.UtcNow, 0, catalog.Modules
            .Select(m => RecordEntry.For(m, RecordedDecision.Granted, ConsentRecordCodec.DayOf(DateTimeOffset.UtcNow))).ToList());
        _returningCookies = first + "; " + catalog.CookieName + "=" + record;
    }

    private string _returningCookies = "";

    [GlobalCleanup]
    public Task Cleanup() => _app.StopAsync();

    [Benchmark(Baseline = true, Description = "Notice as an ordinary Razor page (20 modules)")]
    public Task<int> Razor() => _client.GetAsync("/notice-razor");

    [Benchmark(Description = "ConsentKit notice page with controls, returning visitor (20 modules)")]
    public Task<int> ConsentKitPageReturning() => _client.GetAsync("/external-transmission", _returningCookies);

    [Benchmark(Description = "ConsentKit notice page with controls, first visit (new antiforgery cookie)")]
    public Task<int> ConsentKitPageFirstVisit() => _client.GetAsync("/external-transmission");

    [Benchmark(Description = "ConsentKit notice JSON (20 modules)")]
    public Task<int> ConsentKitJson() => _client.GetAsync("/external-transmission.json");
}
