using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
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
}

/// <summary>One module's entry in the record: the fingerprint of the declaration decided on, the decision and its day.</summary>
internal readonly record struct RecordEntry(ulong Fingerprint, RecordedDecision Decision, ushort Day);

/// <summary>
/// The visitor's record, as stored in one first-party cookie, protected (encrypted and authenticated) with
/// ASP.NET Core Data Protection so no script or hand edit can forge or alter it.
/// Layout v1: version(1) issuedAt-unix-seconds(8) receipt(16) flags(1) count(2) then count × [fingerprint(8) decision(1) day(2)].
/// </summary>
internal sealed class ConsentRecordCodec
{
    public const byte Version = 1;
    public const int HeaderSize = 1 + 8 + 16 + 1 + 2;
    public const int EntrySize = 8 + 1 + 2;

    /// <summary>Browsers keep at most about 4096 bytes per cookie; anything longer was not written by us.</summary>
    public const int MaxCookieLength = 4096;

    public const byte FlagGpcRecorded = 1;

    private static readonly DateOnly Epoch = new(2020, 1, 1);
    private readonly IDataProtector _protector;

    // Opening a record costs a Data Protection key derivation (~17 µs); a returning visitor sends the same value on
    // every request. Only values that opened successfully, or that this codec wrote, are kept; entries expire so a
    // revoked key stops being honoured within the lifetime. Payloads are never mutated after this point.
    private readonly BoundedCache<byte[]> _verified = new(capacity: 4096, lifetime: TimeSpan.FromMinutes(10));

    public ConsentRecordCodec(IDataProtectionProvider provider)
    {
        _protector = provider.CreateProtector("ConsentKit.ConsentRecord.v1");
    }

    public static ushort DayOf(DateTimeOffset time)
    {
        var days = DateOnly.FromDateTime(time.UtcDateTime).DayNumber - Epoch.DayNumber;
        return (ushort)Math.Clamp(days, 0, ushort.MaxValue);
    }

    public string Encode(Guid receipt, DateTimeOffset issuedAt, byte flags, IReadOnlyList<RecordEntry> entries)
    {
        var payload = new byte[HeaderSize + (entries.Count * EntrySize)];
        payload[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1), issuedAt.ToUnixTimeSeconds());
        receipt.TryWriteBytes(payload.AsSpan(9, 16));
        payload[25] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(26), checked((ushort)entries.Count));
        var offset = HeaderSize;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(offset), entry.Fingerprint);
            payload[offset + 8] = (byte)entry.Decision;
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(offset + 9), entry.Day);
            offset += EntrySize;
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
            return RecordFailure.Tampered;
        }

        if (payload.Length < 1 || payload[0] != Version)
        {
            var failure = payload.Length < 1 ? RecordFailure.Truncated : RecordFailure.UnknownVersion;
            payload = [];
            return failure;
        }

        if (payload.Length < HeaderSize)
        {
            payload = [];
            return RecordFailure.Truncated;
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(26));
        if (payload.Length != HeaderSize + (count * EntrySize))
        {
            payload = [];
            return RecordFailure.Truncated;
        }

        var timeFailure = CheckTime(payload, now);
        if (timeFailure == RecordFailure.None)
        {
            _verified.Set(cookie, payload);
        }
        else
        {
            payload = [];
        }

        return timeFailure;
    }

    private static RecordFailure CheckTime(byte[] payload, DateTimeOffset now) =>
        BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(1)) > now.ToUnixTimeSeconds() + 300 ? RecordFailure.FromTheFuture : RecordFailure.None;

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

    public static Guid ReceiptOf(byte[] payload) => new(payload.AsSpan(9, 16));

    public static DateTimeOffset IssuedAtOf(byte[] payload) => DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(1)));

    public static byte FlagsOf(byte[] payload) => payload[25];

    public static int CountOf(byte[] payload) => BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(26));

    public static RecordEntry EntryAt(byte[] payload, int index)
    {
        var offset = HeaderSize + (index * EntrySize);
        var decision = payload[offset + 8];
        return new RecordEntry(
            BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(offset)),
            decision <= (byte)RecordedDecision.NoticeShown ? (RecordedDecision)decision : RecordedDecision.None,
            BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(offset + 9)));
    }
}
