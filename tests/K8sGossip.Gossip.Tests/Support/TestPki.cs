using System.Collections.Concurrent;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Support;

/// <summary>
/// Organizations' CAs and peer credentials for tests, created once per process and shared (key generation is the
/// slow part). Everything is valid from <see cref="Epoch"/>, the start of every <see cref="VirtualTimeProvider"/>.
/// </summary>
public static class TestPki
{
    /// <summary>Where virtual clocks start; certificates are valid from a minute before it.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ConcurrentDictionary<string, CertificateAuthority> Authorities = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string, int), PeerCredentials> Peers = new();
    private static readonly ConcurrentDictionary<string, TrustBundle> Bundles = new(StringComparer.Ordinal);

    /// <summary>The CA of <paramref name="mspId"/>, valid for ten years from the epoch.</summary>
    public static CertificateAuthority Authority(string mspId) =>
        Authorities.GetOrAdd(mspId, msp => CertificateAuthority.CreateReproducible(msp, new VirtualTimeProvider(Epoch)));

    /// <summary>The credentials of peer number <paramref name="index"/> of <paramref name="mspId"/> (CN peer{index}.{msp}),
    /// valid for a year from the epoch.</summary>
    public static PeerCredentials Peer(string mspId, int index) =>
        Peers.GetOrAdd((mspId, index), key => Authority(key.Item1).IssuePeer($"peer{key.Item2}.{key.Item1}", [$"peer{key.Item2}.{key.Item1}"]));

    /// <summary>A bundle trusting the CAs of <paramref name="mspIds"/>; the same set gives the same (cache-sharing) bundle.</summary>
    public static TrustBundle Bundle(params string[] mspIds)
    {
        var key = string.Join(',', mspIds.Order(StringComparer.Ordinal));
        return Bundles.GetOrAdd(key, _ => TrustBundle.From(mspIds.Select(Authority)));
    }
}
