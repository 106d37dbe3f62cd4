using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ConsentKit.Tests;

/// <summary>Builds the services a request sees, with a fake clock and a recorder that keeps what it gets.</summary>
internal sealed class Harness
{
    public Harness(ExternalTransmissionOptions? options = null, ConsentRecordCodec? codec = null)
    {
        Options = options ?? Declarations.Valid();
        Catalog = new TransmissionCatalog(Options);
        Codec = codec ?? SharedRing.Value.Codec();
        var proof = new ConsentProof(Catalog, new NoticeDocuments(Catalog), Recorder, Time, NullLogger<ConsentProof>.Instance);
        var decisions = new ConsentDecisions(Catalog, proof, new StoredDecisions(Catalog, Time, NullLogger<StoredDecisions>.Instance, []), Time, NullLogger<ConsentDecisions>.Instance);
        var cookies = new RecordCookieStore(Catalog, Codec, Time, NullLogger<RecordCookieStore>.Instance);
        var start = new ResponseStartWork(Catalog, cookies, decisions, proof, new NoticeLinkCheck(Catalog, Time, NullLogger<NoticeLinkCheck>.Instance));
        Services = new ExternalTransmissionServices(Catalog, cookies, decisions, start, new PolicyHeaderWriter(Catalog, new PolicyTable(Catalog)));
    }

    /// <summary>One key ring for every harness that does not bring its own, as the instances of one application share it.</summary>
    private static readonly Lazy<TestKeyRing> SharedRing = new(() => new TestKeyRing());

    public ExternalTransmissionOptions Options { get; }
    public TransmissionCatalog Catalog { get; }
    public ConsentRecordCodec Codec { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    public RecordingRecorder Recorder { get; } = new();
    public ExternalTransmissionServices Services { get; }

    public ExternalTransmissionFeature Request(string? cookie = null, bool gpc = false)
    {
        var context = new DefaultHttpContext();
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = Catalog.CookieName + "=" + cookie;
        }

        if (gpc)
        {
            context.Request.Headers["Sec-GPC"] = "1";
        }

        return Services.Create(context);
    }

    /// <summary>A cookie value holding the given decisions, as the library would write it.</summary>
    public string Cookie(params (string Module, RecordedDecision Decision)[] decisions) =>
        Codec.Encode(Guid.NewGuid(), Time.GetUtcNow(), 0, decisions
            .Select(d => RecordEntry.For(Catalog.Find(d.Module)!, d.Decision, ConsentRecordCodec.DayOf(Time.GetUtcNow())))
            .ToList());

    internal sealed class RecordingRecorder : IConsentRecorder
    {
        public List<ConsentRecord> Records { get; } = [];

        public ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
        {
            Records.Add(record);
            return ValueTask.CompletedTask;
        }
    }
}
