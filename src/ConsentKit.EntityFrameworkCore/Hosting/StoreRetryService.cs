using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>Drains the recorder's retry queue in order, waiting <see cref="ConsentStoreOptions.RetryInterval"/> after each failure.</summary>
internal sealed class StoreRetryService(
    StoreConsentRecorder recorder,
    ConsentStoreMetrics metrics,
    IOptions<ConsentStoreOptions> options,
    TimeProvider time,
    ILogger<StoreRetryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inFlight = 0;
        try
        {
            while (await recorder.Queue.WaitToReadAsync(stoppingToken))
            {
                while (recorder.Queue.TryRead(out var pending))
                {
                    recorder.Dequeued();
                    inFlight = 1;
                    await RetryUntilWrittenAsync(pending, stoppingToken);
                    inFlight = 0;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            var lost = recorder.QueuedCount + inFlight;
            if (lost > 0)
            {
                metrics.Dropped.Add(lost);
                Log.LostAtShutdown(logger, lost);
            }
        }
    }

    private async Task RetryUntilWrittenAsync(PendingRecord pending, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Task.Delay(options.Value.RetryInterval, time, stoppingToken);
            try
            {
                await recorder.WriteAsync(pending, isRetry: true, stoppingToken);
                metrics.Retried.Add(1);
                Log.RecordRetried(logger, pending.Id, pending.Record.ReceiptId, attempt);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics.Failed.Add(1);
                Log.RetryFailed(logger, pending.Id, attempt, ex.Message);
            }
        }
    }
}
