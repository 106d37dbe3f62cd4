using Microsoft.Extensions.Logging;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>The consent store's log events. Ids are stable: 400-499.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 400, EventName = "StoreRecordWritten", Level = LogLevel.Debug,
        Message = "Consent record {RecordId} for receipt {ReceiptId} ({Source}, {Action}) written to the store.")]
    public static partial void RecordWritten(ILogger logger, Guid recordId, string receiptId, ConsentSource source, ConsentAction action);

    [LoggerMessage(EventId = 401, EventName = "StoreWriteFailed", Level = LogLevel.Error,
        Message = "Consent record {RecordId} for receipt {ReceiptId} ({Action}) could not be written to the store; the choice applies through the visitor's cookie and the record is queued for retry ({Queued} queued).")]
    public static partial void WriteFailed(ILogger logger, Exception exception, Guid recordId, string receiptId, ConsentAction action, int queued);

    [LoggerMessage(EventId = 402, EventName = "StoreRecordRetried", Level = LogLevel.Information,
        Message = "Queued consent record {RecordId} for receipt {ReceiptId} written on retry {Attempt}.")]
    public static partial void RecordRetried(ILogger logger, Guid recordId, string receiptId, int attempt);

    [LoggerMessage(EventId = 403, EventName = "StoreRetryFailed", Level = LogLevel.Warning,
        Message = "Retry {Attempt} of consent record {RecordId} failed: {Reason}")]
    public static partial void RetryFailed(ILogger logger, Guid recordId, int attempt, string reason);

    [LoggerMessage(EventId = 404, EventName = "StoreRecordDropped", Level = LogLevel.Error,
        Message = "Consent record {RecordId} for receipt {ReceiptId} ({Action}) was dropped: the retry queue is full. The choice still applies through the visitor's cookie; its proof is lost.")]
    public static partial void RecordDropped(ILogger logger, Guid recordId, string receiptId, ConsentAction action);

    [LoggerMessage(EventId = 405, EventName = "StoreRecordsLostAtShutdown", Level = LogLevel.Error,
        Message = "{Count} queued consent records could not be written before shutdown and are lost.")]
    public static partial void LostAtShutdown(ILogger logger, int count);

    [LoggerMessage(EventId = 406, EventName = "StoreDuplicateAcknowledgement", Level = LogLevel.Debug,
        Message = "Notice acknowledgement for receipt {ReceiptId} not written: the receipt already has one for this notice text.")]
    public static partial void DuplicateAcknowledgement(ILogger logger, string receiptId);

    [LoggerMessage(EventId = 407, EventName = "StoreRecordUnverified", Level = LogLevel.Warning,
        Message = "Consent record {RecordId} for receipt {ReceiptId} does not match its digest: it was changed or damaged after it was written.")]
    public static partial void RecordUnverified(ILogger logger, Guid recordId, string receiptId);

    [LoggerMessage(EventId = 408, EventName = "StoreRecordsPurged", Level = LogLevel.Information,
        Message = "Retention: {Count} consent records older than {Cutoff:o} purged.")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 409, EventName = "StorePurgeFailed", Level = LogLevel.Error,
        Message = "Retention: purging consent records failed; the next run tries again.")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 410, EventName = "StoreMigrated", Level = LogLevel.Information,
        Message = "Consent store schema ({Provider}) is up to date.")]
    public static partial void Migrated(ILogger logger, string provider);
}
