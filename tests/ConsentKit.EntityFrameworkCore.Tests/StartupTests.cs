using ConsentKit.IntegrationTests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>Bad settings stop the site at startup with a message that names the setting to fix.</summary>
public class StartupTests
{
    private static Task<TestHost> StartWithConfigurationAsync(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return TestHost.StartAsync(services: s =>
        {
            s.AddSingleton<IConfiguration>(configuration);
            new StoreChain(s).AddEntityFrameworkCoreStore();
        });
    }

    [Fact]
    public async Task AnUnreachableDatabaseStopsStartupAndNamesTheConnectionSetting()
    {
        var start = () => StartWithConfigurationAsync(
            (ConsentStoreFields.Provider, "PostgreSQL"),
            (ConsentStoreFields.ConnectionString, "Host=127.0.0.1;Port=1;Database=consent;Username=u;Password=secret;Timeout=3"));

        var error = (await start.Should().ThrowAsync<InvalidOperationException>()).Which;
        error.Message.Should().Contain("ConsentKit:Store:ConnectionString").And.Contain("Host=127.0.0.1;Port=1;Database=consent");
        error.Message.Should().NotContain("secret", "the password must not reach the log");
    }

    [Fact]
    public async Task AWrongProviderNameIsAStartupErrorListingTheValidOnes()
    {
        var start = () => StartWithConfigurationAsync((ConsentStoreFields.Provider, "MySql"), (ConsentStoreFields.ConnectionString, "Server=x"));

        var error = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Message.Should().Contain("ConsentKit:Store:Provider").And.Contain("'MySql'").And.Contain("Sqlite, PostgreSQL");
    }

    [Fact]
    public async Task AMissingProviderAndConnectionAreStartupErrors()
    {
        var start = () => StartWithConfigurationAsync();

        var error = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Message.Should().Contain("ConsentKit:Store:Provider is not set").And.Contain("ConsentKit:Store:ConnectionString is not set");
    }

    [Fact]
    public async Task ProviderAndConnectionFromConfigurationCreateTheSchemaWhenAsked()
    {
        await using var db = new SqliteTestDatabase();
        await using var host = await StartWithConfigurationAsync(
            (ConsentStoreFields.Provider, "sqlite"), (ConsentStoreFields.ConnectionString, db.ConnectionString), (ConsentStoreFields.MigrateAtStartup, "true"));

        var receipt = await StoreHost.ReceiptOfAsync(await new Visitor(host.Server).ChooseAsync("""{"action":"accept-all"}"""));
        (await host.Services.GetRequiredService<IConsentRecordStore>().FindByReceiptAsync(receipt)).Should().ContainSingle();
    }
}
