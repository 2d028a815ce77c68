using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Comm;

/// <summary>The comm layer's state of one transport connection: handshake progress, the authenticated peer,
/// messages waiting for the handshake, and activity times for keepalive and idle checks.</summary>
internal sealed class ConnectionSession(GossipComm owner, ITransportConnection connection, PkiId expected, string? dialKey) : IConnectionHandler
{
    private List<byte[]>? _pending;

    public ITransportConnection Connection { get; } = connection;

    public bool IsOutbound => Connection.IsOutbound;

    /// <summary>The PKI-ID the dialled peer must prove (empty: whoever answers, e.g. a bootstrap endpoint).</summary>
    public PkiId Expected { get; } = expected;

    /// <summary>The key of this dial in the comm's dial table, while it is pending.</summary>
    public string? DialKey { get; set; } = dialKey;

    public bool HandshakeSent { get; set; }

    public bool Closed { get; set; }

    /// <summary>A duplicate connection to a peer that has a preferred one: still received on, no longer sent on.</summary>
    public bool Retiring { get; set; }

    public PeerIdentity? Remote { get; set; }

    public bool Authenticated => Remote is not null && !Closed;

    public long AuthenticatedAt { get; set; }

    public long LastReceived { get; set; }

    public long LastSent { get; set; }

    public long LastActivity { get; set; }

    public IDisposable? HandshakeTimer { get; set; }

    public int PendingCount => _pending?.Count ?? 0;

    public bool Enqueue(byte[] frame, int limit)
    {
        _pending ??= [];
        if (_pending.Count >= limit)
        {
            return false;
        }

        _pending.Add(frame);
        return true;
    }

    public List<byte[]> TakePending()
    {
        var pending = _pending ?? [];
        _pending = null;
        return pending;
    }

    public void OnOpened(ITransportConnection connection) => owner.Context.Run("comm.opened", () => owner.OnOpened(this));

    public void OnFrame(ITransportConnection connection, ReadOnlyMemory<byte> frame) =>
        owner.Context.Run("comm.frame", () => owner.OnFrame(this, frame));

    public void OnClosed(ITransportConnection connection, string reason) =>
        owner.Context.Run("comm.closed", () => owner.OnTransportClosed(this, reason));
}
