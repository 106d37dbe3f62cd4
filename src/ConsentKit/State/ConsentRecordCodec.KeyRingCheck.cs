using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace ConsentKit;

internal sealed partial class ConsentRecordCodec
{
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
