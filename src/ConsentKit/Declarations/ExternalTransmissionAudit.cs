using System.Net;
using System.Text.RegularExpressions;

namespace ConsentKit;

/// <summary>
/// Checks rendered pages against the declarations (R34): finds resources that would make the browser contact a host
/// that no module declares. Use it in your own tests on every page, so a tag added without a declaration fails the build:
/// <code>ExternalTransmissionAudit.FindUndeclaredResources(html, options).Should().BeEmpty();</code>
/// It reads resource attributes (<c>src</c>, <c>data-ck-src</c>, <c>srcset</c>, <c>poster</c>, and <c>href</c> on
/// stylesheet, preload and preconnect links), including inert ones inside templates. Navigation links, form actions and
/// URLs inside scripts are not requests the page makes by itself and are not read.
/// </summary>
public static partial class ExternalTransmissionAudit
{
    private static readonly HashSet<string> ResourceLinkRels = new(StringComparer.OrdinalIgnoreCase)
    {
        "stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon", "manifest",
    };

    /// <summary>Resource URLs in <paramref name="html"/> whose host is neither declared by a module nor first-party.</summary>
    /// <param name="html">A rendered page.</param>
    /// <param name="options">The site's declarations (their hosts and the operator's first-party hosts count as declared).</param>
    /// <param name="alsoAllowed">More hosts to accept, such as the test server's.</param>
    /// <returns>Each undeclared resource once, in page order.</returns>
    public static IReadOnlyList<Uri> FindUndeclaredResources(string html, ExternalTransmissionOptions options, params string[] alsoAllowed)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(options);
        var allowed = options.Modules.SelectMany(m => m.Hosts)
            .Concat(options.Operator.FirstPartyHosts)
            .Concat(alsoAllowed)
            .Select(h => DeclarationText.NormalizeHost(h) ?? h)
            .ToList();

        var found = new List<Uri>();
        foreach (var (uri, _) in ResourcesIn(html))
        {
            if (!allowed.Any(h => DeclarationText.HostMatches(h, uri.IdnHost)) && !found.Contains(uri))
            {
                found.Add(uri);
            }
        }

        return found;
    }

    /// <summary>
    /// Like <see cref="FindUndeclaredResources"/>, and each resource comes with the catalogue entries that know its host,
    /// so a failing test can say which entry to declare: <c>"Known": "meta-pixel"</c>.
    /// </summary>
    /// <param name="html">A rendered page.</param>
    /// <param name="options">The site's declarations.</param>
    /// <param name="alsoAllowed">More hosts to accept, such as the test server's.</param>
    /// <returns>Each undeclared resource once, in page order, with its suggestions.</returns>
    public static IReadOnlyList<UndeclaredResource> FindUndeclaredResourcesWithSuggestions(string html, ExternalTransmissionOptions options, params string[] alsoAllowed) =>
        FindUndeclaredResources(html, options, alsoAllowed).Select(u => new UndeclaredResource(u, KnownModules.FindByHost(u.Host))).ToArray();

    /// <summary>The ids of the declared modules whose hosts cover <paramref name="host"/> (wildcards included), in declaration order.</summary>
    /// <param name="host">A host name, for example <c>www.googletagmanager.com</c>.</param>
    /// <param name="options">The site's declarations.</param>
    /// <returns>The module ids; empty when no module declares the host.</returns>
    public static IReadOnlyList<string> FindModulesForHost(string host, ExternalTransmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var normalized = DeclarationText.NormalizeHost(host) ?? host;
        return options.Modules.Where(m => m.Hosts.Any(h => DeclarationText.HostMatches(DeclarationText.NormalizeHost(h) ?? h, normalized))).Select(m => m.Id).ToArray();
    }

    /// <summary>
    /// Absolute resource URLs the browser would load from <paramref name="html"/> as it stands: outside
    /// <c>&lt;template&gt;</c> and not in inert scripts (<c>data-ck-src</c>, <c>type="text/plain"</c>). Markup inside
    /// <c>&lt;noscript&gt;</c> counts, since a visitor without JavaScript loads it.
    /// </summary>
    /// <param name="html">A rendered page.</param>
    /// <returns>Each runnable resource once, in page order.</returns>
    public static IReadOnlyList<Uri> FindRunnableResources(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return ResourcesIn(html).Where(r => r.Runnable).Select(r => r.Uri).Distinct().ToArray();
    }

    /// <summary>Every absolute http(s) resource URL in the page, and whether it loads as the page stands.</summary>
    private static IEnumerable<(Uri Uri, bool Runnable)> ResourcesIn(string html)
    {
        var templates = TemplatePattern().Matches(html).Select(m => (Start: m.Index, End: m.Index + m.Length)).ToArray();
        foreach (Match tag in TagPattern().Matches(html))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match attribute in AttributePattern().Matches(tag.Groups["attrs"].Value))
            {
                // Like a browser, the first of repeated attributes wins.
                attributes.TryAdd(attribute.Groups["name"].Value.ToLowerInvariant(), WebUtility.HtmlDecode(attribute.Groups["value"].Value));
            }

            var inert = templates.Any(t => tag.Index > t.Start && tag.Index < t.End)
                || (name == "script" && attributes.TryGetValue("type", out var type) && type.Trim().Equals("text/plain", StringComparison.OrdinalIgnoreCase));
            foreach (var url in ResourceUrls(name, attributes))
            {
                if (Uri.TryCreate(url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    yield return (uri, !inert && !attributes.ContainsKey(ConsentProtocol.Attributes.Src));
                }
            }
        }
    }

    private static IEnumerable<string> ResourceUrls(string tag, Dictionary<string, string> attributes)
    {
        foreach (var attribute in new[] { "src", ConsentProtocol.Attributes.Src, "poster" })
        {
            if (attributes.TryGetValue(attribute, out var value))
            {
                yield return value.Trim();
            }
        }

        if (attributes.TryGetValue("srcset", out var srcset))
        {
            foreach (var candidate in srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return candidate.Split(' ', 2)[0];
            }
        }

        if (tag == "link" && attributes.TryGetValue("href", out var href)
            && attributes.TryGetValue("rel", out var rel)
            && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(ResourceLinkRels.Contains))
        {
            yield return href.Trim();
        }
    }

    [GeneratedRegex(@"<template\b.*?</template\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TemplatePattern();

    [GeneratedRegex(@"<(?<name>[a-zA-Z][a-zA-Z0-9-]*)(?<attrs>(?:[^>""']|""[^""]*""|'[^']*')*)>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"(?<name>[^\s=""'<>/]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s""'=<>`]+))")]
    private static partial Regex AttributePattern();
}
