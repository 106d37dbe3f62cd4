using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>Lets ASP.NET Core's output cache store pages that read the visitor's consent state, one copy per state.</summary>
public static class ConsentOutputCacheExtensions
{
    /// <summary>
    /// Keeps a separate cached copy for each consent state (every module's status, the Global Privacy Control signal
    /// and the notice language), so a page rendered for a visitor who accepted is never served to one who did not.
    /// Without this, ConsentKit forbids the output cache to store any response that read the state.
    /// Responses that carry something of one visitor's own (the record cookie being written, a form token) are still
    /// never stored. While ConsentKit writes the Content-Security-Policy header itself, nothing that read the state is
    /// stored (the output cache keeps the headers from before the policy is known); a warning says so once. For example:
    /// <code>
    /// builder.Services.AddOutputCache(o =&gt; o.AddPolicy("consent", b =&gt; b.Expire(TimeSpan.FromMinutes(5)).VaryByConsentState()));
    /// </code>
    /// </summary>
    /// <param name="builder">The policy being built.</param>
    /// <returns>The builder, for chaining.</returns>
    public static OutputCachePolicyBuilder VaryByConsentState(this OutputCachePolicyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPolicy(typeof(ConsentStateCachePolicy));
    }
}

/// <summary>The output-cache policy behind <see cref="ConsentOutputCacheExtensions.VaryByConsentState"/>.</summary>
internal sealed class ConsentStateCachePolicy(PolicyHeaderWriter policy, TransmissionCatalog catalog, ILogger<ConsentStateCachePolicy> logger) : IOutputCachePolicy
{
    private int _warned;

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // The output cache copies the headers at the first byte of the body, before the response's OnStarting callbacks,
        // where ConsentKit writes its policy (the script hashes are known only once the page has rendered). A stored copy
        // would go out without it, or with one that blocks its scripts: while ConsentKit writes the policy, nothing
        // that read the state is stored (said once in the log).
        var storable = policy.Mode == ContentSecurityPolicyMode.Off || !catalog.WritePolicyHeader;
        if (!storable && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Log.OutputCacheHeldBackByPolicy(logger);
        }

        context.CacheVaryByRules.VaryByValues["consentkit"] = ConsentStateKey.For(context.HttpContext, varied: storable);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
