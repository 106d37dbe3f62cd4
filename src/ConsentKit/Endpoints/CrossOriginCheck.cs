using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>Why <see cref="CrossOriginCheck"/> let a request through or refused it.</summary>
internal enum CrossOriginVerdict
{
    /// <summary>A safe method (GET, HEAD, OPTIONS): it changes nothing.</summary>
    SafeMethod,

    /// <summary><c>Sec-Fetch-Site: same-origin</c>, or <c>none</c> (the visitor typed the address or used a bookmark).</summary>
    SameOrigin,

    /// <summary>No <c>Sec-Fetch-Site</c>; <c>Origin</c> names this host.</summary>
    OriginMatches,

    /// <summary>Neither header: not a browser, or a browser too old to send either (its form posts are same-site by construction).</summary>
    NoBrowserHeaders,

    /// <summary>The origin is one the site trusts (<see cref="ConsentFormOptions.TrustedOrigins"/>).</summary>
    TrustedOrigin,

    /// <summary>Refused: <c>Sec-Fetch-Site</c> is <c>cross-site</c>, <c>same-site</c> or something unknown.</summary>
    CrossSite,

    /// <summary>Refused: no <c>Sec-Fetch-Site</c>, and <c>Origin</c> names another host, or is <c>null</c> or malformed.</summary>
    OriginMismatch,
}

/// <summary>
/// Tells the site's own requests from another site's without a token, as Go's <c>http.CrossOriginProtection</c> does:
/// browsers say where a request comes from in <c>Sec-Fetch-Site</c> (all current ones) or, failing that, in
/// <c>Origin</c> (on every cross-origin POST since 2020). A sibling subdomain (<c>same-site</c>) is refused too: it
/// may be run by someone else. Only an unsafe method is checked.
/// </summary>
internal static class CrossOriginCheck
{
    public static CrossOriginVerdict Evaluate(HttpRequest request, FrozenSet<string> trusted)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return CrossOriginVerdict.SafeMethod;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (site.Length > 0)
        {
            if (site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) || site.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return CrossOriginVerdict.SameOrigin;
            }

            return IsTrusted(origin, trusted) ? CrossOriginVerdict.TrustedOrigin : CrossOriginVerdict.CrossSite;
        }

        if (origin.Length == 0)
        {
            return CrossOriginVerdict.NoBrowserHeaders;
        }

        if (OriginMatchesHost(origin, request))
        {
            return CrossOriginVerdict.OriginMatches;
        }

        return IsTrusted(origin, trusted) ? CrossOriginVerdict.TrustedOrigin : CrossOriginVerdict.OriginMismatch;
    }

    public static bool IsAllowed(CrossOriginVerdict verdict) => verdict is not (CrossOriginVerdict.CrossSite or CrossOriginVerdict.OriginMismatch);

    /// <summary>
    /// <c>scheme://host[:port]</c> in lower case, without the default port; <see langword="null"/> for anything that is
    /// not an http(s) origin (<c>null</c>, a path, user info, a query).
    /// </summary>
    public static string? NormalizeOrigin(string? origin)
    {
        if (string.IsNullOrWhiteSpace(origin) || !Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        return uri.Scheme + "://" + uri.Host.ToLowerInvariant() + (uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Origin's host and port equal the request's <c>Host</c>. The scheme counts one way only: a page served over plain
    /// HTTP (which anyone on the network can alter) may not post to the HTTPS site; an HTTPS page posting to a request
    /// the server sees as HTTP is a proxy that terminates TLS without forwarded headers, and is let through.
    /// </summary>
    private static bool OriginMatchesHost(string origin, HttpRequest request)
    {
        if (NormalizeOrigin(origin) is not { } normalized || !request.Host.HasValue)
        {
            return false;
        }

        var separator = normalized.IndexOf("://", StringComparison.Ordinal);
        var scheme = normalized[..separator];
        var hostAndPort = normalized[(separator + 3)..];
        if (request.IsHttps && scheme == Uri.UriSchemeHttp)
        {
            return false;
        }

        return string.Equals(hostAndPort, RequestHost(request, scheme), StringComparison.Ordinal);
    }

    /// <summary>The request's host[:port] in the origin's terms: lower case, the origin scheme's default port left out.</summary>
    private static string RequestHost(HttpRequest request, string scheme)
    {
        var host = request.Host.Host.ToLowerInvariant();
        if (request.Host.Port is not { } port)
        {
            return host;
        }

        var defaultPort = scheme == Uri.UriSchemeHttps ? 443 : 80;
        return port == defaultPort ? host : host + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsTrusted(string origin, FrozenSet<string> trusted) =>
        trusted.Count > 0 && NormalizeOrigin(origin) is { } normalized && trusted.Contains(normalized);
}
