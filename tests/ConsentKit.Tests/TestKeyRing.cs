using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;

namespace ConsentKit.Tests;

/// <summary>A real Data Protection key ring in a temporary directory, as an application has one, for record codecs.</summary>
internal sealed class TestKeyRing
{
    public TestKeyRing(string applicationName = "test", DirectoryInfo? directory = null)
    {
        Directory = directory ?? System.IO.Directory.CreateTempSubdirectory("consentkit-keys-");
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().PersistKeysToFileSystem(Directory).SetApplicationName(applicationName);
        Services = services.BuildServiceProvider();
        Discriminator = Services.GetApplicationUniqueIdentifier();
    }

    public DirectoryInfo Directory { get; }
    public ServiceProvider Services { get; }
    public string? Discriminator { get; }
    public IDataProtectionProvider Provider => Services.GetRequiredService<IDataProtectionProvider>();
    public IKeyManager Keys => Services.GetRequiredService<IKeyManager>();
    public IKeyRingProvider Ring => Services.GetRequiredService<IKeyRingProvider>();

    /// <summary>A codec that writes v3, as ConsentKit registers it.</summary>
    public ConsentRecordCodec Codec(string? applicationName = null, TimeProvider? time = null) =>
        new(Provider, applicationName, Keys, new RecordMacKeys(Keys, Ring, Discriminator, applicationName, time));

    /// <summary>A codec that writes v2 (Data Protection), as the previous version of ConsentKit did.</summary>
    public ConsentRecordCodec Version2Codec(string? applicationName = null) => new(Provider, applicationName, Keys);
}
