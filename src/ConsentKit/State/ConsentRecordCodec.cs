using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;

namespace ConsentKit;

/// <summary>
/// The visitor's record, as stored in one first-party cookie. It needs integrity, not secrecy: the cookie is the
/// visitor's own choices. Format v3 (written now): the payload, then the key's short id (4) and the first 16 bytes of
/// HMAC-SHA256(key, payload ‖ key id), with keys derived from the Data Protection key ring (<see cref="RecordMacKeys"/>),
/// so no script, hand edit or sibling application can forge it and keys rotate with the ring. Format v2 (read, and
/// re-issued as v3): the same payload protected with Data Protection. Payload (big-endian): version(1), issuedAt
/// seconds since 2020-01-01 (4), receipt(16), flags(1), count(2), then count × 46-bit entries [id key(22) declaration
/// tag(12) decision(3) age in days before issuedAt(9)], padded to a byte. v1 records (64-bit fingerprints, no id key)
/// read as <see cref="RecordFailure.UnknownVersion"/>.
/// </summary>
internal sealed partial class ConsentRecordCodec
{
    /// <summary>The format written: a MAC over the payload.</summary>
    public const byte Version = 3;

    /// <summary>The format Data Protection protected; still read, and re-issued as <see cref="Version"/>.</summary>
    public const byte ProtectedVersion = 2;

    /// <summary>Bytes after a v3 payload: the key's short id and the truncated MAC.</summary>
    public const int KeyIdSize = 4;
    public const int TagSize = 16;
    public const int HeaderSize = 1 + 4 + 16 + 1 + 2;
    public const int EntryBits = IdKeyBits + DeclarationTagBits + DecisionBits + AgeBits;
    public const int IdKeyBits = 22;
    public const int DeclarationTagBits = 12;
    private const int DecisionBits = 3;
    private const int AgeBits = 9;

    /// <summary>Browsers keep at most 4096 bytes per cookie (name, value and attributes); anything longer was not written by us.</summary>
    public const int MaxCookieLength = 4096;

    public const byte FlagGpcRecorded = 1;

    /// <summary>The banner acknowledged a notice whose proof is written when the browser returns with this cookie, so a
    /// cookieless crawler never leaves a record per request.</summary>
    public const byte FlagNoticeProofPending = 2;

    /// <summary>With <see cref="FlagNoticeProofPending"/>: the visitor preferred English (shown beside the Japanese).</summary>
    public const byte FlagNoticeShownInEnglish = 4;

    private static readonly DateOnly Epoch = new(2020, 1, 1);
    private static readonly long EpochSeconds = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private readonly IDataProtector _protector;
    private readonly IDataProtector _v1;
    private readonly KeyRingCheck _keys;
    private readonly RecordMacKeys? _macKeys;

    // Verifying a v3 record is one HMAC over a few hundred bytes; RecordCookieStore keeps what verified values read as
    // for the day (VerifiedRecords), keyed by the value's tail. v2 records are opened once and re-issued as v3.

    /// <param name="provider">Data Protection, for v2 records (and for writing them when no MAC key is available).</param>
    /// <param name="applicationName">Part of the purpose: two applications sharing one key ring never accept each other's records.</param>
    /// <param name="keyManager">Tells a lost key from tampering; optional.</param>
    /// <param name="macKeys">The v3 signing keys; without them records are written as v2.</param>
    public ConsentRecordCodec(IDataProtectionProvider provider, string? applicationName = null, IKeyManager? keyManager = null, RecordMacKeys? macKeys = null)
    {
        _protector = provider.CreateProtector("ConsentKit.ConsentRecord", "v2", applicationName ?? "");
        _v1 = provider.CreateProtector("ConsentKit.ConsentRecord.v1");
        _keys = new KeyRingCheck(keyManager);
        _macKeys = macKeys;
    }

    /// <summary>Whether new records are written as v3 (a MAC key could be derived from the key ring).</summary>
    public bool WritesVersion3 => _macKeys is not null && _macKeys.TryGetSigningKey(out _, out _);

    public static ushort DayOf(DateTimeOffset time)
    {
        var days = DateOnly.FromDateTime(time.UtcDateTime).DayNumber - Epoch.DayNumber;
        return (ushort)Math.Clamp(days, 0, ushort.MaxValue);
    }

    /// <summary>The longest age an entry can carry; cookie lifetimes are at most 400 days.</summary>
    public const int MaxAgeDays = (1 << AgeBits) - 1;

    public string Encode(Guid receipt, DateTimeOffset issuedAt, byte flags, IReadOnlyList<RecordEntry> entries)
    {
        uint keyId = 0;
        byte[] key = [];
        var signed = _macKeys is not null && _macKeys.TryGetSigningKey(out keyId, out key);
        var payloadLength = HeaderSize + (((entries.Count * EntryBits) + 7) / 8);
        var bytes = new byte[payloadLength + (signed ? KeyIdSize + TagSize : 0)];
        var payload = bytes.AsSpan(0, payloadLength);
        payload[0] = signed ? Version : ProtectedVersion;
        var seconds = (uint)Math.Clamp(issuedAt.ToUnixTimeSeconds() - EpochSeconds, 0, uint.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(payload[1..], seconds);
        receipt.TryWriteBytes(payload.Slice(5, 16));
        payload[21] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(payload[22..], checked((ushort)entries.Count));
        var issueDay = DayOf(issuedAt);
        var bits = new BitCursor(bytes, HeaderSize * 8);
        foreach (var entry in entries)
        {
            bits.Write(entry.IdKey, IdKeyBits);
            bits.Write(entry.DeclarationTag, DeclarationTagBits);
            bits.Write((uint)entry.Decision, DecisionBits);
            bits.Write((uint)Math.Clamp(issueDay - entry.Day, 0, MaxAgeDays), AgeBits);
        }

        if (!signed)
        {
            return WebEncoders.Base64UrlEncode(_protector.Protect(bytes));
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(payloadLength), keyId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(key, bytes.AsSpan(0, payloadLength + KeyIdSize), mac);
        mac[..TagSize].CopyTo(bytes.AsSpan(payloadLength + KeyIdSize));
        return WebEncoders.Base64UrlEncode(bytes);
    }

    /// <summary>Verifies and opens a cookie value. Never throws.</summary>
    public RecordFailure TryOpen(string? cookie, DateTimeOffset now, out byte[] payload) => TryOpen(cookie, now, out payload, out _);

    /// <summary>Verifies and opens a cookie value; <paramref name="verifiedBy"/> names the ring key of a v3 value that verified.</summary>
    public RecordFailure TryOpen(string? cookie, DateTimeOffset now, out byte[] payload, out VerifiedKey? verifiedBy)
    {
        payload = [];
        verifiedBy = null;
        if (string.IsNullOrEmpty(cookie))
        {
            return RecordFailure.None;
        }

        if (cookie.Length > MaxCookieLength)
        {
            return RecordFailure.Oversize;
        }

        // Only the canonical base64url alphabet: Convert.FromBase64 would skip white space, so one record could
        // otherwise have many spellings.
        if (!IsBase64Url(cookie))
        {
            return RecordFailure.NotBase64;
        }

        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(cookie);
        }
        catch (FormatException)
        {
            return RecordFailure.NotBase64;
        }

        // A v3 record starts with its version; a Data Protection payload starts with its magic header (0x09F0C9F0).
        var opened = bytes is [Version, ..] ? OpenSigned(bytes, out payload, out verifiedBy) : OpenProtected(bytes, out payload);
        if (opened != RecordFailure.None)
        {
            payload = [];
            verifiedBy = null;
            return opened;
        }

        var structure = payload.Length < 1 ? RecordFailure.Truncated
            : payload[0] is not (Version or ProtectedVersion) ? RecordFailure.UnknownVersion
            : payload.Length < HeaderSize || payload.Length != HeaderSize + (((CountOf(payload) * EntryBits) + 7) / 8) ? RecordFailure.Truncated
            : CheckTime(payload, now);
        if (structure != RecordFailure.None)
        {
            payload = [];
            verifiedBy = null;
            return structure;
        }

        return RecordFailure.None;
    }

    /// <summary>Format v3: the key named by the record, then the MAC, compared in constant time.</summary>
    private RecordFailure OpenSigned(byte[] bytes, out byte[] payload, out VerifiedKey? verifiedBy)
    {
        payload = [];
        verifiedBy = null;
        if (bytes.Length < HeaderSize + KeyIdSize + TagSize)
        {
            return RecordFailure.Truncated;
        }

        var signedLength = bytes.Length - TagSize;
        var keyId = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(signedLength - KeyIdSize));
        var candidates = _macKeys?.Candidates(keyId) ?? [];
        if (candidates.Length == 0)
        {
            // Signed with a key this application does not have (lost, not shared, or revoked): like a lost key in v2.
            return RecordFailure.UnknownKey;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var tag = bytes.AsSpan(signedLength);
        foreach (var key in candidates)
        {
            Mac(key, bytes.AsSpan(0, signedLength), mac);
            if (CryptographicOperations.FixedTimeEquals(mac[..TagSize], tag))
            {
                payload = bytes[..(signedLength - KeyIdSize)];
                verifiedBy = new VerifiedKey(keyId, key);
                return RecordFailure.None;
            }
        }

        return RecordFailure.Tampered;
    }

    /// <summary>The key that verified a value is still in the ring (not revoked, not lost).</summary>
    public bool StillTrusts(VerifiedKey verified)
    {
        foreach (var key in _macKeys?.Candidates(verified.Id) ?? [])
        {
            if (ReferenceEquals(key, verified.Key) || key.AsSpan().SequenceEqual(verified.Key))
            {
                return true;
            }
        }

        return false;
    }

    // One HMAC context per key and thread, reset after each use: creating one per call costs more than hashing a record.
    [ThreadStatic]
    private static Dictionary<object, IncrementalHash>? t_macs;

    private static void Mac(byte[] key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var macs = t_macs ??= new Dictionary<object, IncrementalHash>(ReferenceEqualityComparer.Instance);
        if (!macs.TryGetValue(key, out var mac))
        {
            if (macs.Count >= 8)
            {
                // Keys rotate rarely; a thread that has seen many drops them all rather than keep retired ones.
                foreach (var old in macs.Values)
                {
                    old.Dispose();
                }

                macs.Clear();
            }

            macs[key] = mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        }

        mac.AppendData(data);
        mac.GetHashAndReset(destination);
    }

    /// <summary>Format v2: Data Protection.</summary>
    private RecordFailure OpenProtected(byte[] protectedBytes, out byte[] payload)
    {
        try
        {
            payload = _protector.Unprotect(protectedBytes);
        }
        catch (CryptographicException)
        {
            payload = [];
            return _keys.IsLostKey(protectedBytes) ? RecordFailure.UnknownKey
                : IsVersion1(protectedBytes) ? RecordFailure.UnknownVersion
                : RecordFailure.Tampered;
        }

        // A v3 payload is never Data Protection protected: inside a v2 envelope only v2 counts.
        return payload is [Version, ..] ? RecordFailure.UnknownVersion : RecordFailure.None;
    }

    /// <summary>A record written before v2 is not migrated: it reads as unreadable, with its own reason in the log.</summary>
    private bool IsVersion1(byte[] protectedBytes)
    {
        try
        {
            return _v1.Unprotect(protectedBytes) is [1, ..];
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static RecordFailure CheckTime(byte[] payload, DateTimeOffset now) =>
        IssuedAtOf(payload) > now.AddMinutes(5) ? RecordFailure.FromTheFuture : RecordFailure.None;

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static bool IsBase64Url(string value) => !value.AsSpan().ContainsAnyExcept(Base64UrlAlphabet);
}
