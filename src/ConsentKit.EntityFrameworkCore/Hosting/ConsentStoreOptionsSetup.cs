using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>
/// Reads <c>ConsentKit:Store</c>. The provider is read as text, so that a wrong name reaches the validator (which lists
/// the valid ones) instead of failing inside the configuration binder.
/// </summary>
internal sealed class ConsentStoreConfigurationSetup(IConfiguration configuration) : IConfigureOptions<ConsentStoreOptions>
{
    public void Configure(ConsentStoreOptions options)
    {
        var section = configuration.GetSection(ConsentStoreFields.Section);
        if (section["Provider"] is { } provider)
        {
            options.ConfiguredProvider = provider;
            options.Provider = Enum.TryParse<ConsentStoreProvider>(provider, ignoreCase: true, out var p) && p != ConsentStoreProvider.None && Enum.IsDefined(p)
                ? p
                : ConsentStoreProvider.None;
        }

        options.ConnectionString = section["ConnectionString"] ?? options.ConnectionString;
        options.DataProtectionKeys = section.GetValue("DataProtectionKeys", options.DataProtectionKeys);
        options.MigrateAtStartup = section.GetValue("MigrateAtStartup", options.MigrateAtStartup);
        options.VerifyAtStartup = section.GetValue("VerifyAtStartup", options.VerifyAtStartup);
        options.Retention = section.GetValue("Retention", options.Retention);
        options.RetentionInterval = section.GetValue("RetentionInterval", options.RetentionInterval);
        options.RetryQueueCapacity = section.GetValue("RetryQueueCapacity", options.RetryQueueCapacity);
        options.RetryInterval = section.GetValue("RetryInterval", options.RetryInterval);
        options.ConcurrencyWindow = section.GetValue("ConcurrencyWindow", options.ConcurrencyWindow);
        options.ApplicationName = section["ApplicationName"] ?? options.ApplicationName;
    }
}

/// <summary>Startup errors in Japanese and English, each naming the setting to fix.</summary>
internal sealed class ConsentStoreOptionsValidator(bool needsProvider) : IValidateOptions<ConsentStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsentStoreOptions options)
    {
        var errors = new List<string>();
        if (needsProvider && options.Provider == ConsentStoreProvider.None)
        {
            errors.Add(options.ConfiguredProvider is { } given
                ? $"{ConsentStoreFields.Provider} is '{given}', which is not a provider ConsentKit knows. Valid values: Sqlite, PostgreSQL. / {ConsentStoreFields.Provider} の値 '{given}' は使えません。Sqlite または PostgreSQL を指定してください。"
                : $"{ConsentStoreFields.Provider} is not set. Valid values: Sqlite, PostgreSQL. / {ConsentStoreFields.Provider} を指定してください（Sqlite または PostgreSQL）。");
        }

        if (needsProvider && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{ConsentStoreFields.ConnectionString} is not set. / {ConsentStoreFields.ConnectionString} を指定してください。");
        }

        if (options.Retention <= TimeSpan.Zero || options.RetentionInterval <= TimeSpan.Zero || options.RetryInterval <= TimeSpan.Zero)
        {
            errors.Add($"{ConsentStoreFields.Retention}, RetentionInterval and RetryInterval must be positive. / 保存期間と間隔は正の値にしてください。");
        }

        if (options.RetryQueueCapacity < 1)
        {
            errors.Add("ConsentKit:Store:RetryQueueCapacity must be at least 1. / 再試行キューの容量は 1 以上にしてください。");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
