using Microsoft.Extensions.DependencyInjection;
using System.IO.Compression;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Behaviour the performance work must not change, through the real pipeline: a redeploy from record format v2 keeps
/// every choice; the notice page is streamed and works with response compression.
/// </summary>
public class PerformanceBehaviourTests
{
    private static void Many(ExternalTransmissionOptions o, int count)
    {
        Fixtures.Declare(o);
        for (var i = 0; i < count; i++)
        {
            o.AddModule($"tag-{i:D3}", m => Fixtures.Base(m, ModuleCategory.Analytics).WithMeasure(TransmissionMeasure.Consent));
        }
    }

    [Fact]
    public async Task Rule1_A_visitor_with_a_version_2_record_keeps_every_choice_after_the_upgrade_and_gets_a_version_3_record()
    {
        await using var host = await TestHost.StartAsync();
        var catalog = host.Services.GetRequiredService<TransmissionCatalog>();
        var applicationName = host.Services.GetRequiredService<IHostEnvironment>().ApplicationName;

        // What the previous release wrote, with the application's key ring.
        var previous = new ConsentRecordCodec(host.Services.GetRequiredService<IDataProtectionProvider>(), applicationName, host.Services.GetRequiredService<IKeyManager>());
        var today = ConsentRecordCodec.DayOf(DateTimeOffset.UtcNow);
        var v2 = previous.Encode(Guid.NewGuid(), DateTimeOffset.UtcNow, 0, [
            RecordEntry.For(catalog.Find("analytics")!, RecordedDecision.Granted, today),
            RecordEntry.For(catalog.Find("ads")!, RecordedDecision.OptedOut, today),
            RecordEntry.For(catalog.Find("video")!, RecordedDecision.NoticeShown, today)]);
        WebEncoders.Base64UrlDecode(v2)[0].Should().NotBe(ConsentRecordCodec.Version);

        var visitor = new Visitor(host.Server);
        visitor.SetCookie(catalog.CookieName, v2);
        var state = await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync();

        state.Should().Contain("analytics=Allowed").And.Contain("ads=OptedOut").And.Contain("video=Allowed");
        var reissued = visitor.LastSetCookies.Should().ContainSingle(c => c.Name == catalog.CookieName).Subject.Value.ToString();
        WebEncoders.Base64UrlDecode(reissued)[0].Should().Be(ConsentRecordCodec.Version, "the record is re-issued in format v3");

        var again = await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync();
        again.Should().Contain("analytics=Allowed").And.Contain("ads=OptedOut").And.Contain("video=Allowed");
        visitor.LastSetCookies.Should().NotContain(c => c.Name == catalog.CookieName, "a v3 record is not rewritten on every request");
    }

    [Fact]
    public async Task The_notice_page_is_written_in_chunks_not_held_whole()
    {
        var writers = new List<CountingWriter>();
        await using var host = await TestHost.StartAsync(
            declare: o => Many(o, 300),
            beforeConsentKit: app => app.Use(async (context, next) =>
            {
                var original = context.Features.Get<IHttpResponseBodyFeature>()!;
                var counting = new CountingWriter(original.Writer);
                writers.Add(counting);
                context.Features.Set<IHttpResponseBodyFeature>(new WriterBodyFeature(original, counting));
                await next();
            }));

        var response = await new Visitor(host.Server).GetAsync("/external-transmission");
        var page = await response.Content.ReadAsByteArrayAsync();

        page.Length.Should().BeGreaterThan(4 * NoticeEndpoints.ChunkSize, "the test needs a page of several chunks");
        var writer = writers.Should().ContainSingle().Subject;
        writer.Written.Should().Be(page.Length);
        writer.Flushes.Should().BeGreaterThanOrEqualTo(page.Length / (2 * NoticeEndpoints.ChunkSize));
        writer.MostUnflushed.Should().BeLessThan(2 * NoticeEndpoints.ChunkSize, "at most a chunk and one part are buffered before a flush");
    }

    [Fact]
    public async Task The_notice_page_works_with_response_compression_and_decompresses_to_the_same_page()
    {
        await using var host = await TestHost.StartAsync(
            declare: o => Many(o, 200),
            services: s => s.AddResponseCompression(),
            beforeConsentKit: app => app.UseResponseCompression());
        var visitor = new Visitor(host.Server);
        await visitor.GetAsync("/external-transmission");

        var plain = await visitor.GetAsync("/external-transmission");
        var compressed = await visitor.GetAsync("/external-transmission", r => r.Headers.Add("Accept-Encoding", "gzip"));

        plain.Content.Headers.ContentEncoding.Should().BeEmpty();
        compressed.Content.Headers.ContentEncoding.Should().ContainSingle().Which.Should().Be("gzip");
        var compressedBytes = await compressed.Content.ReadAsByteArrayAsync();
        await using var gzip = new GZipStream(new MemoryStream(compressedBytes), CompressionMode.Decompress);
        using var decompressed = new MemoryStream();
        await gzip.CopyToAsync(decompressed);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();

        decompressed.ToArray().Should().Equal(plainBytes, "the same visitor (same token) gets the same page, compressed");
        compressedBytes.Length.Should().BeLessThan(plainBytes.Length / 4);
        compressed.Headers.Vary.Should().Contain("Accept-Encoding");
    }

    /// <summary>Passes writes through and counts bytes, flushes and the most bytes held between flushes.</summary>
    private sealed class CountingWriter(PipeWriter inner) : PipeWriter
    {
        private long _unflushed;

        public long Written { get; private set; }
        public int Flushes { get; private set; }
        public long MostUnflushed { get; private set; }

        public override void Advance(int bytes)
        {
            inner.Advance(bytes);
            Written += bytes;
            _unflushed += bytes;
            MostUnflushed = Math.Max(MostUnflushed, _unflushed);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);
        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
        public override void CancelPendingFlush() => inner.CancelPendingFlush();
        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Flushes++;
            _unflushed = 0;
            return inner.FlushAsync(cancellationToken);
        }
    }

    private sealed class WriterBodyFeature(IHttpResponseBodyFeature inner, PipeWriter writer) : IHttpResponseBodyFeature
    {
        public Stream Stream => inner.Stream;
        public PipeWriter Writer => writer;
        public Task CompleteAsync() => inner.CompleteAsync();
        public void DisableBuffering() => inner.DisableBuffering();
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => inner.SendFileAsync(path, offset, count, cancellationToken);
        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
    }
}
