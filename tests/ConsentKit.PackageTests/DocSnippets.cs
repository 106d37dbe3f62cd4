using System.Text.RegularExpressions;

namespace ConsentKit.PackageTests;

/// <summary>
/// The C#, cshtml and Razor code blocks of README.md and docs/ja, docs/en. A block compiles as written, in the context its
/// kind gives it. The kind comes from an HTML comment on the line before the fence, <c>&lt;!-- snippet: KIND [NAME] --&gt;</c>:
/// <list type="bullet">
/// <item><c>program</c> (the default for C#): Program.cs statements. <c>builder</c>, <c>app</c> and <c>args</c> are
/// there when the block uses them without declaring them; its <c>using</c> lines apply to it.</item>
/// <item><c>options</c>: the body of <c>AddExternalTransmissionNotice(o => { … })</c>, so <c>o</c> is there.</item>
/// <item><c>page-model</c>: the body of a Razor Pages handler, so <c>HttpContext</c> is there.</item>
/// <item><c>file</c>: a whole C# file (types, <c>using</c> lines).</item>
/// <item><c>view</c> (the default for cshtml): a Razor view under a _ViewImports.cshtml with
/// <c>@addTagHelper *, ConsentKit</c>.</item>
/// <item><c>component</c> (the default for razor): a Razor component under an _Imports.razor with
/// <c>@using ConsentKit.Components</c>.</item>
/// <item><c>skip REASON</c>: not compiled, for the reason given.</item>
/// </list>
/// NAME lets a test find a block, for example the quick start.
/// </summary>
internal static partial class DocSnippets
{
    public sealed record Snippet(string File, int Line, string Language, string Kind, string? Name, string Code)
    {
        public string Where => $"{File}:{Line}";

        public override string ToString() => $"{Where} ({Language}, {Kind})";
    }

    public static IReadOnlyList<string> Files()
    {
        var files = new List<string> { "README.md", Path.Combine("docs", "package-readme.md") };
        foreach (var language in new[] { "ja", "en" })
        {
            files.AddRange(Directory.GetFiles(Path.Combine(Cli.RepoRoot, "docs", language), "*.md")
                .Select(f => Path.GetRelativePath(Cli.RepoRoot, f)).Order(StringComparer.Ordinal));
        }

        return files;
    }

    public static IReadOnlyList<Snippet> All() => Files().SelectMany(Read).ToList();

    public static Snippet Named(string name) => All().Single(s => s.Name == name);

    public static IEnumerable<Snippet> Read(string relativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(Cli.RepoRoot, relativePath));
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var language = fence.Groups["lang"].Value;
            var end = i + 1;
            while (end < lines.Length && !ClosingFence().IsMatch(lines[end]))
            {
                end++;
            }

            if (language is "csharp" or "cs" or "c#" or "cshtml" or "razor")
            {
                var marker = i > 0 ? Marker().Match(lines[i - 1]) : Match.Empty;
                var kind = marker.Success ? marker.Groups["kind"].Value : language switch { "cshtml" => "view", "razor" => "component", _ => "program" };
                var name = marker.Success && marker.Groups["rest"].Success && kind != "skip" ? marker.Groups["rest"].Value.Trim() : null;
                if (kind == "skip" && string.IsNullOrWhiteSpace(marker.Groups["rest"].Value))
                {
                    throw new InvalidOperationException($"{relativePath}:{i + 1}: a skipped snippet says why (<!-- snippet: skip REASON -->)");
                }

                var indent = fence.Groups["indent"].Value.Length;
                var code = string.Join("\n", lines[(i + 1)..end].Select(l => l.Length >= indent && string.IsNullOrWhiteSpace(l[..indent]) ? l[indent..] : l.TrimStart()));
                yield return new Snippet(relativePath, i + 1, language == "cs" || language == "c#" ? "csharp" : language, kind, string.IsNullOrEmpty(name) ? null : name, code);
            }

            i = end;
        }
    }

    [GeneratedRegex(@"^(?<indent>\s*)```(?<lang>[A-Za-z#]+)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*```\s*$")]
    private static partial Regex ClosingFence();

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(?<kind>[a-z-]+)(\s+(?<rest>.*?))?\s*-->\s*$")]
    private static partial Regex Marker();
}
