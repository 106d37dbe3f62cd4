using System.Security.Cryptography;
using System.Text;

namespace ConsentKit;

/// <summary>
/// The CSP hash source of an inline script: <c>'sha256-…'</c> over its text as the browser reads it (UTF-8, line
/// breaks normalised to LF as the HTML parser does). The same page gives the same hashes for every visitor in the
/// same state, so the first-visit HTML needs no per-request nonce.
/// </summary>
internal static class ScriptHash
{
    private static readonly BoundedCache<string> Cache = new(capacity: 512, lifetime: TimeSpan.FromHours(1));

    public static string Of(string text)
    {
        if (Cache.TryGet(text, out var hash))
        {
            return hash;
        }

        var normalised = text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
        hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))) + "'";
        Cache.Set(text, hash);
        return hash;
    }
}
