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
        foreach (Match tag in TagPattern().Matches(html))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match attribute in AttributePattern().Matches(tag.Groups["attrs"].Value))
            {
                // Like a browser, the first of repeated attributes wins.
                attributes.TryAdd(attribute.Groups["name"].Value.ToLowerInvariant(), WebUtility.HtmlDecode(attribute.Groups["value"].Value));
            }

            foreach (var url in ResourceUrls(name, attributes))
            {
                if (Uri.TryCreate(url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    && !allowed.Any(h => DeclarationValidator.HostMatches(h, uri.IdnHost))
                    && !found.Contains(uri))
                {
                    found.Add(uri);
                }
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

    [GeneratedRegex(@"<(?<name>[a-zA-Z][a-zA-Z0-9-]*)(?<attrs>(?:[^>""']|""[^""]*""|'[^']*')*)>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"(?<name>[^\s=""'<>/]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s""'=<>`]+))")]
    private static partial Regex AttributePattern();
}
