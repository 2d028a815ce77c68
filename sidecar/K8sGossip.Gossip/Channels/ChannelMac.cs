using System.Security.Cryptography;
using System.Text;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Channels;

/// <summary>
/// The channel MAC: HMAC-SHA256 keyed by a peer's PKI-ID over the channel name. A peer proves it knows a
/// channel without revealing the name to peers that do not.
/// </summary>
public static class ChannelMac
{
    /// <summary>The MAC of <paramref name="channel"/> for <paramref name="pkiId"/>.</summary>
    public static byte[] Compute(PkiId pkiId, string channel) =>
        HMACSHA256.HashData(pkiId.Span, Encoding.UTF8.GetBytes(channel));

    /// <summary>Whether <paramref name="mac"/> is the MAC of <paramref name="channel"/> for <paramref name="pkiId"/> (constant time).</summary>
    public static bool Matches(PkiId pkiId, string channel, ReadOnlySpan<byte> mac) =>
        CryptographicOperations.FixedTimeEquals(Compute(pkiId, channel), mac);
}
