using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Proof that holds up in a store (issue 13's core hooks): one receipt per browser, a notice proven once per browser
/// that keeps cookies (never once per cookieless request), and decisions settled from a shared decision store.
/// </summary>
public class ProofOnceTests
{
    private sealed class Recorder : IConsentRecorder
    {
        public ConcurrentQueue<ConsentRecord> Records { get; } = new();

        public ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
        {
            Records.Enqueue(record);
            return ValueTask.CompletedTask;
        }
    }

    private static Task<TestHost> StartAsync(Recorder recorder, IConsentDecisionStore? store = null) => TestHost.StartAsync(
        services: s =>
        {
            s.AddSingleton<IConsentRecorder>(recorder);
            if (store is not null)
            {
                s.AddSingleton(store);
            }
        },
        endpoints: e => e.Builder.MapGet("/with-banner", (HttpContext c) =>
        {
            // What <consent-banner /> does: it reads the state and notes that the banner was shown.
            _ = c.GetExternalTransmission().HasPending;
            ConsentRenderState.Of(c).BannerShown = true;
            return "page with banner";
        }));

    private static List<ConsentRecord> Acknowledgements(Recorder recorder) =>
        recorder.Records.Where(r => r.Action == ConsentAction.AcknowledgeNotice).ToList();

    [Fact]
    public async Task R24_ACookielessCrawlerLeavesNoNoticeRecordPerRequest()
    {
        var recorder = new Recorder();
        await using var host = await StartAsync(recorder);
        for (var i = 0; i < 5; i++)
        {
            // A new visitor each time: a crawler that never sends cookies back.
            await new Visitor(host.Server).GetAsync("/with-banner");
        }

        Acknowledgements(recorder).Should().BeEmpty("a request that never returns with its cookie proves nothing and must not fill the store");
    }

    [Fact]
    public async Task R24_ABrowserThatKeepsTheCookieHasItsNoticeProvenOnce()
    {
        var recorder = new Recorder();
        await using var host = await StartAsync(recorder);
        var visitor = new Visitor(host.Server);
        await visitor.GetAsync("/with-banner");
        (await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync()).Should().Contain("video=Allowed", "the banner showed the notice");
        await visitor.GetAsync("/state");
        await visitor.GetAsync("/state");

        var proof = Acknowledgements(recorder).Should().ContainSingle().Subject;
        proof.Decisions.Select(d => d.ModuleId).Should().Equal("video");
        proof.Source.Should().Be(ConsentSource.Banner);
    }

    [Fact]
    public async Task R24_EveryDecisionOfOneBrowserIsFoundUnderOneReceipt()
    {
        var recorder = new Recorder();
        await using var host = await StartAsync(recorder);
        var visitor = new Visitor(host.Server);
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"grant","modules":["analytics"]}""", r => r.Headers.Add("Origin", "http://localhost"));
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"withdraw","modules":["analytics"]}""", r => r.Headers.Add("Origin", "http://localhost"));

        recorder.Records.Should().HaveCount(2);
        recorder.Records.Select(r => r.ReceiptId).Distinct().Should().ContainSingle("an operator must find this visitor's whole history under one receipt");
    }

    private class ConcurrentWithdrawal : IConsentDecisionStore
    {
        protected virtual TransmissionStatus Stored => TransmissionStatus.Denied;

        // Another tab withdrew analytics at the same moment; the store settled on the refusal.
        public Task<IReadOnlyList<ConsentDecision>> GetAsync(string receiptId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConsentDecision>>([new ConsentDecision("analytics", Stored, Fingerprint!, DateTimeOffset.UtcNow)]);

        public Task<IReadOnlyList<ConsentDecision>> MergeAsync(string receiptId, IReadOnlyList<ConsentDecision> changes, CancellationToken cancellationToken = default) =>
            GetAsync(receiptId, cancellationToken);

        public string? Fingerprint { get; set; }
    }

    [Fact]
    public async Task R25_AWithdrawalSettledInTheStoreIsNotLostToAConcurrentGrant()
    {
        var store = new ConcurrentWithdrawal();
        await using var host = await StartAsync(new Recorder(), store);
        store.Fingerprint = host.Services.GetRequiredService<TransmissionCatalog>().Find("analytics")!.FingerprintHex;
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"grant","modules":["analytics"]}""", r => r.Headers.Add("Origin", "http://localhost"));

        using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        state.RootElement.GetProperty("modules").GetProperty("analytics").GetString().Should().Be("denied");
        (await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync()).Should().Contain("analytics=Denied");
    }

    private sealed class StaleGrant : ConcurrentWithdrawal
    {
        // A grant the store still holds while the visitor's later refusal waits in its retry queue.
        protected override TransmissionStatus Stored => TransmissionStatus.Allowed;
    }

    [Fact]
    public async Task R25_AStoredGrantNeverUndoesTheVisitorsRefusal()
    {
        var store = new StaleGrant();
        await using var host = await StartAsync(new Recorder(), store);
        store.Fingerprint = host.Services.GetRequiredService<TransmissionCatalog>().Find("analytics")!.FingerprintHex;
        var visitor = new Visitor(host.Server);
        var response = await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"deny","modules":["analytics"]}""", r => r.Headers.Add("Origin", "http://localhost"));

        using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        state.RootElement.GetProperty("modules").GetProperty("analytics").GetString().Should().Be("denied", "a visitor's no is never undone by the store");
        (await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync()).Should().Contain("analytics=Denied");
    }
}
