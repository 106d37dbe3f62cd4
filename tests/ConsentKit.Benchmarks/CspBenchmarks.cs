using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;

namespace ConsentKit.Benchmarks;

/// <summary>
/// Building ConsentKit's per-response Content Security Policy for a visitor whose state is already read (the page read
/// it while rendering), against assigning a constant policy string: the extra cost per request. The policy for each
/// decision vector is precomputed on first use; per request only the vector is read and the page's hashes are added.
/// </summary>
[MemoryDiagnoser]
public class CspBenchmarks
{
    private const string ConstantPolicy = "default-src 'self'; script-src 'self' tag0.example.com; object-src 'none'";
    private PolicyHeaderWriter _writer = default!;
    private DefaultHttpContext _context = default!;
    private ExternalTransmissionFeature _feature = default!;

    [Params(20)]
    public int Modules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddExternalTransmissionNotice(o =>
        {
            BenchmarkSite.Declare(o, Modules);
            o.ContentSecurityPolicy.Mode = ContentSecurityPolicyMode.Enforce;
        });
        services.AddSingleton(new ConsentRecordCodec(DataProtectionProvider.Create("ConsentKit.Benchmarks")));
        var provider = services.BuildServiceProvider();
        var state = provider.GetRequiredService<ExternalTransmissionServices>();
        _writer = state.Policy;
        _context = new DefaultHttpContext();
        _feature = state.Create(_context);
        _ = _feature.Modules;
        ConsentRenderState.Of(_context).NoteScriptHash(ScriptHash.Of("gtag('consent','default',{});"));
        _ = _writer.PolicyFor(_context, _feature).Header;
    }

    [Benchmark(Baseline = true, Description = "Constant policy string")]
    public string Constant()
    {
        _context.Response.Headers.ContentSecurityPolicy = ConstantPolicy;
        return ConstantPolicy;
    }

    [Benchmark(Description = "ConsentKit policy for this visitor")]
    public string ConsentKitPolicy()
    {
        var header = _writer.PolicyFor(_context, _feature).Header;
        _context.Response.Headers.ContentSecurityPolicy = header;
        return header;
    }
}
