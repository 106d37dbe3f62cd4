using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit;

/// <summary>
/// With <c>UseCookiePolicy()</c>, a cookie the app appends whose name a module declares is issued only while that
/// module is allowed. Chains any <c>OnAppendCookie</c> the app set; never replaces it.
/// </summary>
internal sealed class CookiePolicyIntegration(TransmissionCatalog catalog, ILogger<CookiePolicyIntegration> logger) : IPostConfigureOptions<CookiePolicyOptions>
{
    private readonly (string Pattern, ModuleDescriptor Module)[] _patterns =
        catalog.Modules.SelectMany(m => m.Cookies.Select(c => (c, m))).ToArray();

    public void PostConfigure(string? name, CookiePolicyOptions options)
    {
        if (_patterns.Length == 0)
        {
            return;
        }

        var previous = options.OnAppendCookie;
        options.OnAppendCookie = context =>
        {
            previous?.Invoke(context);
            if (context.IssueCookie)
            {
                Apply(context);
            }
        };
    }

    private void Apply(AppendCookieContext context)
    {
        foreach (var (pattern, module) in _patterns)
        {
            if (!CookiePattern.Matches(pattern, context.CookieName))
            {
                continue;
            }

            var feature = context.Context.GetExternalTransmissionInternal();
            var status = feature.StatusOf(module);
            if (!status.IsAllowed())
            {
                context.IssueCookie = false;
                Log.CookieSuppressed(logger, context.CookieName, module.Id, status);
            }

            return;
        }
    }
}
