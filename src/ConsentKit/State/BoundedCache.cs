using System.Collections.Concurrent;

namespace ConsentKit;

/// <summary>
/// A small, bounded, time-limited map for results that depend only on their key and are expensive to recompute
/// (cryptography). When full it starts over: simple, lock-free, and an attacker who floods it only costs a refill.
/// </summary>
internal sealed class BoundedCache<TValue>(int capacity, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (TValue Value, long ExpiresAt)> _entries = new(StringComparer.Ordinal);
    private readonly long _lifetimeMs = (long)lifetime.TotalMilliseconds;

    public int Count => _entries.Count;

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
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = (value, Environment.TickCount64 + _lifetimeMs);
    }
}
