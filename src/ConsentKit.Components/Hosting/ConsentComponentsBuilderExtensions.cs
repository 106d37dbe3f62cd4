using ConsentKit.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsentKit;

/// <summary>Adds ConsentKit's Razor components, chained on <c>AddExternalTransmissionNotice()</c>.</summary>
public static class ConsentComponentsBuilderExtensions
{
    /// <summary>
    /// Registers what the components in <c>ConsentKit.Components</c> need: the cascading <see cref="ConsentState"/>
    /// (carried from prerendering into interactive rendering) and <see cref="IExternalTransmissionConsent"/>; for the
    /// client-safe components of <c>ConsentKit.Components.WebAssembly</c>, their service and the state they carry from
    /// prerendering into Interactive WebAssembly and Auto renders.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddExternalTransmissionNotice()</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExternalTransmissionBuilder AddRazorComponents(this IExternalTransmissionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.TryAddScoped<ComponentServices>();
        services.TryAddScoped<ConsentStateStore>();
        services.TryAddScoped<IExternalTransmissionConsent, ExternalTransmissionConsent>();
        services.AddCascadingValue(sp => sp.GetRequiredService<ConsentStateStore>().Source);

        // Interactive WebAssembly and Auto components (ConsentKit.Components.WebAssembly) prerendered here.
        services.TryAddScoped<ConsentKit.Components.WebAssembly.IPrerenderedConsentSource, RequestConsentSource>();
        services.AddExternalTransmissionConsent();
        return builder;
    }
}
