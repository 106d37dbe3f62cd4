using System.Diagnostics;
using System.Text;

namespace ConsentKit.PackageTests;

/// <summary>The repository and the .NET CLI, as the tests use them.</summary>
internal static class Cli
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConsentKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ConsentKit.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A start info for the CLI with no MSBuild state leaking in from the test host, and no build servers left running.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name is "MSBUILD_EXE_PATH" or "MSBuildSDKsPath" or "MSBuildExtensionsPath")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs the CLI to the end; fails the test with the whole output when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, int timeoutSeconds = 300)
    {
        var start = StartInfo(workingDirectory, arguments, environment);
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`dotnet {string.Join(' ', start.ArgumentList)}` did not finish in {timeoutSeconds} s:\n{output}");
        }

        process.WaitForExit();
        var text = output.ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`dotnet {string.Join(' ', start.ArgumentList)}` in {workingDirectory} exited with {process.ExitCode}:\n{text}");
        }

        return text;
    }
}
