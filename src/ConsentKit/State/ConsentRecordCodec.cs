using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;

namespace ConsentKit;

/// <summary>Why a record cookie was not accepted. Each reads as "no decision", never as a grant.</summary>
internal enum RecordFailure
{
    None = 0,
    Oversize,
    NotBase64,
    Tampered,
    Truncated,
    UnknownVersion,
    FromTheFuture,

    /// <summary>Protected with a key this application no longer has: the key ring was lost or not shared.</summary>
    UnknownKey,
}

/// <summary>
/// One module's entry: a 22-bit hash of the module id, a 12-bit tag of the declaration decided on, the decision and
/// its day (days since 2020-01-01).
/// </summary>
internal readonly record struct RecordEntry(uint IdKey, ushort DeclarationTag, RecordedDecision Decision, ushort Day)
{
    public static RecordEntry For(ModuleDescriptor module, RecordedDecision decision, ushort day) =>
        new(module.IdKey, module.DeclarationTag, decision, day);
}

/// <summary>
/// The visitor's record, as stored in one first-party cookie, protected (authenticated and encrypted) with ASP.NET Core
/// Data Protection under a purpose bound to the application, so no script, hand edit or sibling application can forge
/// it. Layout v2 (big-endian): version(1)=2, issuedAt seconds since 2020-01-01 (4), receipt(16), flags(1), count(2),
/// then count × 46-bit entries [id key(22) declaration tag(12) decision(3) age in days before issuedAt(9)], padded to
/// a byte. v1 records (64-bit fingerprints, no id key) read as <see cref="RecordFailure.UnknownVersion"/>.
/// </summary>
internal sealed class ConsentRecordCodec
{
    public const byte Version = 2;
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

    // Opening a record costs a Data Protection key derivation (~17 µs); a returning visitor sends the same value on
    // every request. Only values that opened successfully, or that this codec wrote, are kept; entries expire so a
    // revoked key stops being honoured within the lifetime. Payloads are never mutated after this point.
    private readonly BoundedCache<byte[]> _verified = new(capacity: 4096, lifetime: TimeSpan.FromMinutes(10));

    /// <param name="provider">Data Protection.</param>
    /// <param name="applicationName">Part of the purpose: two applications sharing one key ring never accept each other's records.</param>
    /// <param name="keyManager">Tells a lost key from tampering; optional.</param>
    public ConsentRecordCodec(IDataProtectionProvider provider, string? applicationName = null, IKeyManager? keyManager = null)
    {
        _protector = provider.CreateProtector("ConsentKit.ConsentRecord", "v2", applicationName ?? "");
        _v1 = provider.CreateProtector("ConsentKit.ConsentRecord.v1");
        _keys = new KeyRingCheck(keyManager);
    }

    public static ushort DayOf(DateTimeOffset time)
    {
        var days = DateOnly.FromDateTime(time.UtcDateTime).DayNumber - Epoch.DayNumber;
        return (ushort)Math.Clamp(days, 0, ushort.MaxValue);
    }

    /// <summary>The longest age an entry can carry; cookie lifetimes are at most 400 days.</summary>
    public const int MaxAgeDays = (1 << AgeBits) - 1;

    public string Encode(Guid receipt, DateTimeOffset issuedAt, byte flags, IReadOnlyList<RecordEntry> entries)
    {
        var payload = new byte[HeaderSize + (((entries.Count * EntryBits) + 7) / 8)];
        payload[0] = Version;
        var seconds = (uint)Math.Clamp(issuedAt.ToUnixTimeSeconds() - EpochSeconds, 0, uint.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), seconds);
        receipt.TryWriteBytes(payload.AsSpan(5, 16));
        payload[21] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(22), checked((ushort)entries.Count));
        var issueDay = DayOf(issuedAt);
        var bits = new BitCursor(payload, HeaderSize * 8);
        foreach (var entry in entries)
        {
            bits.Write(entry.IdKey, IdKeyBits);
            bits.Write(entry.DeclarationTag, DeclarationTagBits);
            bits.Write((uint)entry.Decision, DecisionBits);
            bits.Write((uint)Math.Clamp(issueDay - entry.Day, 0, MaxAgeDays), AgeBits);
        }

        var value = WebEncoders.Base64UrlEncode(_protector.Protect(payload));
        if (value.Length <= MaxCookieLength)
        {
            _verified.Set(value, payload);
        }

        return value;
    }

    /// <summary>Verifies and opens a cookie value. Never throws.</summary>
    public RecordFailure TryOpen(string? cookie, DateTimeOffset now, out byte[] payload)
    {
        payload = [];
        if (string.IsNullOrEmpty(cookie))
        {
            return RecordFailure.None;
        }

        if (cookie.Length > MaxCookieLength)
        {
            return RecordFailure.Oversize;
        }

        if (_verified.TryGet(cookie, out var known))
        {
            var failure = CheckTime(known, now);
            payload = failure == RecordFailure.None ? known : [];
            return failure;
        }

        // Only the canonical base64url alphabet: Convert.FromBase64 would skip white space, so one record could
        // otherwise have many spellings.
        if (!IsBase64Url(cookie))
        {
            return RecordFailure.NotBase64;
        }

        byte[] protectedBytes;
        try
        {
            protectedBytes = WebEncoders.Base64UrlDecode(cookie);
        }
        catch (FormatException)
        {
            return RecordFailure.NotBase64;
        }

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

        var structure = payload.Length < 1 ? RecordFailure.Truncated
            : payload[0] != Version ? RecordFailure.UnknownVersion
            : payload.Length < HeaderSize || payload.Length != HeaderSize + (((CountOf(payload) * EntryBits) + 7) / 8) ? RecordFailure.Truncated
            : CheckTime(payload, now);
        if (structure != RecordFailure.None)
        {
            payload = [];
            return structure;
        }

        _verified.Set(cookie, payload);
        return RecordFailure.None;
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

    private static bool IsBase64Url(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static Guid ReceiptOf(byte[] payload) => new(payload.AsSpan(5, 16));

    public static DateTimeOffset IssuedAtOf(byte[] payload) => DateTimeOffset.FromUnixTimeSeconds(EpochSeconds + BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(1)));

    public static byte FlagsOf(byte[] payload) => payload[21];

    public static int CountOf(byte[] payload) => BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(22));

    public static RecordEntry EntryAt(byte[] payload, int index)
    {
        var bits = new BitCursor(payload, (HeaderSize * 8) + (index * EntryBits));
        var idKey = bits.Read(IdKeyBits);
        var tag = (ushort)bits.Read(DeclarationTagBits);
        var decision = bits.Read(DecisionBits);
        var age = (int)bits.Read(AgeBits);
        return new RecordEntry(
            idKey,
            tag,
            decision is > 0 and <= (uint)RecordedDecision.NoticeShown ? (RecordedDecision)decision : RecordedDecision.None,
            (ushort)Math.Max(0, DayOf(IssuedAtOf(payload)) - age));
    }

    /// <summary>A big-endian bit position in a byte array.</summary>
    private struct BitCursor(byte[] bytes, int position)
    {
        public void Write(uint value, int count)
        {
            for (var i = count - 1; i >= 0; i--, position++)
            {
                if (((value >> i) & 1) != 0)
                {
                    bytes[position >> 3] |= (byte)(0x80 >> (position & 7));
                }
            }
        }

        public uint Read(int count)
        {
            uint value = 0;
            for (var i = 0; i < count; i++, position++)
            {
                value = (value << 1) | (uint)((bytes[position >> 3] >> (7 - (position & 7))) & 1);
            }

            return value;
        }
    }

    /// <summary>
    /// Tells "protected with a key this application does not have" (a lost or unshared key ring: an operator problem)
    /// from tampering. Data Protection payloads start with a 4-byte magic header and the 16-byte key id.
    /// </summary>
    private sealed class KeyRingCheck(IKeyManager? keyManager)
    {
        private const uint MagicHeader = 0x09F0C9F0;
        private (long ReadAt, HashSet<Guid> Ids)? _known;

        public bool IsLostKey(byte[] protectedBytes)
        {
            if (keyManager is null || protectedBytes.Length < 20 || BinaryPrimitives.ReadUInt32BigEndian(protectedBytes) != MagicHeader)
            {
                return false;
            }

            var keyId = new Guid(protectedBytes.AsSpan(4, 16));
            var known = _known;
            if (known is null || Environment.TickCount64 - known.Value.ReadAt > 60_000)
            {
                try
                {
                    known = (Environment.TickCount64, keyManager.GetAllKeys().Select(k => k.KeyId).ToHashSet());
                    _known = known;
                }
                catch (Exception e) when (e is CryptographicException or InvalidOperationException or IOException)
                {
                    return false;
                }
            }

            return !known.Value.Ids.Contains(keyId);
        }
    }
}
