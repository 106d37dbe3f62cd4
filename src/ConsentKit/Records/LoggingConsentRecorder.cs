using System.Text;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>
/// The default recorder: one Information event per record (event id 100, "ConsentRecorded") with each part of the
/// record in its own structured field, so a log store can filter by receipt, action or module without parsing JSON.
/// </summary>
internal sealed partial class LoggingConsentRecorder(ILogger<LoggingConsentRecorder> logger) : IConsentRecorder
{
    public ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            ConsentRecorded(logger, record.ReceiptId, record.Source, record.Action, DecisionsOf(record), record.NoticeSha256, record.Language,
                record.GlobalPrivacyControl, record.Timestamp);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>"module=Status@fingerprint" for each decision, space-separated.</summary>
    private static string DecisionsOf(ConsentRecord record)
    {
        var text = new StringBuilder(record.Decisions.Count * 40);
        foreach (var d in record.Decisions)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(d.ModuleId).Append('=').Append(d.Status).Append('@').Append(d.Fingerprint);
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 100, EventName = "ConsentRecorded", Level = LogLevel.Information,
        Message = "Consent record {ReceiptId} ({Source}, {Action}): {Decisions}; notice {NoticeSha256} ({Language}); GPC {GlobalPrivacyControl}; at {Timestamp:o}")]
    private static partial void ConsentRecorded(ILogger logger, string receiptId, ConsentSource source, ConsentAction action, string decisions,
        string noticeSha256, NoticeLanguage language, bool globalPrivacyControl, DateTimeOffset timestamp);
}
