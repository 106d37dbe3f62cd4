using ConsentKit.Components.WebAssembly;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ConsentKit's client-safe service, in a Blazor <c>.Client</c> project.</summary>
public static class ConsentClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IExternalTransmissionConsent"/> for Interactive WebAssembly and Auto components: the visitor's
    /// state arrives from prerendering with <c>PersistentComponentState</c>; choices are posted by the browser.
    /// Call it in the <c>.Client</c> project's <c>Program.cs</c>; the server's <c>AddRazorComponents()</c> calls it too.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddExternalTransmissionConsent(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<IExternalTransmissionConsent, BrowserConsent>();
        return services;
    }
}
