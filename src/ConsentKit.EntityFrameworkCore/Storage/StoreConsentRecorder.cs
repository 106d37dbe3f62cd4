using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>A record waiting for the database, with the id it keeps across retries (so a retry never writes it twice).</summary>
internal sealed record PendingRecord(Guid Id, ConsentRecord Record);

/// <summary>
/// Writes every record to the store before the visitor's response goes out (the core awaits the recorder before its
/// 303 or 200). When the database fails, the choice still applies through the cookie; the failure is logged at Error,
/// counted, and the record waits in a bounded in-memory queue that <see cref="StoreRetryService"/> drains.
/// </summary>
internal sealed class StoreConsentRecorder : IConsentRecorder
{
    private readonly ConsentRecordWriter _writer;
    private readonly ConsentStoreMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<PendingRecord> _queue;
    private int _queued;

    public StoreConsentRecorder(ConsentRecordWriter writer, ConsentStoreMetrics metrics, IOptions<ConsentStoreOptions> options, ILogger<StoreConsentRecorder> logger)
    {
        _writer = writer;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingRecord>(
            new BoundedChannelOptions(Math.Max(1, options.Value.RetryQueueCapacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnDropped);
    }

    internal ChannelReader<PendingRecord> Queue => _queue.Reader;

    /// <summary>Records waiting in the retry queue.</summary>
    internal int QueuedCount => Volatile.Read(ref _queued);

    public async ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        _metrics.CountDecisions(record);
        var pending = new PendingRecord(Guid.CreateVersion7(record.Timestamp), record);
        try
        {
            // Not the request's token: a visitor who closes the tab must not leave a half-kept record.
            await WriteAsync(pending, isRetry: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _metrics.Failed.Add(1);
            Enqueue(pending);
            Log.WriteFailed(_logger, ex, pending.Id, record.ReceiptId, record.Action, QueuedCount);
        }
    }

    internal async Task WriteAsync(PendingRecord pending, bool isRetry, CancellationToken cancellationToken)
    {
        var outcome = await _writer.WriteAsync(pending.Id, pending.Record, isRetry, cancellationToken);
        switch (outcome)
        {
            case WriteOutcome.Written:
                _metrics.Written.Add(1);
                Log.RecordWritten(_logger, pending.Id, pending.Record.ReceiptId, pending.Record.Source, pending.Record.Action);
                break;
            case WriteOutcome.DuplicateAcknowledgement:
                Log.DuplicateAcknowledgement(_logger, pending.Record.ReceiptId);
                break;
        }
    }

    internal void Dequeued() => Interlocked.Decrement(ref _queued);

    private void Enqueue(PendingRecord pending)
    {
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _queued);
            OnDropped(pending);
        }
    }

    private void OnDropped(PendingRecord pending)
    {
        Interlocked.Decrement(ref _queued);
        _metrics.Dropped.Add(1);
        Log.RecordDropped(_logger, pending.Id, pending.Record.ReceiptId, pending.Record.Action);
    }
}
