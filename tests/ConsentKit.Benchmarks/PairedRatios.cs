using System.Diagnostics;
using System.Globalization;

namespace ConsentKit.Benchmarks;

/// <summary>
/// Ratios for a machine shared with other work: BenchmarkDotNet runs one method after the other, so a change in the
/// machine's load between them shows up in the ratio. Here each pair alternates in short batches (A, B, A, B …) and
/// the ratio is taken per round; the median and the range of the rounds are reported. Run with
/// <c>dotnet tests/ConsentKit.Benchmarks/bin/Release/net10.0/ConsentKit.Benchmarks.dll paired [rounds]</c>.
/// </summary>
public static class PairedRatios
{
    public static async Task RunAsync(int rounds)
    {
        Console.WriteLine($"# paired ratios, {rounds} rounds of alternating ~20 ms batches; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine("| Pair | Median ratio (B / A) | Range over rounds | A per op | B per op |");
        Console.WriteLine("|---|---:|---:|---:|---:|");

        foreach (var modules in new[] { 20, 50, 200 })
        {
            var state = new StateBenchmarks { Modules = modules };
            state.Setup();
            await Pair($"State resolution, {modules} modules: ConsentKit (verify v3 + resolve all) / CookiePolicy CanTrack", rounds,
                async () => await state.CookiePolicyCanTrack(), () => { state.ConsentKitResolve(); return Task.CompletedTask; });
        }

        var firstSight = new StateBenchmarks { Modules = 20 };
        firstSight.Setup();
        await Pair("State resolution, 20 modules, value not remembered: ConsentKit / CookiePolicy CanTrack", rounds,
            async () => await firstSight.CookiePolicyCanTrack(), () => { firstSight.ConsentKitResolveFirstSight(); return Task.CompletedTask; });

        var cookie = new CookieBenchmarks();
        cookie.Setup();
        await Pair("Verify record, 20 modules: v3 (HMAC) / v2 (Data Protection)", rounds,
            () => { cookie.DecodeAndVerifyV2(); return Task.CompletedTask; }, () => { cookie.DecodeAndVerifyV3(); return Task.CompletedTask; });

        var page = new PageBenchmarks();
        await page.Setup();
        await Pair("Page, returning visitor: with ConsentKit / without", rounds, page.Without, page.WithDecided);
        await Pair("Page, no-op tag helpers on the same elements (floor) / without", rounds, page.Without, page.Floor);
        await Pair("Page, returning visitor: with ConsentKit / floor", rounds, page.Floor, page.WithDecided);
        await Pair("Page, first visit: with ConsentKit / floor", rounds, page.Floor, page.WithFirstVisit);
        await Pair("Page, first visit: with ConsentKit / without", rounds, page.Without, page.WithFirstVisit);
        await page.Cleanup();

        var notice = new NoticeBenchmarks();
        await notice.Setup();
        await Pair("Notice with controls, returning visitor, 20 modules: ConsentKit / Razor", rounds, notice.Razor, notice.ConsentKitPageReturning);
        await Pair("Notice with controls, first visit, 20 modules: ConsentKit / Razor", rounds, notice.Razor, notice.ConsentKitPageFirstVisit);
        await notice.Cleanup();
    }

    private static async Task Pair(string name, int rounds, Func<Task> a, Func<Task> b)
    {
        // Warm up and size a batch to about 20 ms of A.
        for (var i = 0; i < 200; i++)
        {
            await a();
            await b();
        }

        var batch = 1;
        while (true)
        {
            var t = await Time(a, batch);
            if (t.TotalMilliseconds >= 20 || batch >= 1 << 20)
            {
                break;
            }

            batch *= 2;
        }

        var ratios = new List<double>(rounds);
        double totalA = 0, totalB = 0;
        for (var r = 0; r < rounds; r++)
        {
            // Alternate the order too, so neither side always runs first.
            TimeSpan ta, tb;
            if (r % 2 == 0)
            {
                ta = await Time(a, batch);
                tb = await Time(b, batch);
            }
            else
            {
                tb = await Time(b, batch);
                ta = await Time(a, batch);
            }

            ratios.Add(tb.TotalMilliseconds / ta.TotalMilliseconds);
            totalA += ta.TotalMilliseconds;
            totalB += tb.TotalMilliseconds;
        }

        ratios.Sort();
        var median = ratios[ratios.Count / 2];
        var perOpA = totalA * 1000 / (rounds * (double)batch);
        var perOpB = totalB * 1000 / (rounds * (double)batch);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {median:0.00} | {ratios[ratios.Count / 10]:0.00}–{ratios[ratios.Count * 9 / 10]:0.00} (10th–90th pct) | {perOpA:0.00} µs | {perOpB:0.00} µs |"));
    }

    private static async Task<TimeSpan> Time(Func<Task> action, int count)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await action();
        }

        return watch.Elapsed;
    }
}
