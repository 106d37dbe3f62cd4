using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;

namespace ConsentKit;

/// <summary>
/// The keys that sign record format v3, derived from the application's Data Protection key ring, so they rotate with
/// it and every instance that shares the ring shares them. For each key of the ring (not revoked):
/// <c>HKDF-SHA256(ikm = the key's master key, salt = the key id, info = "ConsentKit.ConsentRecord.v3" ‖ 0 ‖
/// application discriminator ‖ 0 ‖ application name)</c>, 32 bytes. The discriminator is Data Protection's own
/// (two applications isolated from each other by Data Protection stay isolated here); the application name matches
/// the v2 protector's purpose. A record names its key by the first 4 bytes of the key id.
/// </summary>
internal sealed class RecordMacKeys
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RefreshOnMiss = TimeSpan.FromSeconds(5);
    private readonly IKeyManager _keyManager;
    private readonly IKeyRingProvider? _ringProvider;
    private readonly byte[] _info;
    private readonly object _gate = new();
    private Snapshot? _snapshot;

    private readonly TimeProvider _time;

    public RecordMacKeys(IKeyManager keyManager, IKeyRingProvider? ringProvider, string? discriminator, string? applicationName, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _keyManager = keyManager;
        _ringProvider = ringProvider;
        _info = Encoding.UTF8.GetBytes("ConsentKit.ConsentRecord.v3\0" + (discriminator ?? "") + "\0" + (applicationName ?? ""));
    }

    /// <summary>The short id of a Data Protection key, as a record names it.</summary>
    public static uint ShortId(Guid keyId)
    {
        Span<byte> bytes = stackalloc byte[16];
        keyId.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>The key new records are signed with: the ring's default key. False when no key's material can be read.</summary>
    public bool TryGetSigningKey(out uint id, out byte[] key)
    {
        Guid? defaultId = null;
        try
        {
            defaultId = _ringProvider?.GetCurrentKeyRing().DefaultKeyId;
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException or IOException)
        {
            // Reported below as "no signing key": the codec falls back to format v2 and says so.
        }

        var snapshot = Current(force: false);
        if (defaultId is { } wanted && wanted != snapshot.DefaultId)
        {
            snapshot = Current(force: true);
        }

        id = snapshot.DefaultShortId;
        key = snapshot.DefaultKey ?? [];
        return snapshot.DefaultKey is not null && (defaultId is null || defaultId == snapshot.DefaultId);
    }

    /// <summary>Every key a record naming <paramref name="id"/> may have been signed with (usually one, none when unknown).</summary>
    public byte[][] Candidates(uint id)
    {
        var snapshot = Current(force: false);
        if (snapshot.Keys.TryGetValue(id, out var keys))
        {
            return keys;
        }

        // A key another instance created moments ago: read the ring again, at most once per few seconds.
        if (Elapsed(snapshot) > RefreshOnMiss)
        {
            snapshot = Current(force: true);
            if (snapshot.Keys.TryGetValue(id, out keys))
            {
                return keys;
            }
        }

        return [];
    }

    private Snapshot Current(bool force)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (!force && snapshot is not null && Elapsed(snapshot) < Refresh)
        {
            return snapshot;
        }

        lock (_gate)
        {
            if (_snapshot is { } latest && !ReferenceEquals(latest, snapshot) && Elapsed(latest) < RefreshOnMiss)
            {
                return latest;
            }

            var built = Build();
            Volatile.Write(ref _snapshot, built);
            return built;
        }
    }

    private TimeSpan Elapsed(Snapshot snapshot) => _time.GetElapsedTime(snapshot.ReadAt);

    private Snapshot Build()
    {
        var byShortId = new Dictionary<uint, List<byte[]>>();
        IReadOnlyCollection<IKey> all;
        Guid? defaultId = null;
        try
        {
            all = _keyManager.GetAllKeys();
            defaultId = _ringProvider?.GetCurrentKeyRing().DefaultKeyId;
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException or IOException)
        {
            return new Snapshot(_time.GetTimestamp(), Guid.Empty, 0, null, []);
        }

        var now = _time.GetUtcNow();
        IKey? fallbackDefault = null;
        byte[]? defaultKey = null;
        foreach (var key in all)
        {
            if (key.IsRevoked || Derive(key) is not { } derived)
            {
                continue;
            }

            var shortId = ShortId(key.KeyId);
            if (!byShortId.TryGetValue(shortId, out var list))
            {
                byShortId[shortId] = list = [];
            }

            list.Add(derived);
            if (key.KeyId == defaultId)
            {
                defaultKey = derived;
            }

            // Without a ring provider: the most recently activated key that is active now.
            if (defaultId is null && key.ActivationDate <= now && key.ExpirationDate > now && (fallbackDefault is null || key.ActivationDate > fallbackDefault.ActivationDate))
            {
                fallbackDefault = key;
            }
        }

        if (defaultId is null && fallbackDefault is not null)
        {
            defaultId = fallbackDefault.KeyId;
            defaultKey = Derive(fallbackDefault);
        }

        var keys = byShortId.ToDictionary(p => p.Key, p => p.Value.ToArray());
        return new Snapshot(_time.GetTimestamp(), defaultId ?? Guid.Empty, defaultId is { } d ? ShortId(d) : 0, defaultKey, keys);
    }

    /// <summary>
    /// The MAC key of one ring key. The master key is read from the key's descriptor as Data Protection serializes it
    /// (the <c>masterKey/value</c> element every built-in algorithm writes); a key whose material is not readable
    /// (a custom descriptor) yields none.
    /// </summary>
    private byte[]? Derive(IKey key)
    {
        try
        {
            var xml = key.Descriptor.ExportToXml().SerializedDescriptorElement;
            var value = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "masterKey")?
                .Elements().FirstOrDefault(e => e.Name.LocalName == "value")?.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var master = Convert.FromBase64String(value.Trim());
            try
            {
                Span<byte> salt = stackalloc byte[16];
                key.KeyId.TryWriteBytes(salt);
                return HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt.ToArray(), _info);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(master);
            }
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException or FormatException or System.Xml.XmlException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record Snapshot(long ReadAt, Guid DefaultId, uint DefaultShortId, byte[]? DefaultKey, Dictionary<uint, byte[][]> Keys);
}
