using ConsentKit.IntegrationTests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>Every action, over real HTTP, leaves the rows it should; receipts can be looked up. Run on each provider.</summary>
public abstract class RecordingTests(ConsentStoreProvider provider)
{
    [Fact]
    public async Task R24_EveryActionWritesOneProofRecordWithEachModuleDecisionAndTheNoticeHash()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await StoreHost.StartAsync(db);
        using var meters = new MeterProbe(host.Services);
        var visitor = new Visitor(host.Server);
        var store = host.Services.GetRequiredService<IConsentRecordStore>();

        (string Json, ConsentAction Action, string Expected)[] steps =
        [
            ("""{"action":"accept-all","source":"banner"}""", ConsentAction.AcceptAll, "ads=Allowed;analytics=Allowed;video=Allowed"),
            ("""{"action":"withdraw","modules":["analytics"],"source":"notice-page"}""", ConsentAction.Withdraw, "analytics=Denied"),
            ("""{"action":"opt-out","modules":["ads"]}""", ConsentAction.OptOut, "ads=OptedOut"),
            ("""{"action":"opt-in","modules":["ads"]}""", ConsentAction.OptIn, "ads=Allowed"),
            ("""{"action":"grant","modules":["analytics"]}""", ConsentAction.Grant, "analytics=Allowed"),
            ("""{"action":"deny","modules":["analytics"]}""", ConsentAction.Deny, "analytics=Denied"),
            ("""{"action":"save","modules":["analytics","ads"],"allowed":["analytics"]}""", ConsentAction.Save, "ads=OptedOut;analytics=Allowed"),
            ("""{"action":"reject-all","lang":"en"}""", ConsentAction.RejectAll, "ads=OptedOut;analytics=Denied"),
        ];
        for (var i = 0; i < steps.Length; i++)
        {
            var (json, action, expected) = steps[i];
            var receipt = await StoreHost.ReceiptOfAsync(await visitor.ChooseAsync(json));
            var records = await store.FindByReceiptAsync(receipt);

            // One receipt per browser: the browser's whole history is under it, one proof record per acknowledged action.
            records.Should().HaveCount(i + 1, $"one proof record per acknowledged action, {action} included");
            var stored = records.Should().ContainSingle(r => r.Record.Action == action).Subject;
            stored.Verified.Should().BeTrue();
            stored.Record.Action.Should().Be(action);
            stored.Record.ReceiptId.Should().Be(receipt);
            stored.Record.NoticeSha256.Should().MatchRegex("^[0-9a-f]{64}$");
            stored.Record.Controller.Should().Be("株式会社テスト");
            stored.Record.Decisions.Should().OnlyContain(d => d.Fingerprint.Length > 0 && d.Recipient.Length > 0);
            string.Join(";", stored.Record.Decisions.Select(d => $"{d.ModuleId}={d.Status}")).Should().Be(expected);
        }

        var last = (await store.FindAsync(new ConsentRecordQuery()).ToListAsync()).Last().Record;
        last.Language.Should().Be(NoticeLanguage.English);
        meters.Total("consentkit.store.records.written").Should().Be(steps.Length);
        meters.Count("consentkit.decisions", "action", "AcceptAll").Should().Be(3);
        meters.Count("consentkit.decisions", "measure", "OptOut").Should().Be(5, "accept-all, opt-out, opt-in, save and reject-all each decided on the opt-out module");
    }

    [Fact]
    public async Task R24_GpcIsRecordedOnceWithItsSourceAndTheSignal()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await StoreHost.StartAsync(db);
        var visitor = new Visitor(host.Server);
        await visitor.GetAsync("/state", r => r.Headers.Add("Sec-GPC", "1"));
        await visitor.GetAsync("/state", r => r.Headers.Add("Sec-GPC", "1"));

        var records = await host.Services.GetRequiredService<IConsentRecordStore>().FindAsync(new ConsentRecordQuery()).ToListAsync();
        var gpc = records.Should().ContainSingle().Subject.Record;
        gpc.Source.Should().Be(ConsentSource.Gpc);
        gpc.GlobalPrivacyControl.Should().BeTrue();
        gpc.Decisions.Should().ContainSingle(d => d.ModuleId == "ads" && d.Status == TransmissionStatus.OptedOut);
    }

    [Fact]
    public async Task ReceiptLookupIgnoresCaseAndSpacesAndFindsNothingForAnUnknownReceipt()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await StoreHost.StartAsync(db);
        var receipt = await StoreHost.ReceiptOfAsync(await new Visitor(host.Server).ChooseAsync("""{"action":"accept-all"}"""));
        var store = host.Services.GetRequiredService<IConsentRecordStore>();

        (await store.FindByReceiptAsync("  " + receipt.ToUpperInvariant() + " ")).Should().ContainSingle();
        (await store.FindByReceiptAsync(new string('0', 32))).Should().BeEmpty();
    }

    [Fact]
    public async Task ProofRowsHoldExactlyTheRecordAndNeitherIpAddressNorUserAgent()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await StoreHost.StartAsync(db);
        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ConsentKitDbContext>();
        var record = context.Model.GetEntityTypes().Single(e => e.GetTableName() == ConsentStoreModel.RecordsTable);
        var decision = context.Model.GetEntityTypes().Single(e => e.GetTableName() == ConsentStoreModel.RecordDecisionsTable);

        record.GetProperties().Select(p => p.Name).Should().BeEquivalentTo(
            "Id", "ReceiptId", "RecordedAt", "Source", "Action", "NoticeSha256", "Language", "Controller", "GlobalPrivacyControl", "Digest");
        decision.GetProperties().Select(p => p.Name).Should().BeEquivalentTo(
            "RecordId", "ModuleId", "Measure", "Status", "Fingerprint", "Recipient", "RecordedAt");
    }

    [Fact]
    public async Task ARecordChangedInTheDatabaseIsReportedUnverifiedAndCounted()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await StoreHost.StartAsync(db);
        using var meters = new MeterProbe(host.Services);
        var receipt = await StoreHost.ReceiptOfAsync(await new Visitor(host.Server).ChooseAsync("""{"action":"reject-all"}"""));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ConsentKitDbContext>();
            (await context.Set<ProofDecisionRow>().Where(d => d.ModuleId == "analytics").ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, "Allowed"))).Should().Be(1);
        }

        var stored = (await host.Services.GetRequiredService<IConsentRecordStore>().FindByReceiptAsync(receipt)).Single();
        stored.Verified.Should().BeFalse();
        meters.Total("consentkit.store.records.unverified").Should().Be(1);
    }
}

public sealed class SqliteRecordingTests() : RecordingTests(ConsentStoreProvider.Sqlite);

public sealed class PostgresRecordingTests() : RecordingTests(ConsentStoreProvider.PostgreSQL);
