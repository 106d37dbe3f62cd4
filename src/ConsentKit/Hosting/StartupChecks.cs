using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit;

/// <summary>
/// Checks at startup what only the running application can tell: whether the record cookie can hold every module's
/// decision with the real cookie name and attributes, and whether the Data Protection keys that protect it survive a
/// restart.
/// </summary>
internal sealed class StartupChecks(
    TransmissionCatalog catalog,
    ConsentRecordCodec codec,
    IDataProtectionProvider provider,
    IOptions<KeyManagementOptions> keyManagement,
    ILogger<StartupChecks> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var capacity = RecordCapacity.Measure(catalog, codec);
        if (catalog.RecordedCount > capacity)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ExternalTransmissionOptions), [
                $"通知・同意・オプトアウトのモジュールが {catalog.RecordedCount} 件あり、記録 Cookie（4,096 文字まで）に入るのは {capacity} 件までです。モジュールをまとめるか減らしてください。 / " +
                $"{catalog.RecordedCount} modules take a notice, consent or opt-out decision, but the record cookie (4,096 characters with its name and attributes) holds at most {capacity}. Merge or remove modules."]);
        }

        if (!catalog.HostPrefixAllowed)
        {
            var setting = catalog.CookieDomain is { } domain ? "Domain=" + domain : "Path=" + catalog.CookiePath;
            Log.CookieHostPrefixDropped(logger, setting, catalog.RecordCookieName(https: true), catalog.CookieName);
        }

        if (!codec.WritesVersion3)
        {
            Log.RecordSignedWithDataProtection(logger);
        }

        if (Describe(provider is EphemeralDataProtectionProvider, keyManagement.Value.XmlRepository is not null,
                Environment.GetEnvironmentVariable("HOME") ?? Environment.GetEnvironmentVariable("LOCALAPPDATA"),
                Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER") == "true") is { } where)
        {
            Log.KeyRingNotPersisted(logger, where);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Where the keys are when that place does not survive a restart or redeploy; <see langword="null"/> when they are persisted.</summary>
    internal static string? Describe(bool ephemeralProvider, bool repositoryConfigured, string? profileDirectory, bool inContainer) =>
        ephemeralProvider ? "in memory only (EphemeralDataProtectionProvider)"
        : repositoryConfigured ? null
        : string.IsNullOrEmpty(profileDirectory) ? "in memory only (no user profile directory)"
        : inContainer ? "in the container's own file system (the default directory under the user profile)"
        : null;
}

/// <summary>How many decisions the record cookie holds within 4,096 characters, measured with this site's cookie.</summary>
internal static class RecordCapacity
{
    public static int Measure(TransmissionCatalog catalog, ConsentRecordCodec codec)
    {
        // The longest form of the cookie: the prefixed name used over HTTPS, with every attribute.
        var name = catalog.RecordCookieName(https: true);
        var options = RecordCookieStore.Options(catalog, https: true);
        int Length(int count)
        {
            var entries = Enumerable.Repeat(new RecordEntry(0x3FFFFF, 0xFFF, RecordedDecision.NoticeShown, 0), count).ToList();
            var value = codec.Encode(Guid.Empty, DateTimeOffset.UtcNow, 0xFF, entries);
            return options.CreateCookieHeader(name, value).ToString().Length;
        }

        int low = 0, high = ushort.MaxValue;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Length(mid) <= ConsentRecordCodec.MaxCookieLength)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
