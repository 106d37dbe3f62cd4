using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace ConsentKit;

/// <summary>A client file shipped inside the assembly, served with a content hash in its URL and pre-compressed.</summary>
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
        var content = copy.ToArray();
        return new StaticAsset(resourceName, contentType, resourceName.EndsWith(".js", StringComparison.Ordinal) ? Shrink(content) : content);
    }

    /// <summary>
    /// The repository keeps a readable script; browsers get it without whole-line <c>//</c> comments and indentation.
    /// Nothing else changes (the script has no multi-line strings or templates), so behaviour is the source's.
    /// </summary>
    private static byte[] Shrink(byte[] script)
    {
        var lines = System.Text.Encoding.UTF8.GetString(script).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }
}
