using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>The singletons a request needs, gathered so each request does one service lookup.</summary>
internal sealed class ConsentKitRuntime(
    TransmissionCatalog catalog,
    NoticeDocuments documents,
    ConsentRecordCodec codec,
    IConsentRecorder recorder,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    bool isDevelopment = false)
{
    public TransmissionCatalog Catalog { get; } = catalog;
    public NoticeDocuments Documents { get; } = documents;
    public ConsentRecordCodec Codec { get; } = codec;
    public IConsentRecorder Recorder { get; } = recorder;
    public TimeProvider Time { get; } = time;
    public ILogger Logger { get; } = loggerFactory.CreateLogger("ConsentKit");
    public int LifetimeDays { get; } = (int)Math.Ceiling(catalog.CookieLifetime.TotalDays);
    public bool IsDevelopment { get; } = isDevelopment;
}
