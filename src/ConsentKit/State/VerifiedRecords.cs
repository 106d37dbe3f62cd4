namespace ConsentKit;

/// <summary>
/// Record values this instance has verified today, with what they read as. A returning visitor's cookie is the same
/// string on every request until a choice changes it, so the MAC, the base64url decoding and the per-entry walk run
/// once per value and day instead of once per request. Only v3 values that verified are kept: a tampered, unreadable
/// or old-format value is checked in full every time and never enters. An entry counts only on the day it was read
/// (expiry is by day) and only while the key that verified it is still in the key ring (a revoked key stops it at
/// once). Bounded by a character budget (2 million characters, about 4 MB, by default) in a <see cref="BoundedCache{TValue}"/>:
/// when full, an insert drops one entry.
/// Lookups hash only the value's tail (its MAC) and then compare the whole value, so a lookup costs the same for a
/// 5-module record and a 500-module one, and needs no string on .NET 9 and later.
/// </summary>
internal sealed class VerifiedRecords
{
    private readonly BoundedCache<Entry> _entries;

    public VerifiedRecords(int moduleCount, int characterBudget = 2_000_000)
    {
        // What one entry holds, in characters (two bytes each): a full record's value (header, entries, key id and tag,
        // in base64url), the vector key (one per module), the decision and day arrays (three bytes per module), and
        // about 160 bytes of objects.
        var bytes = ConsentRecordCodec.HeaderSize + (((moduleCount * ConsentRecordCodec.EntryBits) + 7) / 8) + ConsentRecordCodec.KeyIdSize + ConsentRecordCodec.TagSize;
        var perEntry = (bytes * 4 / 3) + moduleCount + (moduleCount * 3 / 2) + 80;

        // Entries outlive their day by at most a day: when full, one from an earlier day goes first.
        _entries = new(Math.Clamp(characterBudget / perEntry, 64, 8192), TimeSpan.FromDays(1), new TailComparer());
    }

    /// <summary>How many values are kept (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>At most this many values are kept.</summary>
    public int Capacity => _entries.Capacity;

    public bool TryGet(ReadOnlySpan<char> value, ushort today, ConsentRecordCodec codec, out VisitorRecord record)
    {
        if (_entries.TryGet(value, out var entry) && entry.Day == today)
        {
            if (codec.StillTrusts(entry.Key))
            {
                record = entry.Record.CopyForRequest();
                return true;
            }

            // Its key was revoked or left the ring: the value is verified in full again (and fails).
            _entries.Remove(entry.Value);
        }

        record = default!;
        return false;
    }

    /// <summary>Keeps what a verified v3 value reads as today; <paramref name="record"/> is copied, not shared.</summary>
    public void Add(string value, ushort today, VerifiedKey key, VisitorRecord record) =>
        _entries.Set(value, new Entry(value, today, key, record.CopyToRemember()));

    private sealed record Entry(string Value, ushort Day, VerifiedKey Key, VisitorRecord Record);

    /// <summary>Hashes the last characters only (a v3 value ends with its MAC); equality is the whole value.</summary>
    private sealed class TailComparer : IEqualityComparer<string>
#if NET9_0_OR_GREATER
        , IAlternateEqualityComparer<ReadOnlySpan<char>, string>
#endif
    {
        private const int Tail = 24;

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);

        public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();

        private static int Hash(ReadOnlySpan<char> value) =>
            HashCode.Combine(value.Length, string.GetHashCode(value.Length <= Tail ? value : value[^Tail..], StringComparison.Ordinal));
    }
}

/// <summary>The ring key a v3 value verified with (its short id and derived MAC key).</summary>
internal readonly record struct VerifiedKey(uint Id, byte[] Key);
