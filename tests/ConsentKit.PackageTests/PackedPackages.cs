using System.Xml.Linq;

namespace ConsentKit.PackageTests;

/// <summary>
/// Every src package, packed once per test run (Release, with CI=true as in CI) into a temporary feed, under a version
/// of its own so that no earlier pack in the NuGet cache can stand in for it. Consumers restore from a nuget.config that
/// has this feed and the repository's own sources.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public static readonly string[] Projects =
    [
        "src/ConsentKit/ConsentKit.csproj",
        "src/ConsentKit.Components/ConsentKit.Components.csproj",
        "src/ConsentKit.Components.WebAssembly/ConsentKit.Components.WebAssembly.csproj",
        "src/ConsentKit.EntityFrameworkCore/ConsentKit.EntityFrameworkCore.csproj",
        "src/ConsentKit.Testing/ConsentKit.Testing.csproj",
    ];

    public string Root { get; } = Directory.CreateTempSubdirectory("ck-packages-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string Version { get; } = $"0.1.0-packagetest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>A nuget.config with the feed first and then the repository's sources; packages extract under <see cref="Root"/>.</summary>
    public string NuGetConfig => Path.Combine(Root, "nuget.config");

    public string PackOutput { get; private set; } = "";

    public string PackageFile(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string SymbolsFile(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        // One pack of a solution filter with the four projects: one MSBuild run instead of four.
        // --no-restore: the solution build restored the src projects already (this project references them), and
        // a restore here would rewrite their obj/ for every other build.
        var filter = Path.Combine(Root, "packages.slnf");
        File.WriteAllText(filter, System.Text.Json.JsonSerializer.Serialize(new
        {
            solution = new { path = Path.Combine(Cli.RepoRoot, "ConsentKit.sln"), projects = Projects },
        }));
        PackOutput = await Cli.RunAsync(Cli.RepoRoot,
            ["pack", filter, "-c", "Release", "--no-restore", "-o", Feed, $"-p:PackageVersion={Version}", "--disable-build-servers", "-nologo"],
            new Dictionary<string, string> { ["CI"] = "true" });

        var repoConfig = XDocument.Load(Path.Combine(Cli.RepoRoot, "nuget.config"));
        var sources = repoConfig.Root!.Element("packageSources")!.Elements("add").ToList();
        var config = new XDocument(new XElement("configuration",
            new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Path.Combine(Root, "packages")))),
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "consentkit-packed"), new XAttribute("value", Feed)),
                sources),
            new XElement("fallbackPackageFolders",
                new XElement("add", new XAttribute("key", "user"), new XAttribute("value", UserPackagesFolder())))));
        config.Save(NuGetConfig);
    }

    /// <summary>
    /// The user's NuGet cache, read-only, so that the consumers do not extract the whole framework of test packages again.
    /// Safe because the ConsentKit packages carry a version no other run has used.
    /// </summary>
    private static string UserPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}
