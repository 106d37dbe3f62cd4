namespace ConsentKit.EntityFrameworkCore;

/// <summary>One row per consent record. Append-only: rows are inserted, never updated; only retention deletes them.</summary>
internal sealed class ProofRecordRow
{
    public Guid Id { get; set; }

    public string ReceiptId { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public string Source { get; set; } = "";

    public string Action { get; set; } = "";

    public string NoticeSha256 { get; set; } = "";

    public string Language { get; set; } = "";

    public string Controller { get; set; } = "";

    public bool GlobalPrivacyControl { get; set; }

    /// <summary>SHA-256 (hex) over the record's content, checked on every read (see <see cref="RecordDigest"/>).</summary>
    public string Digest { get; set; } = "";

    public List<ProofDecisionRow> Decisions { get; set; } = [];
}

/// <summary>One module's decision inside a <see cref="ProofRecordRow"/>.</summary>
internal sealed class ProofDecisionRow
{
    public Guid RecordId { get; set; }

    public string ModuleId { get; set; } = "";

    public string Measure { get; set; } = "";

    public string Status { get; set; } = "";

    public string Fingerprint { get; set; } = "";

    public string Recipient { get; set; } = "";

    /// <summary>Copied from the record so that "by module, by date" needs no join.</summary>
    public DateTime RecordedAt { get; set; }
}

/// <summary>The current decision of one receipt for one module: what the merge rule settled on.</summary>
internal sealed class CurrentDecisionRow
{
    public string ReceiptId { get; set; } = "";

    public string ModuleId { get; set; } = "";

    public string Status { get; set; } = "";

    public string Fingerprint { get; set; } = "";

    public DateTime DecidedAt { get; set; }

    /// <summary>Optimistic concurrency token: two instances merging the same receipt never overwrite each other blindly.</summary>
    public int Version { get; set; }
}
