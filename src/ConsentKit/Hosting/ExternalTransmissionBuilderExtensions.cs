using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsentKit;

/// <summary>Optional parts, chained on <c>AddExternalTransmissionNotice()</c>.</summary>
public static class ExternalTransmissionBuilderExtensions
{
    /// <summary>
    /// Sends every consent record to <typeparamref name="TRecorder"/> instead of the log, for example to keep them in a
    /// database. Registered as a singleton; it replaces the default recorder whatever the registration order.
    /// </summary>
    /// <typeparam name="TRecorder">The recorder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExternalTransmissionBuilder AddConsentRecorder<TRecorder>(this IExternalTransmissionBuilder builder)
        where TRecorder : class, IConsentRecorder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IConsentRecorder, TRecorder>());
        return builder;
    }
}
