using System.Data.Common;
using ConsentKit.IntegrationTests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>A database that goes away: the choice still applies, the failure is loud, and the record is retried.</summary>
public class OutageTests
{
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string because)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        (await condition()).Should().BeTrue(because);
    }

    [Fact]
    public async Task ADatabaseOutageKeepsTheChoiceLogsAtErrorCountsAndWritesTheRecordWhenTheDatabaseIsBack()
    {
        await using var db = new SqliteTestDatabase();
        var outage = new Outage();
        await using var host = await StoreHost.StartAsync(db, o => o.RetryInterval = TimeSpan.FromMilliseconds(50), db: b => b.UseSqlite(db.ConnectionString).AddInterceptors(outage));
        using var meters = new MeterProbe(host.Services);
        var visitor = new Visitor(host.Server);
        var store = host.Services.GetRequiredService<IConsentRecordStore>();

        outage.Down = true;
        var receipt = await StoreHost.ReceiptOfAsync(await visitor.ChooseAsync("""{"action":"accept-all"}"""));
        (await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync()).Should().Contain("analytics=Allowed", "the choice applies through the cookie");
        host.Logs.Events.Should().Contain(e => e.Id.Id == 401 && e.Level == LogLevel.Error && e.Message.Contains(receipt));
        meters.Total("consentkit.store.records.failed").Should().BeGreaterThanOrEqualTo(1);
        await Task.Delay(200);
        meters.Total("consentkit.store.records.written").Should().Be(0);

        outage.Down = false;
        await EventuallyAsync(async () => (await store.FindByReceiptAsync(receipt)).Count == 1, "the queued record is written once the database is back");
        meters.Total("consentkit.store.records.retried").Should().Be(1);
        meters.Total("consentkit.store.records.dropped").Should().Be(0);
    }

    [Fact]
    public async Task WhenTheRetryQueueIsFullTheOldestRecordIsDroppedLoudly()
    {
        await using var db = new SqliteTestDatabase();
        var outage = new Outage();
        await using var host = await StoreHost.StartAsync(db, o => o.RetryQueueCapacity = 2, db: b => b.UseSqlite(db.ConnectionString).AddInterceptors(outage));
        using var meters = new MeterProbe(host.Services);

        outage.Down = true;
        for (var i = 0; i < 4; i++)
        {
            await StoreHost.ReceiptOfAsync(await new Visitor(host.Server).ChooseAsync("""{"action":"reject-all"}"""));
        }

        // One record may be in the retry loop's hands, two wait in the queue: at least one is lost, and says so.
        meters.Total("consentkit.store.records.dropped").Should().BeGreaterThanOrEqualTo(1);
        host.Logs.Events.Should().Contain(e => e.Id.Id == 404 && e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task StoppingDuringAnOutageSaysHowManyRecordsAreLost()
    {
        await using var db = new SqliteTestDatabase();
        var outage = new Outage();
        var host = await StoreHost.StartAsync(db, o => o.RetryInterval = TimeSpan.FromMinutes(1), db: b => b.UseSqlite(db.ConnectionString).AddInterceptors(outage));
        using var meters = new MeterProbe(host.Services);
        outage.Down = true;
        for (var i = 0; i < 3; i++)
        {
            await StoreHost.ReceiptOfAsync(await new Visitor(host.Server).ChooseAsync("""{"action":"accept-all"}"""));
        }

        await host.DisposeAsync();

        host.Logs.Events.Should().ContainSingle(e => e.Id.Id == 405).Which.Message.Should().StartWith("3 queued consent records");
        meters.Total("consentkit.store.records.dropped").Should().Be(3);
    }

    /// <summary>Refuses every connection while <see cref="Down"/> is set, as an unreachable server does.</summary>
    private sealed class Outage : DbConnectionInterceptor
    {
        public volatile bool Down;

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            Down ? throw new InvalidOperationException("Simulated outage: connection refused.") : result;

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Down ? throw new InvalidOperationException("Simulated outage: connection refused.") : ValueTask.FromResult(result);
    }
}
