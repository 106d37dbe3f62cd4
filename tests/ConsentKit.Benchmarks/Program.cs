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

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSite).Assembly).Run(args);
