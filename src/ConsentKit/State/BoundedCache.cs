using System.Collections.Concurrent;

namespace ConsentKit;

/// <summary>
/// A small, bounded, time-limited map for results that depend only on their key and are expensive to recompute
/// (rendered snippets, hashes). When full, an insert drops one entry (an expired one if it
/// meets one among the first few, else an arbitrary one): a flood of new keys costs the flooder recomputation but never empties the cache of what
/// everyone else uses at once. The size is kept in a counter, so no insert takes the dictionary's locks to count. Keys
/// are compared ordinally, or by the comparer given; on .NET 9 and later a key can be looked up as a span, without a
/// string, when the comparer allows it.
/// </summary>
internal sealed class BoundedCache<TValue>
{
    private readonly ConcurrentDictionary<string, (TValue Value, long ExpiresAt)> _entries;
#if NET9_0_OR_GREATER
    private readonly ConcurrentDictionary<string, (TValue Value, long ExpiresAt)>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly bool _spanLookup;
#endif
    private readonly int _capacity;
    private readonly long _lifetimeMs;
    private int _count;

    public BoundedCache(int capacity, TimeSpan lifetime, IEqualityComparer<string>? comparer = null)
    {
        _capacity = capacity;
        _lifetimeMs = (long)lifetime.TotalMilliseconds;
        _entries = new(comparer ?? StringComparer.Ordinal);
#if NET9_0_OR_GREATER
        _spanLookup = _entries.TryGetAlternateLookup(out _bySpan);
#endif
    }

    /// <summary>The number of entries (approximate while writers race; never far above the capacity).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>At most this many entries are kept.</summary>
    public int Capacity => _capacity;

    public bool TryGet(string key, out TValue value) => Found(_entries.TryGetValue(key, out var entry), entry, out value);

    /// <summary>Looks a key up from a span: without a string on .NET 9 and later (when the comparer allows it).</summary>
    public bool TryGet(ReadOnlySpan<char> key, out TValue value)
    {
#if NET9_0_OR_GREATER
        if (_spanLookup)
        {
            return Found(_bySpan.TryGetValue(key, out var entry), entry, out value);
        }
#endif
        return TryGet(key.ToString(), out value);
    }

    private static bool Found(bool found, (TValue Value, long ExpiresAt) entry, out TValue value)
    {
        if (found && entry.ExpiresAt > Environment.TickCount64)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        var entry = (value, Environment.TickCount64 + _lifetimeMs);
        if (_entries.TryGetValue(key, out _))
        {
            _entries[key] = entry;
            return;
        }

        if (Volatile.Read(ref _count) >= _capacity)
        {
            MakeRoom();
        }

        if (_entries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[key] = entry;
        }
    }

    /// <summary>Drops one entry: the first expired one among a few, else the first one seen. Bounded work per insert.</summary>
    private void MakeRoom()
    {
        var now = Environment.TickCount64;
        string? first = null;
        var looked = 0;
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now && Remove(pair.Key))
            {
                return;
            }

            first ??= pair.Key;
            if (++looked == 16)
            {
                break;
            }
        }

        if (first is not null)
        {
            Remove(first);
        }
    }

    /// <summary>Drops an entry; true when it was there.</summary>
    public bool Remove(string key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }
}
