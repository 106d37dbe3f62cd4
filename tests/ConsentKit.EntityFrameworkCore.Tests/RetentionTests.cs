using ConsentKit.IntegrationTests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>Retention, queries by date and module, and one Notice acknowledgement per receipt. Run on each provider.</summary>
public abstract class RetentionTests(ConsentStoreProvider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheRetentionServicePurgesRecordsOlderThanTheRetentionPeriodAndKeepsTheRest()
    {
        var time = new FakeTimeProvider(Start);
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await StoreHost.StartAsync(db,
            o => { o.Retention = TimeSpan.FromDays(30); o.RetentionInterval = TimeSpan.FromHours(1); },
            s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var recorder = host.Services.GetRequiredService<IConsentRecorder>();
        var store = host.Services.GetRequiredService<IConsentRecordStore>();
        await recorder.RecordAsync(Records.Of("old", ConsentAction.Grant, TransmissionStatus.Allowed, Start), default);
        await recorder.RecordAsync(Records.Of("new", ConsentAction.Grant, TransmissionStatus.Allowed, Start.AddDays(20)), default);

        time.Advance(TimeSpan.FromDays(31));
        // The service waits one interval between runs; step the clock until it has run (or give up after 100 hours).
        for (var i = 0; i < 100 && (await store.FindByReceiptAsync("old")).Count > 0; i++)
        {
            time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(50);
        }

        (await store.FindByReceiptAsync("old")).Should().BeEmpty("it is older than 30 days");
        (await store.FindByReceiptAsync("new")).Should().ContainSingle();
        (await host.Services.GetRequiredService<IConsentDecisionStore>().GetAsync("old")).Should().BeEmpty();
    }

    [Fact]
    public async Task RecordsCanBeReadByDateRangeAndByModule()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await StoreHost.StartAsync(db);
        var recorder = host.Services.GetRequiredService<IConsentRecorder>();
        var store = host.Services.GetRequiredService<IConsentRecordStore>();
        for (var day = 0; day < 5; day++)
        {
            await recorder.RecordAsync(Records.Of($"r{day}", ConsentAction.Grant, TransmissionStatus.Allowed, Start.AddDays(day), module: day % 2 == 0 ? "analytics" : "ads"), default);
        }

        var range = await store.FindAsync(new ConsentRecordQuery { From = Start.AddDays(1), To = Start.AddDays(4) }).ToListAsync();
        range.Select(r => r.Record.ReceiptId).Should().Equal("r1", "r2", "r3");
        var ads = await store.FindAsync(new ConsentRecordQuery { ModuleId = "ads" }).ToListAsync();
        ads.Select(r => r.Record.ReceiptId).Should().Equal("r1", "r3");
        (await store.FindAsync(new ConsentRecordQuery { Limit = 2 }).ToListAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task R24_ANoticeAcknowledgementIsWrittenOncePerReceiptAndNoticeText()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await StoreHost.StartAsync(db);
        var recorder = host.Services.GetRequiredService<IConsentRecorder>();
        var store = host.Services.GetRequiredService<IConsentRecordStore>();

        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync(Records.Of("browser", ConsentAction.AcknowledgeNotice, TransmissionStatus.Allowed, Start.AddMinutes(i), module: "video"), default);
        }

        (await store.FindByReceiptAsync("browser")).Should().ContainSingle("the same browser saw the same notice");
        await recorder.RecordAsync(Records.Of("browser", ConsentAction.AcknowledgeNotice, TransmissionStatus.Allowed, Start.AddDays(1), module: "video", notice: "n2"), default);
        await recorder.RecordAsync(Records.Of("browser", ConsentAction.AcknowledgeNotice, TransmissionStatus.Allowed, Start.AddDays(2), module: "video", notice: "n2", fingerprint: "f2"), default);
        (await store.FindByReceiptAsync("browser")).Should().HaveCount(3, "a new notice text, then a changed declaration, each need their own proof");
    }
}

public sealed class SqliteRetentionTests() : RetentionTests(ConsentStoreProvider.Sqlite);

public sealed class PostgresRetentionTests() : RetentionTests(ConsentStoreProvider.PostgreSQL);
