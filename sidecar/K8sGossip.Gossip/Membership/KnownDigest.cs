using System.Buffers.Binary;
using Google.Protobuf;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Membership;

/// <summary>
/// An entry of a membership request's <c>known</c> list: the PKI-ID (32 bytes) followed by the incarnation and sequence
/// (8 bytes each, big-endian) the asker holds, so the answer carries exactly the peers the asker lacks or holds an older
/// alive of (a restart, a refutation). A bare 32-byte PKI-ID means "known, any version".
/// </summary>
internal static class KnownDigest
{
    public const int Length = PkiId.Length + 16;

    public static ByteString Encode(PkiId pkiId, ulong incarnation, ulong sequence)
    {
        var bytes = new byte[Length];
        pkiId.Span.CopyTo(bytes);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(PkiId.Length), incarnation);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(PkiId.Length + 8), sequence);
        return ByteString.CopyFrom(bytes);
    }

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out PkiId pkiId, out ulong incarnation, out ulong sequence)
    {
        incarnation = ulong.MaxValue;
        sequence = ulong.MaxValue;
        if (bytes.Length == PkiId.Length)
        {
            return PkiId.TryFrom(bytes, out pkiId);
        }

        if (bytes.Length != Length || !PkiId.TryFrom(bytes[..PkiId.Length], out pkiId))
        {
            pkiId = default;
            return false;
        }

        incarnation = BinaryPrimitives.ReadUInt64BigEndian(bytes[PkiId.Length..]);
        sequence = BinaryPrimitives.ReadUInt64BigEndian(bytes[(PkiId.Length + 8)..]);
        return true;
    }
}
