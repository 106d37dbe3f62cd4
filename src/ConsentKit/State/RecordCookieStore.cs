using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsentKit;

/// <summary>
/// Reads, verifies and writes the record cookie. A value that cannot be verified never grants anything; it hides
/// whatever it held, so OptOut modules wait for the banner (<see cref="RecordedDecision.Unreadable"/>). An entry for a
/// changed declaration keeps only a refusal or a stop (<see cref="ConsentRules.Carry"/>); expired entries and entries
/// for modules no longer declared are dropped, and the record is rewritten without them.
/// </summary>
internal sealed class RecordCookieStore(TransmissionCatalog catalog, ConsentRecordCodec codec, TimeProvider time, ILogger<RecordCookieStore> logger)
{
    private readonly int _lifetimeDays = (int)Math.Ceiling(catalog.CookieLifetime.TotalDays);
    private readonly RateLimit _unverifiable = new(TimeSpan.FromMinutes(1));
    private readonly RateLimit _duplicates = new(TimeSpan.FromMinutes(1));

    // Records without a receipt, by content: every first visitor whose banner acknowledged the same notices gets the same
    // value, encoded (one Data Protection call) once an hour rather than once per request.
    private readonly BoundedCache<string> _shared = new(capacity: 64, lifetime: TimeSpan.FromHours(1));

    // What verified values read as today: a returning visitor's unchanged cookie is verified once, not per request.
    private readonly VerifiedRecords _verified = new(catalog.Modules.Count);

    /// <summary>What this instance has verified (for tests).</summary>
    internal VerifiedRecords Verified => _verified;

    /// <summary>Off in the benchmark that measures a value seen for the first time (every read verifies in full).</summary>
    internal bool RemembersVerified { get; set; } = true;

    public VisitorRecord Read(HttpRequest request)
    {
        var name = catalog.RecordCookieName(request.IsHttps);
        var header = request.Headers.Cookie;
        var value = RecordCookieValues.First(header, name, out var count);
        var now = time.GetUtcNow();
        if (count <= 1)
        {
            var single = count == 0 ? new VisitorRecord(catalog.Modules.Count) : ReadOne(value, now);
            single.Arrived = count == 1;
            return single;
        }

        if (_duplicates.TryEnter(out var suppressed))
        {
            Log.DuplicateRecords(logger, count, suppressed);
        }

        VisitorRecord? record = null;
        foreach (var copy in RecordCookieValues.All(header, name))
        {
            var read = ReadOne(copy, now);
            if (record is null)
            {
                record = read;
            }
            else
            {
                record.MergeStricter(read);
            }
        }

        record!.Arrived = true;
        return record;
    }

    private VisitorRecord ReadOne(ReadOnlySpan<char> text, DateTimeOffset now)
    {
        var today = ConsentRecordCodec.DayOf(now);
        if (RemembersVerified && !text.IsEmpty && _verified.TryGet(text, today, codec, out var known))
        {
            return known;
        }

        var value = text.ToString();
        var record = new VisitorRecord(catalog.Modules.Count);
        var failure = codec.TryOpen(value, now, out var payload, out var verifiedBy);
        if (failure == RecordFailure.None && payload.Length == 0)
        {
            return record;
        }

        if (failure != RecordFailure.None)
        {
            LogFailure(failure);
            foreach (var m in catalog.Modules)
            {
                if (m.Measure == TransmissionMeasure.OptOut)
                {
                    record.Set(m.Index, RecordedDecision.Unreadable, 0);
                }
            }

            return record;
        }

        // An all-zero receipt is the shared first-visit record (see Write): this browser has no receipt yet.
        record.Receipt = ConsentRecordCodec.ReceiptOf(payload) is var receipt && receipt != Guid.Empty ? receipt : null;
        record.Flags = ConsentRecordCodec.FlagsOf(payload);

        // A v2 (Data Protection) record from before the upgrade keeps every choice and is re-issued in the current format.
        record.NeedsRewrite = payload[0] != ConsentRecordCodec.Version && codec.WritesVersion3;
        var oldest = today - _lifetimeDays;
        var count = ConsentRecordCodec.CountOf(payload);
        var issueDay = ConsentRecordCodec.DayOf(ConsentRecordCodec.IssuedAtOf(payload));
        for (var i = 0; i < count; i++)
        {
            var entry = ConsentRecordCodec.EntryAt(payload, i, issueDay);
            if (entry.Day < oldest || !catalog.ByIdKey.TryGetValue(entry.IdKey, out var module) || !module.IsRecorded)
            {
                record.NeedsRewrite = true;
                continue;
            }

            var changed = entry.DeclarationTag != module.DeclarationTag;
            record.Set(module.Index, ConsentRules.Carry(entry.Decision, changed), entry.Day);
            record.NeedsRewrite |= changed;
        }

        if (RemembersVerified && verifiedBy is { } key && payload[0] == ConsentRecordCodec.Version)
        {
            _verified.Add(value, today, key, record);
        }

        return record;
    }

    private void LogFailure(RecordFailure failure)
    {
        // Tampering and junk are the visitor's business; a key the application lost, an old format, a truncated
        // record or a clock in the future are the operator's, and undo visitors' choices until fixed.
        if (failure is RecordFailure.Tampered or RecordFailure.NotBase64 or RecordFailure.Oversize)
        {
            Log.RecordRejected(logger, failure);
        }
        else if (_unverifiable.TryEnter(out var suppressed))
        {
            Log.RecordUnverifiable(logger, failure, suppressed);
        }
    }

    public void Write(HttpContext context, VisitorRecord record)
    {
        var entries = new List<RecordEntry>();
        foreach (var m in catalog.Modules)
        {
            if (record.Decisions[m.Index] is var decision and not (RecordedDecision.None or RecordedDecision.Unreadable))
            {
                entries.Add(RecordEntry.For(m, decision, record.Days[m.Index]));
            }
        }

        var https = context.Request.IsHttps;
        string value;
        if (record.Receipt is { } receipt)
        {
            value = codec.Encode(receipt, time.GetUtcNow(), record.Flags, entries);
        }
        else
        {
            // Nothing was proven for this browser yet (a proof assigns the receipt): what the record holds is the same
            // for every such visitor, so it carries no identifier and the value is shared. The browser gets its own
            // receipt when it comes back with this record and its notice is proven (ResponseStartWork).
            value = SharedValue(record.Flags, entries);
        }

        context.Response.Cookies.Append(catalog.RecordCookieName(https), value, Options(catalog, https));
    }

    private string SharedValue(byte flags, List<RecordEntry> entries)
    {
        var now = time.GetUtcNow();
        var key = new System.Text.StringBuilder(16 + (entries.Count * 16)).Append(flags).Append('|').Append(ConsentRecordCodec.DayOf(now));
        foreach (var entry in entries)
        {
            key.Append('|').Append(entry.IdKey).Append(':').Append(entry.DeclarationTag).Append(':').Append((int)entry.Decision).Append(':').Append(entry.Day);
        }

        var k = key.ToString();
        if (!_shared.TryGet(k, out var value))
        {
            value = codec.Encode(Guid.Empty, now, flags, entries);
            _shared.Set(k, value);
        }

        return value;
    }

    /// <summary>The record cookie's attributes; also used to measure its capacity at startup.</summary>
    public static CookieOptions Options(TransmissionCatalog catalog, bool https) => new()
    {
        HttpOnly = catalog.CookieHttpOnly,
        Secure = https || catalog.CookieAlwaysSecure,
        SameSite = catalog.CookieSameSite,
        Path = catalog.CookiePath,
        Domain = catalog.CookieDomain,
        MaxAge = catalog.CookieLifetime,
        // Records a refusal too; CookiePolicy must never suppress it.
        IsEssential = true,
    };

    /// <summary>Lets one warning through per interval and counts the rest.</summary>
    private sealed class RateLimit(TimeSpan interval)
    {
        private long _nextAt;
        private int _suppressed;

        public bool TryEnter(out int suppressed)
        {
            var now = Environment.TickCount64;
            var next = Interlocked.Read(ref _nextAt);
            if (now < next || Interlocked.CompareExchange(ref _nextAt, now + (long)interval.TotalMilliseconds, next) != next)
            {
                Interlocked.Increment(ref _suppressed);
                suppressed = 0;
                return false;
            }

            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }
    }
}
