using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>The default recorder: one structured Information event per record (event id 100, "ConsentRecorded").</summary>
internal sealed partial class LoggingConsentRecorder(ILogger<LoggingConsentRecorder> logger) : IConsentRecorder
{
    public ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            ConsentRecorded(logger, record.ReceiptId, record.Source, record.Action, JsonSerializer.Serialize(record, ConsentKitJsonContext.Default.ConsentRecord));
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 100, EventName = "ConsentRecorded", Level = LogLevel.Information,
        Message = "Consent record {ReceiptId} ({Source}, {Action}): {Record}")]
    private static partial void ConsentRecorded(ILogger logger, string receiptId, ConsentSource source, ConsentAction action, string record);
}
