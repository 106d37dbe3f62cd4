using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ConsentKit.EntityFrameworkCore;

/// <summary>
/// SHA-256 over a record's content, stored beside it and checked on every read. It reveals corruption and an edit
/// made without recomputing it; it is not a signature against someone who can write the table and knows this code.
/// </summary>
internal static class RecordDigest
{
    public static string Compute(ProofRecordRow row)
    {
        var text = new StringBuilder(256)
            .Append(row.Id.ToString("N")).Append('|').Append(row.ReceiptId).Append('|')
            .Append(row.RecordedAt.Ticks.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(row.Source).Append('|').Append(row.Action).Append('|').Append(row.NoticeSha256).Append('|')
            .Append(row.Language).Append('|').Append(row.Controller).Append('|').Append(row.GlobalPrivacyControl ? '1' : '0');
        foreach (var d in row.Decisions.OrderBy(d => d.ModuleId, StringComparer.Ordinal))
        {
            text.Append('|').Append(d.ModuleId).Append(',').Append(d.Measure).Append(',').Append(d.Status)
                .Append(',').Append(d.Fingerprint).Append(',').Append(d.Recipient);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static bool Verify(ProofRecordRow row) => string.Equals(row.Digest, Compute(row), StringComparison.Ordinal);
}
