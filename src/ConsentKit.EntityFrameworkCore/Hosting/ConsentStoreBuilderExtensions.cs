using ConsentKit;
using ConsentKit.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Entity Framework Core consent store, chained on <c>AddExternalTransmissionNotice()</c>.</summary>
public static class ConsentStoreBuilderExtensions
{
    /// <summary>
    /// Keeps proof of every decision, the current decisions per receipt and (by default) the Data Protection key ring
    /// in the database named by <c>ConsentKit:Store:Provider</c> (<c>Sqlite</c> or <c>PostgreSQL</c>) and
    /// <c>ConsentKit:Store:ConnectionString</c>. Replaces the logging recorder.
    /// </summary>
    /// <param name="builder">The ConsentKit builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExternalTransmissionBuilder AddEntityFrameworkCoreStore(this IExternalTransmissionBuilder builder)
        => builder.AddEntityFrameworkCoreStore(null, null);

    /// <summary>Adds the consent store on the database <paramref name="configureDbContext"/> chooses (<c>UseSqlite</c> or <c>UseNpgsql</c>).</summary>
    /// <param name="builder">The ConsentKit builder.</param>
    /// <param name="configureDbContext">Chooses the provider and connection.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExternalTransmissionBuilder AddEntityFrameworkCoreStore(this IExternalTransmissionBuilder builder, Action<DbContextOptionsBuilder> configureDbContext)
        => builder.AddEntityFrameworkCoreStore(configureDbContext, null);

    /// <summary>Adds the consent store. <paramref name="configureDbContext"/>, when given, wins over the provider and connection settings.</summary>
    /// <param name="builder">The ConsentKit builder.</param>
    /// <param name="configureDbContext">Chooses the provider and connection, or <see langword="null"/> to read them from configuration.</param>
    /// <param name="configureStore">Store settings in code; configuration (<c>ConsentKit:Store</c>) is applied after it.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExternalTransmissionBuilder AddEntityFrameworkCoreStore(this IExternalTransmissionBuilder builder, Action<DbContextOptionsBuilder>? configureDbContext, Action<ConsentStoreOptions>? configureStore)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        AddStoreServices(services, configureStore, needsProvider: configureDbContext is null);
        services.TryAddSingleton<StoreContextFactory>(sp => OwnContexts.Create(sp, configureDbContext));
        services.TryAddScoped<ConsentKitDbContext>(sp => ((OwnContextFactory)sp.GetRequiredService<StoreContextFactory>()).CreateContext());
        services.AddDataProtection();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            if (sp.GetRequiredService<IOptions<ConsentStoreOptions>>().Value.DataProtectionKeys)
            {
                o.XmlRepository = new EntityFrameworkCoreXmlRepository<ConsentKitDbContext>(sp, sp.GetRequiredService<ILoggerFactory>());
            }
        }));
        return builder;
    }

    /// <summary>
    /// Adds the consent store on the site's own <typeparamref name="TContext"/>, whose <c>OnModelCreating</c> calls
    /// <see cref="ConsentStoreModel.MapConsentKitStore"/>. Uses <see cref="IDbContextFactory{TContext}"/> when registered,
    /// otherwise a scoped context in a scope of its own. The site owns the migrations and the Data Protection keys
    /// (<c>AddDataProtection().PersistKeysToDbContext&lt;TContext&gt;()</c>).
    /// </summary>
    /// <typeparam name="TContext">The site's context.</typeparam>
    /// <param name="builder">The ConsentKit builder.</param>
    /// <param name="configureStore">Store settings in code, or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExternalTransmissionBuilder AddEntityFrameworkCoreStore<TContext>(this IExternalTransmissionBuilder builder, Action<ConsentStoreOptions>? configureStore)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddStoreServices(builder.Services, configureStore, needsProvider: false);
        builder.Services.TryAddSingleton<StoreContextFactory>(sp => new SiteContextFactory<TContext>(sp));
        return builder;
    }

    private static void AddStoreServices(IServiceCollection services, Action<ConsentStoreOptions>? configure, bool needsProvider)
    {
        var options = services.AddOptions<ConsentStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IConfigureOptions<ConsentStoreOptions>>(sp => sp.GetService<IConfiguration>() is { } configuration
            ? new ConsentStoreConfigurationSetup(configuration)
            : new ConfigureOptions<ConsentStoreOptions>(null));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsentStoreOptions>>(new ConsentStoreOptionsValidator(needsProvider)));
        options.ValidateOnStart();
        services.AddSingleton<IConfigureOptions<DataProtectionOptions>>(sp => new ConfigureOptions<DataProtectionOptions>(o =>
        {
            if (sp.GetRequiredService<IOptions<ConsentStoreOptions>>().Value.ApplicationName is { Length: > 0 } name)
            {
                o.ApplicationDiscriminator = name;
            }
        }));

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ConsentStoreMetrics>();
        services.TryAddSingleton<ConsentRecordWriter>();
        services.TryAddSingleton<IConsentDecisionStore>(sp => sp.GetRequiredService<ConsentRecordWriter>());
        services.TryAddSingleton<IConsentRecordStore, EfConsentRecordStore>();
        services.TryAddSingleton<StoreConsentRecorder>();
        services.Replace(ServiceDescriptor.Singleton<IConsentRecorder>(sp => sp.GetRequiredService<StoreConsentRecorder>()));

        // First of all hosted services: the schema exists before Data Protection's own startup reads the key ring,
        // and before the retry and retention services touch it.
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(StoreStartup)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StoreStartup>());
        }

        services.AddHostedService<StoreRetryService>();
        services.AddHostedService<RetentionService>();
    }
}
