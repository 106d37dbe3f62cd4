using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>Purges proof records older than <see cref="ConsentStoreOptions.Retention"/>, at start and then every <see cref="ConsentStoreOptions.RetentionInterval"/>.</summary>
internal sealed class RetentionService(
    IConsentRecordStore store,
    IOptions<ConsentStoreOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await store.PurgeAsync(time.GetUtcNow() - o.Retention, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.PurgeFailed(logger, ex);
                }

                await Task.Delay(o.RetentionInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
