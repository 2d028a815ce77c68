using System.Collections.Frozen;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>Peers that failed as block sources recently: the source decision skips them until they have been remembered
/// for the given time, so one broken peer is not tried again on every evaluation.</summary>
internal sealed class RecentlyFailedPeers(TimeSpan memory, TimeProvider time)
{
    private readonly Dictionary<PkiId, long> _failedAt = [];
    private readonly Lock _lock = new();

    /// <summary>Remembers that <paramref name="peer"/> failed now.</summary>
    public void Add(PkiId peer)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            _failedAt[peer] = now;
        }
    }

    /// <summary>The peers still remembered, after forgetting those that failed longer ago than the memory.</summary>
    public IReadOnlySet<PkiId> Current()
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            foreach (var (peer, at) in _failedAt)
            {
                if (time.GetElapsedTime(at, now) >= memory)
                {
                    _failedAt.Remove(peer);
                }
            }

            return _failedAt.Count == 0 ? FrozenSet<PkiId>.Empty : _failedAt.Keys.ToHashSet();
        }
    }

    /// <summary><see cref="BlockSourcePolicy.Decide"/> over <paramref name="inputs"/>; a peer it names that has no known
    /// Deliver address cannot be a source, so it is remembered as failed and the decision made again without it. Returns
    /// the decision, the inputs it was made from, and the chosen peer's address (null for the orderer).</summary>
    public (DeliverSource Decision, BlockSourceInputs Inputs, Uri? Address) DecideReachable(BlockSourceInputs inputs, Func<PkiId, Uri?> peerAddress)
    {
        while (true)
        {
            var decision = BlockSourcePolicy.Decide(inputs);
            if (decision.Kind == DeliverSourceKind.Orderer)
            {
                return (decision, inputs, null);
            }

            if (peerAddress(decision.Peer) is { } address)
            {
                return (decision, inputs, address);
            }

            Add(decision.Peer);
            inputs = inputs with { Failed = Current() };
        }
    }
}
