using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConsentKit.EntityFrameworkCore.Tests;

/// <summary>The merge rule itself: a refusal is never lost to a concurrent grant.</summary>
public class MergeRuleTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private static ConsentDecision D(TransmissionStatus status, double seconds, string fingerprint = "f1") =>
        new("analytics", status, fingerprint, T.AddSeconds(seconds));

    [Theory]
    [InlineData(TransmissionStatus.Allowed, 0, TransmissionStatus.Denied, 0, false)] // tie: the refusal stays
    [InlineData(TransmissionStatus.Denied, 0, TransmissionStatus.Allowed, 0, true)] // tie: the refusal comes in and wins
    [InlineData(TransmissionStatus.Allowed, 1.5, TransmissionStatus.Denied, 0, false)] // a concurrent grant, a little newer, loses
    [InlineData(TransmissionStatus.Denied, -1.5, TransmissionStatus.Allowed, 0, true)] // a concurrent refusal, a little older, still wins
    [InlineData(TransmissionStatus.Allowed, 3, TransmissionStatus.Denied, 0, true)] // a grant made clearly after: the visitor changed their mind
    [InlineData(TransmissionStatus.Denied, -3, TransmissionStatus.Allowed, 0, false)] // an old refusal arriving late does not undo a later grant
    [InlineData(TransmissionStatus.Allowed, 1, TransmissionStatus.OptedOut, 0, false)] // opt-out counts as a refusal
    [InlineData(TransmissionStatus.Denied, 1, TransmissionStatus.OptedOut, 0, true)] // two refusals: newest wins
    [InlineData(TransmissionStatus.Allowed, -1, TransmissionStatus.Allowed, 0, false)] // two grants: newest wins
    public void RefusalsWinConcurrentGrantsAndNewestWinsOtherwise(TransmissionStatus incoming, double incomingAt, TransmissionStatus current, double currentAt, bool replaces) =>
        DecisionMerge.Replaces(D(incoming, incomingAt), D(current, currentAt), Window).Should().Be(replaces);

    [Fact]
    public void ADecisionOnAChangedDeclarationIsANewQuestionAndTheNewerAnswerStands() =>
        DecisionMerge.Replaces(D(TransmissionStatus.Allowed, 1, "f2"), D(TransmissionStatus.Denied, 0, "f1"), Window).Should().BeTrue();
}

/// <summary>Two instances (two service providers, one database) merging the same receipt at the same moment.</summary>
public abstract class ConcurrentMergeTests(ConsentStoreProvider provider)
{
    private static async Task<IHost> InstanceAsync(TestDatabase db)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddExternalTransmissionNotice(o => ConsentKit.IntegrationTests.Fixtures.Declare(o))
            .AddEntityFrameworkCoreStore(db.Configure, o => o.MigrateAtStartup = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task R25_AWithdrawalOnOneInstanceIsNeverLostToAGrantSentAtTheSameTimeOnAnother()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var a = await InstanceAsync(db);
        using var b = await InstanceAsync(db);
        var storeA = a.Services.GetRequiredService<IConsentDecisionStore>();
        var storeB = b.Services.GetRequiredService<IConsentDecisionStore>();
        var at = DateTimeOffset.UtcNow;

        for (var round = 0; round < 20; round++)
        {
            var receipt = Guid.NewGuid().ToString("N");
            await storeA.MergeAsync(receipt, [new("analytics", TransmissionStatus.Allowed, "f1", at.AddMinutes(-1))]);
            var grant = storeA.MergeAsync(receipt, [new("analytics", TransmissionStatus.Allowed, "f1", at.AddSeconds(round % 2))]);
            var withdrawal = storeB.MergeAsync(receipt, [new("analytics", TransmissionStatus.Denied, "f1", at)]);
            await Task.WhenAll(grant, withdrawal);

            (await storeA.GetAsync(receipt)).Should().ContainSingle().Which.Status.Should().Be(TransmissionStatus.Denied, $"round {round}");
            (await storeB.GetAsync(receipt)).Single().Status.Should().Be(TransmissionStatus.Denied);
        }
    }

    [Fact]
    public async Task TwoRecordsOfOneReceiptWrittenAtOnceFromTwoInstancesAreBothKept()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var a = await InstanceAsync(db);
        using var b = await InstanceAsync(db);
        var receipt = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;

        await Task.WhenAll(
            a.Services.GetRequiredService<IConsentRecorder>().RecordAsync(Records.Of(receipt, ConsentAction.Grant, TransmissionStatus.Allowed, now), default).AsTask(),
            b.Services.GetRequiredService<IConsentRecorder>().RecordAsync(Records.Of(receipt, ConsentAction.Withdraw, TransmissionStatus.Denied, now), default).AsTask());

        var records = await a.Services.GetRequiredService<IConsentRecordStore>().FindByReceiptAsync(receipt);
        records.Select(r => r.Record.Action).Should().BeEquivalentTo([ConsentAction.Grant, ConsentAction.Withdraw]);
        (await b.Services.GetRequiredService<IConsentDecisionStore>().GetAsync(receipt)).Single().Status.Should().Be(TransmissionStatus.Denied);
    }
}

public sealed class SqliteConcurrentMergeTests() : ConcurrentMergeTests(ConsentStoreProvider.Sqlite);

public sealed class PostgresConcurrentMergeTests() : ConcurrentMergeTests(ConsentStoreProvider.PostgreSQL);

/// <summary>Records built by hand, for tests below the HTTP layer.</summary>
internal static class Records
{
    public static ConsentRecord Of(string receipt, ConsentAction action, TransmissionStatus status, DateTimeOffset at, string module = "analytics", string notice = "n1", string fingerprint = "f1") => new()
    {
        ReceiptId = receipt,
        Timestamp = at,
        Source = ConsentSource.NoticePage,
        Action = action,
        Decisions = [new ConsentRecordEntry { ModuleId = module, Measure = TransmissionMeasure.Consent, Status = status, Fingerprint = fingerprint, Recipient = "Example Inc." }],
        NoticeSha256 = notice,
        Language = NoticeLanguage.Japanese,
        Controller = "株式会社テスト",
        GlobalPrivacyControl = false,
    };
}
