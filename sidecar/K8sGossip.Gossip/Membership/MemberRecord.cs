using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Membership;

/// <summary>What membership knows about one peer (mutable, owned by <see cref="MembershipService"/> under the gate).</summary>
internal sealed class MemberRecord(PkiId pkiId, string mspId)
{
    public PkiId PkiId { get; } = pkiId;

    public string MspId { get; } = mspId;

    /// <summary>External endpoint, null when the peer has none.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Internal endpoint, known only for peers of this node's organization.</summary>
    public string? InternalEndpoint { get; set; }

    public byte[] Metadata { get; set; } = [];

    public ulong Incarnation { get; set; }

    public ulong Sequence { get; set; }

    /// <summary>The latest verified alive envelope (with its secret part when same-org), relayed in responses.</summary>
    public Envelope? AliveEnvelope { get; set; }

    public PeerLiveness State { get; set; } = PeerLiveness.Alive;

    /// <summary>When the current state began (timestamp).</summary>
    public long StateSince { get; set; }

    /// <summary>Last alive message or ack from this peer (timestamp).</summary>
    public long LastSeen { get; set; }

    /// <summary>It announced its departure; hidden from snapshots unless pinned.</summary>
    public bool Left { get; set; }

    /// <summary>A bootstrap or anchor peer: never forgotten.</summary>
    public bool Pinned { get; set; }

    /// <summary>Accusers of the current suspicion, and its timer.</summary>
    public HashSet<PkiId>? Accusers { get; set; }

    public long SuspectedAt { get; set; }

    public IDisposable? SuspicionTimer { get; set; }

    public string? DialEndpoint => InternalEndpoint ?? Endpoint;

    public bool HasExternalEndpoint => !string.IsNullOrEmpty(Endpoint);

    public int CompareTime(ulong incarnation, ulong sequence) =>
        Incarnation != incarnation ? Incarnation.CompareTo(incarnation) : Sequence.CompareTo(sequence);

    public void ClearSuspicion()
    {
        SuspicionTimer?.Dispose();
        SuspicionTimer = null;
        Accusers = null;
    }

    public MemberInfo ToInfo() => new(PkiId, MspId, Endpoint, InternalEndpoint, Metadata, State, Incarnation, Sequence);
}
