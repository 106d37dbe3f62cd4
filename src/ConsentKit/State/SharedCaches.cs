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
            MarkPrivate(context.Response, variesOnGpc);
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

    private static void MarkPrivate(HttpResponse response, bool variesOnGpc)
    {
        var headers = response.Headers;
        var cacheControl = headers.CacheControl.ToString();
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
