using ConsentKit;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reach this request's external-transmission state from any code that has the <see cref="HttpContext"/>.</summary>
public static class ExternalTransmissionHttpContextExtensions
{
    /// <summary>
    /// This request's state for every declared module. Server code that sends data itself, for example a
    /// measurement API call, asks the same question the gates ask: <c>HttpContext.GetExternalTransmission().IsAllowed("ga4")</c>.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The feature; created on first use when <c>UseExternalTransmissionNotice</c> did not run.</returns>
    public static IExternalTransmissionFeature GetExternalTransmission(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IExternalTransmissionFeature>() is { } feature)
        {
            return feature;
        }

        var services = context.RequestServices.GetService<ExternalTransmissionServices>()
            ?? throw new InvalidOperationException("ConsentKit is not registered. Call services.AddExternalTransmissionNotice() at startup.");
        feature = services.Create(context);
        context.Features.Set(feature);
        return feature;
    }

    /// <summary>
    /// This response's Content Security Policy as ConsentKit derives it from the declarations and this visitor's state:
    /// the sources per directive, the hashes of ConsentKit's inline scripts, the nonce and the report path. For a site
    /// that writes one policy of its own (for example with NetEscapades.AspNetCore.SecurityHeaders): set
    /// <see cref="ContentSecurityPolicyOptions.WriteHeader"/> to <see langword="false"/> and read this when the
    /// response starts, after the page has rendered (its script hashes are known then).
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The policy; reading it reads the visitor's state.</returns>
    public static ExternalTransmissionPolicy GetContentSecurityPolicy(this HttpContext context) => context.GetExternalTransmissionInternal().Policy();

    internal static ExternalTransmissionFeature GetExternalTransmissionInternal(this HttpContext context) =>
        context.GetExternalTransmission() as ExternalTransmissionFeature
            ?? throw new InvalidOperationException("The IExternalTransmissionFeature on this request was replaced by another implementation.");
}
