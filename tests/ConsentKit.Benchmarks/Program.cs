using System.Net;
using BenchmarkDotNet.Running;
using ConsentKit.Benchmarks;

// `serve [port]` hosts the benchmark site on 127.0.0.1 for scripts/load.sh; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "serve")
{
    var port = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5090;
    var app = BenchmarkSite.Build();
    app.Urls.Add($"http://{IPAddress.Loopback}:{port}");
    await app.RunAsync();
    return;
}

if (args.Length > 0 && args[0] == "paired")
{
    await PairedRatios.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 31);
    return;
}

if (args.Length > 1 && args[0] == "loop" && args[1] == "state-first")
{
    var state = new StateBenchmarks { Modules = 20 };
    state.Setup();
    var end = DateTime.UtcNow.AddSeconds(args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    long count = 0;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    while (DateTime.UtcNow < end)
    {
        for (var i = 0; i < 1000; i++)
        {
            state.ConsentKitResolveFirstSight();
        }

        count += 1000;
    }

    Console.WriteLine($"{count} resolutions, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / count} bytes allocated each");
    return;
}

if (args.Length > 1 && args[0] == "loop" && args[1] == "notice")
{
    var notice = new NoticeBenchmarks();
    await notice.Setup();
    var stop = DateTime.UtcNow.AddSeconds(args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    long served = 0;
    var start = GC.GetTotalAllocatedBytes(precise: true);
    while (DateTime.UtcNow < stop)
    {
        await notice.ConsentKitPageReturning();
        served++;
    }

    Console.WriteLine($"{served} notices, {(GC.GetTotalAllocatedBytes(precise: true) - start) / served} bytes allocated each");
    await notice.Cleanup();
    return;
}

if (args.Length > 0 && args[0] == "loop")
{
    // `loop with|without|first seconds`: one page in a loop, for a profiler (dotnet-trace) or an allocation count.
    var page = new PageBenchmarks();
    await page.Setup();
    Func<Task<int>> run = args[1] switch { "with" => page.WithDecided, "first" => page.WithFirstVisit, "floor" => page.Floor, _ => page.Without };
    var until = DateTime.UtcNow.AddSeconds(args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    long n = 0;
    var before = GC.GetTotalAllocatedBytes(precise: true);
    while (DateTime.UtcNow < until)
    {
        await run();
        n++;
    }

    Console.WriteLine($"{n} requests, {(GC.GetTotalAllocatedBytes(precise: true) - before) / n} bytes allocated per request");
    await page.Cleanup();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSite).Assembly).Run(args);
