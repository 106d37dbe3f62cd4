using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ConsentKit.PackageTests;

/// <summary>
/// Every C#, cshtml and Razor block in README.md, docs/package-readme.md and docs/ja, docs/en compiles as written, against
/// the packed packages, in one throwaway web project (see <see cref="DocSnippets"/> for how a block says what it is).
/// A compile error names the document and line. README's quick start also runs (<see cref="TemplateAppTests"/>).
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class DocSnippetTests(PackedPackages packages)
{
    [Fact]
    public void Snippets_are_found_in_both_languages_and_every_skip_says_why()
    {
        var all = DocSnippets.All();
        all.Should().Contain(s => s.File.StartsWith(Path.Combine("docs", "ja"), StringComparison.Ordinal));
        all.Should().Contain(s => s.File.StartsWith(Path.Combine("docs", "en"), StringComparison.Ordinal));
        all.Select(s => s.Kind).Should().OnlyContain(k => k == "program" || k == "options" || k == "page-model" || k == "file" || k == "view" || k == "component" || k == "skip");
        all.Count(s => s.Kind == "skip").Should().BeLessThan(all.Count / 4, "skipping is for the odd block that cannot compile on its own, not a way out");
    }

    [Fact]
    public async Task Every_code_block_in_the_docs_compiles_as_written_against_the_packed_packages()
    {
        var dir = Path.Combine(packages.Root, "snippets");
        Directory.CreateDirectory(dir);
        var versions = CentralVersions();
        var project = new StringBuilder();
        project.AppendLine("""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>DocSnippets</RootNamespace>
                <!-- Unused variables and awaits in fragments are fine; an unknown Razor component is an error. -->
                <NoWarn>$(NoWarn);CS1998;CS0168;CS0219;CS8321;CS4014</NoWarn>
                <WarningsAsErrors>$(WarningsAsErrors);RZ10012</WarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
            """);
        foreach (var id in new[] { "ConsentKit", "ConsentKit.Components", "ConsentKit.Components.WebAssembly", "ConsentKit.EntityFrameworkCore", "ConsentKit.Testing" })
        {
            project.AppendLine($"    <PackageReference Include=\"{id}\" Version=\"{packages.Version}\" />");
        }

        foreach (var id in new[] { "Microsoft.AspNetCore.Mvc.Testing", "xunit", "Microsoft.AspNetCore.DataProtection.EntityFrameworkCore", "Microsoft.AspNetCore.Components.WebAssembly.Server" })
        {
            project.AppendLine($"    <PackageReference Include=\"{id}\" Version=\"{versions[id]}\" />");
        }

        project.AppendLine("  </ItemGroup>\n</Project>");
        File.WriteAllText(Path.Combine(dir, "DocSnippets.csproj"), project.ToString());

        // What the docs take as given: an app's Program, its Blazor root and router, and an EF Core context of the site's.
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "Console.WriteLine(\"The docs' snippets compile.\");\n");
        File.WriteAllText(Path.Combine(dir, "Prelude.cs"), """
            using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore;

            public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options), IDataProtectionKeyContext
            {
                public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
            }

            // A Blazor Web App's .Client project, as the docs name it.
            namespace MyApp.Client
            {
                public sealed class _Imports;
            }
            """);
        Directory.CreateDirectory(Path.Combine(dir, "Components"));
        File.WriteAllText(Path.Combine(dir, "Components", "_Imports.razor"), "@using Microsoft.AspNetCore.Components.Web\n@using ConsentKit.Components\n");
        File.WriteAllText(Path.Combine(dir, "Components", "App.razor"), "<p>app</p>\n");
        File.WriteAllText(Path.Combine(dir, "Components", "Routes.razor"), "<p>routes</p>\n");
        // As a Blazor app's Program.cs has `using MyApp.Components;` for its App component.
        File.WriteAllText(Path.Combine(dir, "GlobalUsings.cs"), "global using DocSnippets.Components;\n");
        Directory.CreateDirectory(Path.Combine(dir, "Views", "Snippets"));
        File.WriteAllText(Path.Combine(dir, "Views", "_ViewImports.cshtml"), "@addTagHelper *, Microsoft.AspNetCore.Mvc.TagHelpers\n@addTagHelper *, ConsentKit\n");

        var written = 0;
        foreach (var (snippet, index) in DocSnippets.All().Select((s, i) => (s, i)))
        {
            var name = $"Snippet{index:000}";
            var path = Path.Combine(Cli.RepoRoot, snippet.File);
            switch (snippet.Kind)
            {
                case "skip":
                    continue;
                case "view":
                    File.WriteAllText(Path.Combine(dir, "Views", "Snippets", name + ".cshtml"), $"@* {snippet.Where} *@\n{snippet.Code}\n");
                    break;
                case "component":
                    File.WriteAllText(Path.Combine(dir, "Components", name + ".razor"), $"@* {snippet.Where} *@\n{snippet.Code}\n");
                    break;
                default:
                    File.WriteAllText(Path.Combine(dir, name + ".cs"), CSharp(snippet, name, path));
                    break;
            }

            written++;
        }

        written.Should().BeGreaterThan(20);
        await Cli.RunAsync(dir, ["build", "--configfile", packages.NuGetConfig, "--disable-build-servers", "-nologo", "-clp:ErrorsOnly"], timeoutSeconds: 400);
    }

    /// <summary>A C# block in the context its kind gives it, with #line so that errors point into the document.</summary>
    private static string CSharp(DocSnippets.Snippet snippet, string name, string path)
    {
        var lines = snippet.Code.Split('\n');
        var usings = new StringBuilder();
        var body = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (UsingDirective().IsMatch(lines[i]))
            {
                usings.AppendLine($"#line {snippet.Line + 1 + i} \"{path}\"").AppendLine(lines[i]);
                lines[i] = "";
            }
        }

        body.AppendLine($"#line {snippet.Line + 1} \"{path}\"");
        foreach (var line in lines)
        {
            body.AppendLine(line);
        }

        body.AppendLine("#line default");
        // No using directives beyond the web SDK's implicit ones: a block that needs `using ConsentKit;` says so, as
        // the reader's Program.cs must. Only a block inside AddExternalTransmissionNotice(o => …) takes it as given.
        var header = $"// {snippet.Where}\n{usings}#line default\n" + (snippet.Kind == "options" ? "using ConsentKit;\n" : "");
        return snippet.Kind switch
        {
            // Each whole file in a namespace of its own, so that the same example in two languages does not collide.
            "file" => $"// {snippet.Where}\n{usings}#line default\nnamespace {name}\n{{\n{body}}}\n",
            "options" => $"{header}internal static class {name}\n{{\n    public static void Run(global::ConsentKit.ExternalTransmissionOptions o)\n    {{\n{body}    }}\n}}\n",
            "page-model" => $"{header}internal sealed class {name} : global::Microsoft.AspNetCore.Mvc.RazorPages.PageModel\n{{\n    public async Task OnGetAsync()\n    {{\n{body}    }}\n}}\n",
            _ => $"{header}internal static class {name}\n{{\n    public static async Task Run({ProgramParameters(snippet.Code)})\n    {{\n{body}    }}\n}}\n",
        };
    }

    /// <summary>builder, app and args, unless the block declares them itself.</summary>
    private static string ProgramParameters(string code)
    {
        var parameters = new List<string>();
        if (!Regex.IsMatch(code, @"\bvar\s+args\b"))
        {
            parameters.Add("string[] args");
        }

        if (!Regex.IsMatch(code, @"\bvar\s+builder\b"))
        {
            parameters.Add("WebApplicationBuilder builder");
        }

        if (!Regex.IsMatch(code, @"\bvar\s+app\b"))
        {
            parameters.Add("WebApplication app");
        }

        return string.Join(", ", parameters);
    }

    private static Dictionary<string, string> CentralVersions() =>
        XDocument.Load(Path.Combine(Cli.RepoRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value);

    [GeneratedRegex(@"^\s*using\s+[A-Za-z0-9_.=\s]+;\s*(//.*)?$")]
    private static partial Regex UsingDirective();
}
