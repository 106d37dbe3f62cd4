using System.Collections.Concurrent;

namespace ConsentKit;

/// <summary>
/// A small, bounded, time-limited map for results that depend only on their key and are expensive to recompute
/// (rendered snippets, hashes). When full, an insert drops one entry (an expired one if it
/// meets one among the first few, else an arbitrary one): a flood of new keys costs the flooder recomputation but never empties the cache of what
/// everyone else uses at once. The size is kept in a counter, so no insert takes the dictionary's locks to count.
/// </summary>
internal sealed class BoundedCache<TValue>(int capacity, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (TValue Value, long ExpiresAt)> _entries = new(StringComparer.Ordinal);
    private readonly long _lifetimeMs = (long)lifetime.TotalMilliseconds;
    private int _count;

    /// <summary>The number of entries (approximate while writers race; never far above the capacity).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > Environment.TickCount64)
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

        if (Volatile.Read(ref _count) >= capacity)
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

    private bool Remove(string key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }
}
