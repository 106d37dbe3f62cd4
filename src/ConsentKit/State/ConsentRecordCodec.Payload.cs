using System.Buffers.Binary;

namespace ConsentKit;

/// <summary>Reading and writing the payload's fields and its 46-bit entries.</summary>
internal sealed partial class ConsentRecordCodec
{
    public static Guid ReceiptOf(byte[] payload) => new(payload.AsSpan(5, 16));

    public static DateTimeOffset IssuedAtOf(byte[] payload) => DateTimeOffset.FromUnixTimeSeconds(EpochSeconds + BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(1)));

    public static byte FlagsOf(byte[] payload) => payload[21];

    public static int CountOf(byte[] payload) => BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(22));

    public static RecordEntry EntryAt(byte[] payload, int index) => EntryAt(payload, index, DayOf(IssuedAtOf(payload)));

    /// <summary>One entry, read as one 64-bit window (an entry is 46 bits at any bit offset, so it fits in 8 bytes).</summary>
    public static RecordEntry EntryAt(byte[] payload, int index, int issueDay)
    {
        var position = (HeaderSize * 8) + (index * EntryBits);
        var start = position >> 3;
        Span<byte> window = stackalloc byte[8];
        window.Clear();
        payload.AsSpan(start, Math.Min(8, payload.Length - start)).CopyTo(window);
        var bits = BinaryPrimitives.ReadUInt64BigEndian(window) << (position & 7);
        var idKey = (uint)(bits >> (64 - IdKeyBits));
        var tag = (ushort)((bits >> (64 - IdKeyBits - DeclarationTagBits)) & ((1u << DeclarationTagBits) - 1));
        var decision = (uint)((bits >> (64 - IdKeyBits - DeclarationTagBits - DecisionBits)) & ((1u << DecisionBits) - 1));
        var age = (int)((bits >> (64 - EntryBits)) & ((1u << AgeBits) - 1));
        return new RecordEntry(
            idKey,
            tag,
            decision is > 0 and <= (uint)RecordedDecision.NoticeShown ? (RecordedDecision)decision : RecordedDecision.None,
            (ushort)Math.Max(0, issueDay - age));
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
    }
}
