using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ConsentKit;

/// <summary>
/// Antiforgery request tokens for ConsentKit's forms. Generating one costs Data Protection work on every page that
/// shows the banner or the notice controls. A request token stays valid for as long as the antiforgery cookie it was
/// made for (and the same user), so one is reused per cookie and user name, always keyed by the cookie it is bound to.
/// </summary>
internal sealed class FormTokens(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> options)
{
    private readonly BoundedCache<string> _tokens = new(capacity: 4096, lifetime: TimeSpan.FromMinutes(20));
    private readonly string? _cookieName = options.Value.Cookie.Name;

    public string FieldName { get; } = options.Value.FormFieldName;

    /// <summary>The request token, and the antiforgery cookie value it is bound to (for cache validators such as ETags).</summary>
    public (string Token, string? BoundCookie) For(HttpContext context)
    {
        // A token is this visitor's own: a page that carries one is never stored by an output cache.
        SharedCaches.NeverStore(context);
        var existing = _cookieName is null ? null : context.Request.Cookies[_cookieName];
        var key = existing is null ? null : existing + "\n" + context.User.Identity?.Name;
        if (key is not null && _tokens.TryGet(key, out var cached))
        {
            // What the framework would have added: a form must not be framed by another site (clickjacking).
            if (!options.Value.SuppressXFrameOptionsHeader && !context.Response.Headers.ContainsKey("X-Frame-Options"))
            {
                context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            }

            return (cached, existing);
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        var token = tokens.RequestToken ?? "";

        // CookieToken is set when the framework issued a new cookie (none, or an invalid one, came in): the token is
        // bound to that new value, which is what the visitor sends next.
        var bound = tokens.CookieToken ?? existing;
        if (bound is not null && token.Length > 0)
        {
            _tokens.Set(bound + "\n" + context.User.Identity?.Name, token);
        }

        return (token, bound);
    }
}
