using ConsentKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ConsentKit.</summary>
public static class ExternalTransmissionServiceCollectionExtensions
{
    /// <summary>
    /// Registers ConsentKit with declarations from the <c>ConsentKit</c> configuration section only.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>A builder for ConsentKit's optional parts.</returns>
    public static IExternalTransmissionBuilder AddExternalTransmissionNotice(this IServiceCollection services)
        => services.AddExternalTransmissionNotice(ExternalTransmissionOptions.SectionName, null);

    /// <summary>
    /// Registers ConsentKit. Declarations come from <paramref name="configure"/> first, then from the
    /// <c>ConsentKit</c> configuration section, which can override any module by its id
    /// (for example <c>ConsentKit__Modules__google-analytics__Measure=Consent</c>). Declarations that break the
    /// law stop the application at startup with every problem listed.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Declares the operator and modules in code.</param>
    /// <returns>A builder for ConsentKit's optional parts.</returns>
    public static IExternalTransmissionBuilder AddExternalTransmissionNotice(this IServiceCollection services, Action<ExternalTransmissionOptions> configure)
        => services.AddExternalTransmissionNotice(ExternalTransmissionOptions.SectionName, configure);

    /// <summary>
    /// Registers ConsentKit with declarations from the given configuration section only (for example
    /// <c>builder.Configuration.GetSection("ConsentKit")</c>).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The configuration section that holds ConsentKit's settings.</param>
    /// <returns>A builder for ConsentKit's optional parts.</returns>
    public static IExternalTransmissionBuilder AddExternalTransmissionNotice(this IServiceCollection services, IConfiguration configuration)
        => services.AddExternalTransmissionNotice(configuration, null);

    /// <summary>
    /// Registers ConsentKit, reading declarations from the given configuration section (for example
    /// <c>builder.Configuration.GetSection("ConsentKit")</c>), as <c>Configure&lt;T&gt;(IConfiguration)</c> does. Code
    /// declarations from <paramref name="configure"/> apply first; the section overrides them by module id.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The configuration section that holds ConsentKit's settings.</param>
    /// <param name="configure">Declares the operator and modules in code, or <see langword="null"/>.</param>
    /// <returns>A builder for ConsentKit's optional parts.</returns>
    public static IExternalTransmissionBuilder AddExternalTransmissionNotice(this IServiceCollection services, IConfiguration configuration, Action<ExternalTransmissionOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddCore(configure, _ => configuration);
    }

    /// <summary>Registers ConsentKit, reading declarations from the named configuration section.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configurationSectionPath">The configuration section, for example <c>ConsentKit</c>.</param>
    /// <param name="configure">Declares the operator and modules in code, or <see langword="null"/>.</param>
    /// <returns>A builder for ConsentKit's optional parts.</returns>
    public static IExternalTransmissionBuilder AddExternalTransmissionNotice(this IServiceCollection services, string configurationSectionPath, Action<ExternalTransmissionOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(configurationSectionPath);
        return services.AddCore(configure, sp => sp.GetService<IConfiguration>()?.GetSection(configurationSectionPath));
    }

    private static IExternalTransmissionBuilder AddCore(this IServiceCollection services, Action<ExternalTransmissionOptions>? configure, Func<IServiceProvider, IConfiguration?> section)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<ExternalTransmissionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Configuration is applied after code, so appsettings.{Environment}.json and environment variables win.
        services.AddSingleton<IConfigureOptions<ExternalTransmissionOptions>>(sp => new ConfigureFromConfiguration(section(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExternalTransmissionOptions>, ExternalTransmissionOptionsValidator>());
        options.ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TransmissionCatalog(sp.GetRequiredService<IOptions<ExternalTransmissionOptions>>().Value));
        services.TryAddSingleton(sp => new NoticeDocuments(sp.GetRequiredService<TransmissionCatalog>()));
        services.AddDataProtection();
        services.AddAntiforgery();
        services.TryAddSingleton(sp => new ConsentRecordCodec(
            sp.GetRequiredService<IDataProtectionProvider>(), sp.GetService<IHostEnvironment>()?.ApplicationName, sp.GetService<IKeyManager>(), RecordMacKeysFrom(sp)));
        services.TryAddSingleton<FormTokens>();
        services.TryAddSingleton(sp => new StaticWebAssetLinks(sp.GetService<Microsoft.Extensions.Logging.ILogger<StaticWebAssetLinks>>(), sp));
        services.TryAddSingleton(sp => new ConsentLinks(
            sp.GetRequiredService<TransmissionCatalog>(), sp.GetRequiredService<NoticeDocuments>(), sp.GetService<Microsoft.AspNetCore.Routing.LinkGenerator>(),
            sp.GetRequiredService<StaticWebAssetLinks>()));
        services.TryAddSingleton(sp => new ConsentMarkup(
            sp.GetRequiredService<TransmissionCatalog>(), sp.GetRequiredService<NoticeDocuments>(), sp.GetRequiredService<ConsentLinks>(), sp.GetRequiredService<FormTokens>()));
        services.TryAddSingleton<NoticeChoiceTemplates>();
        services.TryAddSingleton<IConsentRecorder, LoggingConsentRecorder>();

        // State: the record cookie, the decisions, the proof, and the work done when a response starts.
        services.TryAddSingleton<RecordCookieStore>();
        services.TryAddSingleton<ConsentProof>();
        services.TryAddSingleton<StoredDecisions>();
        services.TryAddSingleton<ConsentDecisions>();
        services.TryAddSingleton<NoticeLinkCheck>();
        services.TryAddSingleton<ResponseStartWork>();
        services.TryAddSingleton<StatusViews>();
        services.TryAddSingleton<ExternalTransmissionServices>();

        // The Content Security Policy from the declarations, and the reports of what it blocked.
        services.AddMetrics();
        services.TryAddSingleton<PolicyTable>();
        services.TryAddSingleton<PolicyHeaderWriter>();
        services.TryAddSingleton<PolicyMetrics>();
        services.TryAddSingleton<ViolationLog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookiePolicyOptions>, CookiePolicyIntegration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupChecks>());
        return new ExternalTransmissionBuilder(services);
    }

    /// <summary>The v3 signing keys from the application's key ring; none when the application has no key manager.</summary>
    private static RecordMacKeys? RecordMacKeysFrom(IServiceProvider sp) =>
        sp.GetService<IKeyManager>() is { } keyManager
            ? new RecordMacKeys(keyManager, sp.GetService<IKeyRingProvider>(), sp.GetApplicationUniqueIdentifier(), sp.GetService<IHostEnvironment>()?.ApplicationName)
            : null;

    private sealed class ConfigureFromConfiguration(IConfiguration? section) : IConfigureOptions<ExternalTransmissionOptions>
    {
        public void Configure(ExternalTransmissionOptions options)
        {
            if (section is not null)
            {
                DeclarationConfigurationReader.Apply(section, options);
            }
        }
    }
}
