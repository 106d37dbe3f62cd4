using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>The visitor's record for this request, one slot per declared module (by catalog index).</summary>
internal sealed class VisitorRecord
{
    public VisitorRecord(int moduleCount)
    {
        Decisions = new RecordedDecision[moduleCount];
        Days = new ushort[moduleCount];
    }

    /// <summary>What each module's current declaration was decided as; <see cref="RecordedDecision.None"/> when nothing applies.</summary>
    public RecordedDecision[] Decisions { get; }

    /// <summary>The day (<see cref="ConsentRecordCodec.DayOf"/>) each decision was made.</summary>
    public ushort[] Days { get; }

    public Guid? Receipt { get; set; }

    public byte Flags { get; set; }

    public void Set(int index, RecordedDecision decision, ushort day)
    {
        Decisions[index] = decision;
        Days[index] = day;
    }
}

/// <summary>
/// Reads, verifies and writes the record cookie. A value that cannot be verified counts as no decision and is never an
/// error; entries for declarations that changed since (other fingerprint) or that expired are dropped.
/// </summary>
internal sealed class RecordCookieStore(TransmissionCatalog catalog, ConsentRecordCodec codec, TimeProvider time, ILogger<RecordCookieStore> logger)
{
    private readonly int _lifetimeDays = (int)Math.Ceiling(catalog.CookieLifetime.TotalDays);

    public VisitorRecord Read(HttpRequest request)
    {
        var record = new VisitorRecord(catalog.Modules.Count);
        var now = time.GetUtcNow();
        var failure = codec.TryOpen(request.Cookies[catalog.CookieName], now, out var payload);
        if (failure != RecordFailure.None)
        {
            Log.RecordRejected(logger, failure);
        }

        if (payload.Length == 0)
        {
            return record;
        }

        record.Receipt = ConsentRecordCodec.ReceiptOf(payload);
        record.Flags = ConsentRecordCodec.FlagsOf(payload);
        var oldest = ConsentRecordCodec.DayOf(now) - _lifetimeDays;
        var count = ConsentRecordCodec.CountOf(payload);
        for (var i = 0; i < count; i++)
        {
            var entry = ConsentRecordCodec.EntryAt(payload, i);
            if (entry.Day >= oldest && catalog.ByFingerprint.TryGetValue(entry.Fingerprint, out var module))
            {
                record.Set(module.Index, entry.Decision, entry.Day);
            }
        }

        return record;
    }

    public void Write(HttpContext context, VisitorRecord record)
    {
        var entries = new List<RecordEntry>();
        foreach (var m in catalog.Modules)
        {
            if (record.Decisions[m.Index] is var decision and not RecordedDecision.None)
            {
                entries.Add(new RecordEntry(m.Fingerprint, decision, record.Days[m.Index]));
            }
        }

        var receipt = record.Receipt ??= Guid.NewGuid();
        var value = codec.Encode(receipt, time.GetUtcNow(), record.Flags, entries);
        context.Response.Cookies.Append(catalog.CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = catalog.CookiePath,
            Domain = catalog.CookieDomain,
            MaxAge = catalog.CookieLifetime,
            // Records a refusal too; CookiePolicy must never suppress it.
            IsEssential = true,
        });
    }
}
