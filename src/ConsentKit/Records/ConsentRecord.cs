namespace ConsentKit;

/// <summary>
/// Proof of one decision: who decided (by receipt, not identity), when, what, about which version of which module,
/// having seen which notice text. Maps onto ISO/IEC TS 27560 consent records (see docs/architecture.md).
/// </summary>
public sealed class ConsentRecord
{
    /// <summary>Receipt id, also stored in the visitor's cookie, so a visitor's record can be found.</summary>
    public required string ReceiptId { get; init; }

    /// <summary>When the decision was recorded (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Where it was made.</summary>
    public required ConsentSource Source { get; init; }

    /// <summary>What the visitor did.</summary>
    public required ConsentAction Action { get; init; }

    /// <summary>The decision for each module the action touched.</summary>
    public required IReadOnlyList<ConsentRecordEntry> Decisions { get; init; }

    /// <summary>SHA-256 (hex) of the notice text in the language the visitor saw. The same hash is published in the notice JSON.</summary>
    public required string NoticeSha256 { get; init; }

    /// <summary>The language of that notice.</summary>
    public required NoticeLanguage Language { get; init; }

    /// <summary>The operator (PII controller).</summary>
    public required string Controller { get; init; }

    /// <summary>Whether the request carried <c>Sec-GPC: 1</c>.</summary>
    public required bool GlobalPrivacyControl { get; init; }
}

/// <summary>One module's decision in a <see cref="ConsentRecord"/>.</summary>
public sealed class ConsentRecordEntry
{
    /// <summary>The module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>The module's measure.</summary>
    public required TransmissionMeasure Measure { get; init; }

    /// <summary>The resulting status.</summary>
    public required TransmissionStatus Status { get; init; }

    /// <summary>Fingerprint (hex) of the declaration decided on: recipient, information, purposes and measure.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The recipient's legal name, as declared.</summary>
    public required string Recipient { get; init; }
}

/// <summary>Receives every consent record. The default writes one structured log event; register your own to keep records in a store.</summary>
public interface IConsentRecorder
{
    /// <summary>Keeps a record. Called after the record cookie is written; an exception here is logged and does not undo the decision.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>A task that completes when the record is kept.</returns>
    ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken);
}
