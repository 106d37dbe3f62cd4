using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>
/// The flagship sample as its own process on 127.0.0.1, on the store given by environment variables, with a home
/// folder of its own so that no Data Protection key can be shared through the file system.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    // Processes still running when the test host exits (a test that threw, a run that was stopped) are killed then.
    private static readonly HashSet<Process> Live = [];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _home;

    private SampleProcess(Process process, string url, string home)
    {
        _process = process;
        Url = url;
        _home = home;
    }

    public string Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    static SampleProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillLive();

    /// <summary>Starts several samples at once; if any fails to start, the others are stopped before the failure is thrown.</summary>
    public static async Task<SampleProcess[]> StartAllAsync(int count, string postgresConnectionString)
    {
        var starting = Enumerable.Range(0, count).Select(_ => StartAsync(postgresConnectionString)).ToArray();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    public static async Task<SampleProcess> StartAsync(string postgresConnectionString)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var home = Directory.CreateTempSubdirectory("consentkit-home-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ConsentKit.Samples.RazorPages.dll"), "--urls", url, "--contentRoot", SampleFolder() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = home;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConsentKit__Store__Provider"] = "PostgreSQL";
        start.Environment["ConsentKit__Store__ConnectionString"] = postgresConnectionString;
        var sample = new SampleProcess(Process.Start(start)!, url, home);
        lock (Live)
        {
            Live.Add(sample._process);
        }

        sample._process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        sample._process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        sample._process.BeginOutputReadLine();
        sample._process.BeginErrorReadLine();
        try
        {
            await sample.WaitUntilListeningAsync();
        }
        catch
        {
            // A sample that did not come up is stopped here: nothing else holds it.
            await sample.DisposeAsync();
            throw;
        }

        return sample;
    }

    public async ValueTask DisposeAsync()
    {
        lock (Live)
        {
            Live.Remove(_process);
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private static void KillLive()
    {
        lock (Live)
        {
            foreach (var process in Live.Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }

            Live.Clear();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string SampleFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsentKit.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("ConsentKit.sln not found above the test folder."), "samples", "ConsentKit.Samples.RazorPages");
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        // A busy machine may answer the first requests slowly (JIT, migrations): wait up to a minute in all.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(Url + "/external-transmission.json")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"The sample at {Url} did not start. Its output:\n{Output}");
    }
}
