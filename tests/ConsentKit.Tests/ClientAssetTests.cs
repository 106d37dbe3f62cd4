namespace ConsentKit.Tests;

/// <summary>
/// Issue 17: the repository keeps a readable client script (<c>src/ConsentKit/Assets/consentkit.js</c>); the file the
/// platform and ConsentKit's own endpoint serve is <c>wwwroot/consentkit.js</c>, the same without comment lines and
/// indentation. Both must say the same thing.
/// </summary>
public sealed class ClientAssetTests
{
    [Fact]
    public void The_shipped_script_is_the_readable_source_shrunk()
    {
        var root = Path.Combine(CatalogueTests.RepositoryRoot(), "src", "ConsentKit");
        var source = File.ReadAllBytes(Path.Combine(root, "Assets", "consentkit.js"));
        var shipped = Path.Combine(root, "wwwroot", "consentkit.js");
        var expected = StaticAsset.Shrink(source);
        if (Environment.GetEnvironmentVariable("CONSENTKIT_UPDATE_ASSETS") == "1")
        {
            File.WriteAllBytes(shipped, expected);
        }

        File.ReadAllBytes(shipped).Should().Equal(expected,
            "wwwroot/consentkit.js is generated from Assets/consentkit.js: run this test with CONSENTKIT_UPDATE_ASSETS=1 after editing the source");
    }

    [Theory]
    [InlineData("consentkit.js")]
    [InlineData("consentkit.css")]
    public void The_embedded_fallback_serves_the_same_bytes_as_the_static_web_asset(string file)
    {
        var onDisk = File.ReadAllBytes(Path.Combine(CatalogueTests.RepositoryRoot(), "src", "ConsentKit", "wwwroot", file));
        var asset = StaticAsset.Load(file, "text/plain");
        asset.Content.Should().Equal(onDisk, "the platform's _content/ConsentKit/ file and ConsentKit's own endpoint must not differ");
        asset.FileName.Should().MatchRegex(@"^consentkit\.[0-9a-f]{12}\.(js|css)$");
    }
}
