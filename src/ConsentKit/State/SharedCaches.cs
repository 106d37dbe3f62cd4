using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace ConsentKit;

/// <summary>
/// A response that read the visitor's consent state must not be stored for another visitor. Browsers and proxies
/// follow <c>Cache-Control: private</c>; ASP.NET Core's output cache ignores it and is told through its feature; the
/// response-caching middleware decides when the body starts, before <c>OnStarting</c>, so the headers are set as soon
/// as the state is read and again when the response starts.
/// </summary>
internal static class SharedCaches
{
    public static void Exclude(HttpContext context, bool variesOnGpc)
    {
        // An output-cache policy that varies by ConsentKit's state key keeps one copy per state: it may store the page.
        if (context.Features.Get<IOutputCacheFeature>() is { } outputCache && !ConsentStateKey.IsVaried(context))
        {
            outputCache.Context.AllowCacheStorage = false;
        }

        if (!context.Response.HasStarted)
        {
            MarkPrivate(context, variesOnGpc);
        }
    }

    /// <summary>
    /// The response carries something of this visitor's own (the record cookie, a form token): no output cache may
    /// store it, whatever its policy varies by.
    /// </summary>
    public static void NeverStore(HttpContext context)
    {
        if (context.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            outputCache.Context.AllowCacheStorage = false;
        }
    }

    /// <summary>
    /// The opt-in exception (<see cref="ConsentCachingOptions.FirstVisitMaxAge"/>): a first visit that is the same for
    /// every first visitor may be stored by a CDN or a proxy, keyed by what changes it: the cookies (a visitor with a
    /// record gets another page), the GPC signal and the negotiated language. Left private when the application itself
    /// made the response private or uncacheable. ASP.NET Core's output cache stays excluded: it does not key on
    /// <c>Vary</c> and would serve the first visit to a returning visitor.
    /// </summary>
    public static void AllowFirstVisit(HttpContext context, TimeSpan maxAge, bool variesOnGpc)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        var own = context.Features.Get<ApplicationCacheControl>() is { } saved ? saved.Value : response.Headers.CacheControl.ToString();
        var directives = own.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (directives.Any(d => d.StartsWith("private", StringComparison.OrdinalIgnoreCase) || d.StartsWith("no-store", StringComparison.OrdinalIgnoreCase) || d.StartsWith("no-cache", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var seconds = (long)Math.Max(1, maxAge.TotalSeconds);
        var kept = directives.Where(d => !d.Equals("public", StringComparison.OrdinalIgnoreCase)
            && !d.StartsWith("max-age", StringComparison.OrdinalIgnoreCase) && !d.StartsWith("s-maxage", StringComparison.OrdinalIgnoreCase));
        response.Headers.CacheControl = string.Join(", ", kept.Prepend("max-age=" + seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend("public"));
        AddVary(response.Headers, "Cookie");
        if (variesOnGpc)
        {
            AddVary(response.Headers, "Sec-GPC");
        }

        AddVary(response.Headers, "Accept-Language");
    }

    private static void AddVary(IHeaderDictionary headers, string name)
    {
        foreach (var value in headers.Vary)
        {
            if (value is not null && value.Split(',', StringSplitOptions.TrimEntries).Any(v => v.Equals(name, StringComparison.OrdinalIgnoreCase) || v == "*"))
            {
                return;
            }
        }

        headers.Vary = StringValues.Concat(headers.Vary, name);
    }

    private static void MarkPrivate(HttpContext context, bool variesOnGpc)
    {
        var response = context.Response;
        var headers = response.Headers;
        var cacheControl = headers.CacheControl.ToString();
        if (context.Features.Get<ApplicationCacheControl>() is null)
        {
            // What the application set before ConsentKit made the response private; the first-visit exception reads it.
            context.Features.Set(new ApplicationCacheControl(cacheControl));
        }

        if (cacheControl.Length == 0)
        {
            headers.CacheControl = "private";
        }
        else if (!cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase) && !cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            var directives = cacheControl.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(d => !d.Equals("public", StringComparison.OrdinalIgnoreCase) && !d.StartsWith("s-maxage", StringComparison.OrdinalIgnoreCase));
            headers.CacheControl = string.Join(", ", directives.Prepend("private"));
        }

        var vary = headers.Vary.ToString();
        if (!vary.Contains("Cookie", StringComparison.OrdinalIgnoreCase))
        {
            headers.Vary = StringValues.Concat(headers.Vary, "Cookie");
        }

        if (variesOnGpc && !vary.Contains("Sec-GPC", StringComparison.OrdinalIgnoreCase))
        {
            headers.Vary = StringValues.Concat(headers.Vary, "Sec-GPC");
        }
    }
}

/// <summary>The response's <c>Cache-Control</c> as the application set it, before ConsentKit first marked it private.</summary>
internal sealed record ApplicationCacheControl(string Value);
