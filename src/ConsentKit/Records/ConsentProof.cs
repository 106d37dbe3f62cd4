using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>
/// Turns a decision into proof: builds the <see cref="ConsentRecord"/> (under the browser's receipt) and hands it to the
/// site's <see cref="IConsentRecorder"/>. A failing recorder is logged at Error and never undoes the decision, which
/// already lives in the visitor's cookie.
/// </summary>
internal sealed class ConsentProof(TransmissionCatalog catalog, NoticeDocuments documents, IConsentRecorder recorder, TimeProvider time, ILogger<ConsentProof> logger)
{
    public ConsentRecord Build(ExternalTransmissionFeature feature, ConsentAction action, ConsentSource source, NoticeLanguage language, IReadOnlyList<ModuleDescriptor> touched)
    {
        // One receipt per browser: every decision of this visitor is found under it, and a store can merge them.
        var receipt = feature.Record.Receipt ??= Guid.NewGuid();
        var entries = new ConsentRecordEntry[touched.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var m = touched[i];
            entries[i] = new ConsentRecordEntry
            {
                ModuleId = m.Id,
                Measure = m.Measure ?? TransmissionMeasure.Publication,
                Status = feature.StatusOf(m),
                Fingerprint = m.FingerprintHex,
                Recipient = m.RecipientName.Ja,
            };
        }

        return new ConsentRecord
        {
            ReceiptId = receipt.ToString("N"),
            Timestamp = time.GetUtcNow(),
            Source = source,
            Action = action,
            Decisions = entries,
            NoticeSha256 = documents.For(language).Sha256,
            Language = language,
            Controller = catalog.OperatorName.Ja,
            GlobalPrivacyControl = feature.GlobalPrivacyControl,
        };
    }

    public async Task RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await recorder.RecordAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RecorderFailed(logger, ex, record.ReceiptId);
        }
    }
}
