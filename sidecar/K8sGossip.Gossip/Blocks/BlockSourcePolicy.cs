using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Blocks;

/// <summary>Whose Deliver stream a peer reads its blocks from.</summary>
public enum DeliverSourceKind
{
    /// <summary>The ordering service's Deliver stream.</summary>
    Orderer,

    /// <summary>An organization peer's Deliver stream.</summary>
    Peer,
}

/// <summary>A Deliver stream to read: the orderer, or one peer.</summary>
public readonly record struct DeliverSource(DeliverSourceKind Kind, PkiId Peer)
{
    /// <summary>The ordering service.</summary>
    public static DeliverSource Orderer { get; } = new(DeliverSourceKind.Orderer, default);

    /// <summary>A peer.</summary>
    public static DeliverSource FromPeer(PkiId peer) => new(DeliverSourceKind.Peer, peer);

    /// <inheritdoc />
    public override string ToString() => Kind == DeliverSourceKind.Orderer ? "orderer" : $"peer {Peer.Short}";
}

/// <summary>A peer's ledger height in a channel, as its signed channel state reports it.</summary>
public readonly record struct PeerHeight(PkiId PkiId, ulong Height);

/// <summary>Everything the source decision looks at, as one immutable value.</summary>
/// <param name="OwnHeight">This peer's committed height.</param>
/// <param name="OrdererHeight">The orderer's height as last seen, or null if not yet known (the highest peer then stands in).</param>
/// <param name="OrgPeers">Live peers of this peer's organization in the channel.</param>
/// <param name="Threshold">Blocks behind the orderer beyond which a peer streams from an org peer.</param>
/// <param name="Current">The source in use.</param>
/// <param name="Failed">Peers that failed as sources recently; not chosen again until the caller forgets them.</param>
public sealed record BlockSourceInputs(
    ulong OwnHeight,
    ulong? OrdererHeight,
    IReadOnlyList<PeerHeight> OrgPeers,
    ulong Threshold,
    DeliverSource Current,
    IReadOnlySet<PkiId> Failed);

/// <summary>
/// The block-source loop of adaptive dissemination: pull from the orderer while within <c>threshold</c>
/// blocks of it; when further behind, stream from an organization peer that is itself within
/// <c>threshold</c> of the orderer, so catching up does not load the ordering service. Evaluated
/// continuously and after every source error.
/// </summary>
public static class BlockSourcePolicy
{
    /// <summary>The source to use now.</summary>
    public static DeliverSource Decide(BlockSourceInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);

        // Peers hold only blocks the orderer cut, so the highest peer bounds the orderer's height from below: a peer
        // far behind its organization need not wait for the orderer's answer to know it should stream from a peer.
        var highestPeer = inputs.OrgPeers.Count == 0 ? 0UL : inputs.OrgPeers.Max(p => p.Height);
        var orderer = Math.Max(inputs.OrdererHeight ?? 0, highestPeer);
        if (orderer <= inputs.OwnHeight + inputs.Threshold)
        {
            return DeliverSource.Orderer;
        }

        var floor = orderer - inputs.Threshold;
        bool Qualifies(PeerHeight p) => p.Height >= floor && p.Height > inputs.OwnHeight && !inputs.Failed.Contains(p.PkiId);

        // Stay with a peer that still qualifies: switching costs a new stream and gains nothing.
        if (inputs.Current.Kind == DeliverSourceKind.Peer &&
            inputs.OrgPeers.Any(p => p.PkiId == inputs.Current.Peer && Qualifies(p)))
        {
            return inputs.Current;
        }

        PeerHeight? best = null;
        foreach (var peer in inputs.OrgPeers)
        {
            if (!Qualifies(peer))
            {
                continue;
            }

            if (best is null || peer.Height > best.Value.Height || (peer.Height == best.Value.Height && peer.PkiId < best.Value.PkiId))
            {
                best = peer;
            }
        }

        return best is { } chosen ? DeliverSource.FromPeer(chosen.PkiId) : DeliverSource.Orderer;
    }
}
