namespace ConsentKit.EntityFrameworkCore;

/// <summary>Converts between <see cref="ConsentRecord"/> and its rows. No IP address or user agent is ever stored.</summary>
internal static class RecordRows
{
    public static ProofRecordRow ToRow(Guid id, ConsentRecord record)
    {
        var at = ToStoredTime(record.Timestamp);
        var row = new ProofRecordRow
        {
            Id = id,
            ReceiptId = record.ReceiptId,
            RecordedAt = at,
            Source = record.Source.ToString(),
            Action = record.Action.ToString(),
            NoticeSha256 = record.NoticeSha256,
            Language = LanguageCode(record.Language),
            Controller = record.Controller,
            GlobalPrivacyControl = record.GlobalPrivacyControl,
            Decisions = record.Decisions.Select(d => new ProofDecisionRow
            {
                RecordId = id,
                ModuleId = d.ModuleId,
                Measure = d.Measure.ToString(),
                Status = d.Status.ToString(),
                Fingerprint = d.Fingerprint,
                Recipient = d.Recipient,
                RecordedAt = at,
            }).ToList(),
        };
        row.Digest = RecordDigest.Compute(row);
        return row;
    }

    public static ConsentRecord ToRecord(ProofRecordRow row) => new()
    {
        ReceiptId = row.ReceiptId,
        Timestamp = new DateTimeOffset(row.RecordedAt, TimeSpan.Zero),
        Source = Enum.Parse<ConsentSource>(row.Source),
        Action = Enum.Parse<ConsentAction>(row.Action),
        NoticeSha256 = row.NoticeSha256,
        Language = row.Language == "en" ? NoticeLanguage.English : NoticeLanguage.Japanese,
        Controller = row.Controller,
        GlobalPrivacyControl = row.GlobalPrivacyControl,
        Decisions = row.Decisions.OrderBy(d => d.ModuleId, StringComparer.Ordinal).Select(d => new ConsentRecordEntry
        {
            ModuleId = d.ModuleId,
            Measure = Enum.Parse<TransmissionMeasure>(d.Measure),
            Status = Enum.Parse<TransmissionStatus>(d.Status),
            Fingerprint = d.Fingerprint,
            Recipient = d.Recipient,
        }).ToList(),
    };

    public static ConsentDecision ToDecision(CurrentDecisionRow row) =>
        new(row.ModuleId, Enum.Parse<TransmissionStatus>(row.Status), row.Fingerprint, new DateTimeOffset(row.DecidedAt, TimeSpan.Zero));

    /// <summary>The decisions a record makes, as inputs to the merge.</summary>
    public static IReadOnlyList<ConsentDecision> DecisionsOf(ConsentRecord record)
    {
        var at = new DateTimeOffset(ToStoredTime(record.Timestamp), TimeSpan.Zero);
        return record.Decisions.Select(d => new ConsentDecision(d.ModuleId, d.Status, d.Fingerprint, at)).ToList();
    }

    /// <summary>UTC, to the microsecond: PostgreSQL keeps no finer, and the digest must survive the round trip.</summary>
    public static DateTime ToStoredTime(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }

    public static string LanguageCode(NoticeLanguage language) => language == NoticeLanguage.English ? "en" : "ja";
}
