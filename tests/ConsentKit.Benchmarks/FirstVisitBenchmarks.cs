using BenchmarkDotNet.Attributes;

namespace ConsentKit.Benchmarks;

/// <summary>
/// A first visit (no cookie at all) to the article page, as Kestrel serves it: the response-start callbacks run (cache
/// headers, record write, proof), as <see cref="InMemoryClient"/> runs them. The site has the five modules of
/// <see cref="PageBenchmarks"/> plus one Notice module, so the banner acknowledges a notice on every first visit.
/// </summary>
[MemoryDiagnoser]
public class FirstVisitBenchmarks
{
    private WebApplication _app = default!;
    private InMemoryClient _client = default!;

    [GlobalSetup]
    public async Task Setup()
    {
        _app = BenchmarkSite.Build(more: o => o.AddModule("notice-000", m => m
            .Named("表示速度の計測", "Page speed measurement")
            .InCategory(ModuleCategory.Analytics)
            .SendsTo("計測株式会社", service: "速度計測", privacyPolicyUrl: "https://speed.example.com/privacy")
            .Sends("閲覧したページのURL", "URL of the pages you view")
            .WithPurposes("ページの表示速度を改善するため", "送信先が集計結果を提供するため")
            .ContactsHosts("speed.example.com")
            .WithMeasure(TransmissionMeasure.Notice)));
        await _app.StartAsync();
        _client = new InMemoryClient(_app);
        if (await _client.GetAsync("/with") <= 0 || await _client.GetAsync("/without") <= 0)
        {
            throw new InvalidOperationException("The benchmark pages did not render.");
        }
    }

    [GlobalCleanup]
    public Task Cleanup() => _app.StopAsync();

    [Benchmark(Baseline = true, Description = "First visit: page without ConsentKit")]
    public Task<int> Without() => _client.GetAsync("/without");

    [Benchmark(Description = "First visit: page with ConsentKit (banner, Notice module, response start)")]
    public Task<int> With() => _client.GetAsync("/with");

    /// <summary>Runs requests in memory like <see cref="InMemoryClient"/>, but fires the response's OnStarting callbacks as a server does.</summary>
}
