using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace ConsentKit;

/// <summary>
/// The integrity list that lets the client script activate only the inert markup the server emitted for this page, in
/// the spirit of subresource integrity: each inert script or gated template gets a SHA-256 over what would run
/// (module id, then the <c>src</c> or the text of each script), and ConsentKit's own script element carries the list.
/// A node planted by an HTML injection matches no digest and stays inert. The same page gives the same list for every
/// visitor in the same state, so the first-visit HTML stays identical. consentkit.js computes the same strings.
/// </summary>
internal static partial class InertDigest
{
    /// <summary>An inert script: module, original src (entity-decoded, as the browser reads it), original type, inline text when there is no src.</summary>
    public static string ForScript(string moduleId, string? src, string? type, string text) =>
        Remembered(string.Join('\n', moduleId, src ?? "", type ?? "", string.IsNullOrEmpty(src) ? text : ""));

    /// <summary>A gated template: module, then for each script inside it its src, or its text when it has none.</summary>
    public static string ForTemplate(string moduleId, string html)
    {
        // The same gate renders the same markup on every page view: its digest is remembered by markup.
        if (html.Length <= MaxRemembered && TemplateDigests.TryGet(html, out var known) && known.Module == moduleId)
        {
            return known.Digest;
        }

        var parts = new List<string> { moduleId };
        foreach (Match script in ScriptPattern().Matches(html))
        {
            var src = SrcPattern().Match(script.Groups[1].Value) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[2].Value) : "";
            parts.Add(src);
            parts.Add(src.Length == 0 ? script.Groups[2].Value : "");
        }

        var digest = Hash([.. parts]);
        if (html.Length <= MaxRemembered)
        {
            TemplateDigests.Set(html, (moduleId, digest));
        }

        return digest;
    }

    /// <summary>The policy hash (<see cref="ScriptHash"/>) of each inline script in a piece of markup, remembered by markup.</summary>
    public static string[] InlineScriptHashes(string html)
    {
        if (html.Length <= MaxRemembered && InlineHashes.TryGet(html, out var known))
        {
            return known;
        }

        var hashes = InlineScriptTexts(html).Select(ScriptHash.Of).ToArray();
        if (html.Length <= MaxRemembered)
        {
            InlineHashes.Set(html, hashes);
        }

        return hashes;
    }

    /// <summary>The text of each inline script (one without <c>src</c>) in a piece of markup.</summary>
    public static IEnumerable<string> InlineScriptTexts(string html)
    {
        foreach (Match script in ScriptPattern().Matches(html))
        {
            if (!SrcPattern().IsMatch(script.Groups[1].Value) && script.Groups[2].Value.Length > 0)
            {
                yield return script.Groups[2].Value;
            }
        }
    }

    /// <summary>An attribute value as the browser will read it.</summary>
    public static string? AttributeText(object? value) => value switch
    {
        null => null,
        string s => s,
        IHtmlContent html => WebUtility.HtmlDecode(Render(html)),
        _ => value.ToString(),
    };

    private static string Render(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    // Digests depend only on their input; markup longer than this is hashed each time rather than kept. At most
    // 768 entries of up to 4K characters each (about 6 MB); gated markup that differs per visitor just churns them.
    private const int MaxRemembered = 4 * 1024;
    private static readonly BoundedCache<string> ScriptDigests = new(capacity: 256, lifetime: TimeSpan.FromHours(1));
    private static readonly BoundedCache<(string Module, string Digest)> TemplateDigests = new(capacity: 256, lifetime: TimeSpan.FromHours(1));
    private static readonly BoundedCache<string[]> InlineHashes = new(capacity: 256, lifetime: TimeSpan.FromHours(1));

    private static string Hash(params string[] parts) => Compute(string.Join('\n', parts));

    private static string Remembered(string joined)
    {
        if (joined.Length > MaxRemembered)
        {
            return Compute(joined);
        }

        if (!ScriptDigests.TryGet(joined, out var digest))
        {
            digest = Compute(joined);
            ScriptDigests.Set(joined, digest);
        }

        return digest;
    }

    private static string Compute(string joined) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));

    [GeneratedRegex(@"<script\b([^>]*)>(.*?)</script\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex(@"\bsrc\s*=\s*([""'])(.*?)\1", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SrcPattern();
}
