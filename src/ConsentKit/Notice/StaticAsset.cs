using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace ConsentKit;

/// <summary>
/// A client file shipped inside the assembly, served by ConsentKit's own asset endpoint with a content hash in its URL
/// and pre-compressed: the fallback where the platform has no asset collection (.NET 8, or no <c>MapStaticAssets</c>).
/// The same bytes are the static web asset <c>_content/ConsentKit/{name}</c> (<see cref="StaticWebAssetLinks"/>).
/// </summary>
internal sealed class StaticAsset
{
    private StaticAsset(string fileName, string contentType, byte[] content)
    {
        Content = content;
        ContentType = contentType;
        var hash = Convert.ToHexString(SHA256.HashData(content), 0, 6).ToLowerInvariant();
        ETag = "\"" + hash + "\"";
        var dot = fileName.LastIndexOf('.');
        FileName = fileName[..dot] + "." + hash + fileName[dot..];
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zip.Write(content);
        }

        Gzipped = gz.ToArray();
    }

    /// <summary>File name with its hash, for example <c>consentkit.1a2b3c4d5e6f.css</c>.</summary>
    public string FileName { get; }

    public string ContentType { get; }

    public byte[] Content { get; }

    public byte[] Gzipped { get; }

    public string ETag { get; }

    public static StaticAsset Load(string resourceName, string contentType)
    {
        using var stream = typeof(StaticAsset).Assembly.GetManifestResourceStream("ConsentKit." + resourceName)
            ?? throw new InvalidOperationException($"ConsentKit asset '{resourceName}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new StaticAsset(resourceName, contentType, copy.ToArray());
    }

    /// <summary>
    /// The repository keeps a readable script (<c>Assets/consentkit.js</c>); browsers get <c>wwwroot/consentkit.js</c>,
    /// the same without whole-line <c>//</c> comments and indentation, which a test checks is this function's output.
    /// Nothing else changes (the script has no multi-line strings or templates), so behaviour is the source's.
    /// </summary>
    internal static byte[] Shrink(byte[] script)
    {
        var lines = System.Text.Encoding.UTF8.GetString(script).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }
}
