using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>Writes proof records for an operator: CSV (one row per module decision) or JSON (one object per record), streamed.</summary>
public static class ConsentRecordExport
{
    /// <summary>The CSV header, in column order.</summary>
    public const string CsvHeader = "record_id,receipt_id,recorded_at_utc,source,action,module_id,measure,status,fingerprint,recipient,notice_sha256,language,gpc,verified";

    /// <summary>
    /// Writes one CSV row per module decision (RFC 4180, UTF-8). Text a spreadsheet would run as a formula
    /// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) is prefixed with an apostrophe.
    /// </summary>
    /// <param name="records">The records, for example from <see cref="IConsentRecordStore.FindAsync"/>.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How many records were written.</returns>
    public static async Task<int> WriteCsvAsync(IAsyncEnumerable<StoredConsentRecord> records, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(CsvHeader);
        var count = 0;
        var line = new StringBuilder(256);
        await foreach (var stored in records.WithCancellation(cancellationToken))
        {
            var r = stored.Record;
            foreach (var d in r.Decisions)
            {
                line.Clear();
                string[] cells =
                [
                    stored.Id.ToString("N"), r.ReceiptId, r.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                    r.Source.ToString(), r.Action.ToString(), d.ModuleId, d.Measure.ToString(), d.Status.ToString(), d.Fingerprint, d.Recipient,
                    r.NoticeSha256, RecordRows.LanguageCode(r.Language), r.GlobalPrivacyControl ? "true" : "false", stored.Verified ? "true" : "false",
                ];
                for (var i = 0; i < cells.Length; i++)
                {
                    AppendCell(line.Append(i == 0 ? "" : ","), cells[i]);
                }

                await writer.WriteLineAsync(line, cancellationToken);
            }

            count++;
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Writes a JSON array with one object per record, its decisions nested.</summary>
    /// <param name="records">The records.</param>
    /// <param name="stream">Where to write (UTF-8).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How many records were written.</returns>
    public static async Task<int> WriteJsonAsync(IAsyncEnumerable<StoredConsentRecord> records, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(stream);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        var count = 0;
        await foreach (var stored in records.WithCancellation(cancellationToken))
        {
            var r = stored.Record;
            json.WriteStartObject();
            json.WriteString("recordId", stored.Id.ToString("N"));
            json.WriteString("receiptId", r.ReceiptId);
            json.WriteString("recordedAt", r.Timestamp.UtcDateTime);
            json.WriteString("source", r.Source.ToString());
            json.WriteString("action", r.Action.ToString());
            json.WriteString("noticeSha256", r.NoticeSha256);
            json.WriteString("language", RecordRows.LanguageCode(r.Language));
            json.WriteString("controller", r.Controller);
            json.WriteBoolean("globalPrivacyControl", r.GlobalPrivacyControl);
            json.WriteBoolean("verified", stored.Verified);
            json.WriteStartArray("decisions");
            foreach (var d in r.Decisions)
            {
                json.WriteStartObject();
                json.WriteString("moduleId", d.ModuleId);
                json.WriteString("measure", d.Measure.ToString());
                json.WriteString("status", d.Status.ToString());
                json.WriteString("fingerprint", d.Fingerprint);
                json.WriteString("recipient", d.Recipient);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            count++;
            if (json.BytesPending > 16 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    private static void AppendCell(StringBuilder line, string value)
    {
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
