using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ConsentKit.PackageTests;

/// <summary>What the package page and a debugger see: metadata, README, XML docs, symbols and Source Link.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class PackageMetadataTests(PackedPackages packages)
{
    private const string Repository = "https://github.com/consentkit/consentkit";

    public static TheoryData<string> Ids => new() { "ConsentKit", "ConsentKit.Components", "ConsentKit.Components.WebAssembly", "ConsentKit.EntityFrameworkCore", "ConsentKit.Testing" };

    private static XElement Metadata(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var doc = XDocument.Load(stream);
        return doc.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_nuspec_names_the_repository_the_project_the_licence_and_a_readme(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackageFile(id));
        var metadata = Metadata(package);
        Child(metadata, "projectUrl")!.Value.Should().Be(Repository);
        var repository = Child(metadata, "repository")!;
        repository.Attribute("type")!.Value.Should().Be("git");
        repository.Attribute("url")!.Value.Should().Be(Repository, "the published repository is the canonical one, never the clone's origin path");
        repository.Attribute("commit")!.Value.Should().MatchRegex("^[0-9a-f]{40}$");
        var license = Child(metadata, "license")!;
        license.Attribute("type")!.Value.Should().Be("expression");
        license.Value.Should().Be("MIT");
        Child(metadata, "description")!.Value.Should().NotBeNullOrWhiteSpace();
        var readme = Child(metadata, "readme")!.Value;
        package.GetEntry(readme).Should().NotBeNull($"{id} names {readme} as its README");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_package_readme_has_only_absolute_links_and_no_repository_only_sections(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackageFile(id));
        var entry = package.GetEntry(Child(Metadata(package), "readme")!.Value)!;
        using var reader = new StreamReader(entry.Open());
        var text = reader.ReadToEnd();
        var relative = MarkdownLink().Matches(text).Select(m => m.Groups["target"].Value)
            .Where(t => !t.StartsWith("https://", StringComparison.Ordinal) && !t.StartsWith("http://", StringComparison.Ordinal) && !t.StartsWith('#'))
            .ToList();
        relative.Should().BeEmpty("a link on the package page must not depend on the repository's folders");
        text.Should().NotContain("./test.sh", "how to run the repository's tests is not for the package page");
        text.Should().NotContain("dotnet run --project samples/", "the samples are in the repository, not in the package");
        text.Should().Contain("dotnet add package ConsentKit");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_library_has_its_xml_docs_and_a_symbols_package_whose_pdbs_have_no_build_machine_path_and_link_to_the_repository(string id)
    {
        using var package = ZipFile.OpenRead(packages.PackageFile(id));
        var dlls = package.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.EndsWith($"/{id}.dll", StringComparison.Ordinal)).ToList();
        dlls.Should().NotBeEmpty();
        foreach (var dll in dlls)
        {
            package.GetEntry(dll.FullName[..^4] + ".xml").Should().NotBeNull($"{dll.FullName} ships its XML docs");
        }

        File.Exists(packages.SymbolsFile(id)).Should().BeTrue("each package has a .snupkg beside it");
        using var symbols = ZipFile.OpenRead(packages.SymbolsFile(id));
        var pdbs = symbols.Entries.Where(e => e.FullName.EndsWith($"/{id}.pdb", StringComparison.Ordinal)).ToList();
        pdbs.Select(p => Path.GetDirectoryName(p.FullName)).Should().BeEquivalentTo(dlls.Select(d => Path.GetDirectoryName(d.FullName)), "one PDB per target framework");
        foreach (var pdb in pdbs)
        {
            var (documents, sourceLink) = ReadPdb(pdb);
            documents.Should().NotBeEmpty();
            documents.Should().OnlyContain(d => d.StartsWith("/_/", StringComparison.Ordinal),
                $"{pdb.FullName} is from a CI build (ContinuousIntegrationBuild): its source paths are mapped, not the build machine's ({Cli.RepoRoot})");
            string.Join("\n", documents).Should().NotContain(Cli.RepoRoot);
            sourceLink.Should().NotBeNull($"{pdb.FullName} has Source Link");
            sourceLink.Should().MatchRegex(@"""/_/\*""\s*:\s*""https://raw\.githubusercontent\.com/consentkit/consentkit/[0-9a-f]{40}/\*""");
        }
    }

    private static (List<string> Documents, string? SourceLink) ReadPdb(ZipArchiveEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(buffer);
        var reader = provider.GetMetadataReader();
        var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        string? sourceLink = null;
        foreach (var handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var info = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(info.Kind) == sourceLinkKind)
            {
                sourceLink = System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value));
            }
        }

        return (documents, sourceLink);
    }

    [Fact]
    public void Public_types_are_documented_and_no_package_silences_the_missing_docs_warning()
    {
        // CS1591 (missing XML comment for a publicly visible member) stays an error through TreatWarningsAsErrors; only
        // public API needs docs, internal types need none.
        foreach (var project in PackedPackages.Projects)
        {
            File.ReadAllText(Path.Combine(Cli.RepoRoot, project)).Should().Contain("<GenerateDocumentationFile>true</GenerateDocumentationFile>").And.NotContain("1591");
        }

        File.ReadAllText(Path.Combine(Cli.RepoRoot, "Directory.Build.props")).Should().NotContain("1591");
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();
}
