using K8sGossip.Gossip.Comm;

namespace K8sGossip.Gossip.Simulation;

/// <summary>One side of a simulated connection. Frames travel as scheduled events on the virtual clock.</summary>
internal sealed class SimulatedConnection : ITransportConnection
{
    private readonly SimulatedNetwork _network;

    public SimulatedConnection(SimulatedNetwork network, long id, SimulatedTransport owner, string remoteAddress, bool isOutbound)
    {
        _network = network;
        Id = id;
        Owner = owner;
        RemoteAddress = remoteAddress;
        IsOutbound = isOutbound;
    }

    public long Id { get; }

    public SimulatedTransport Owner { get; }

    public string RemoteAddress { get; }

    public bool IsOutbound { get; }

    public ReadOnlyMemory<byte> LocalTlsCertificateHash { get; private set; } = ReadOnlyMemory<byte>.Empty;

    public ReadOnlyMemory<byte> RemoteTlsCertificateHash { get; private set; } = ReadOnlyMemory<byte>.Empty;

    public IConnectionHandler? Handler { get; private set; }

    /// <summary>The other side, once the dial succeeded.</summary>
    public SimulatedConnection? Peer { get; private set; }

    public bool Opened { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>Frames sent but not yet delivered or lost: the bounded send queue.</summary>
    public int InFlight { get; set; }

    /// <summary>When the last frame sent on this side arrives (keeps order when reordering is off).</summary>
    public long LastArrivalTicks { get; set; }

    /// <summary>When this side's OnOpened runs; frames to it never arrive earlier.</summary>
    public long OpenAtTicks { get; set; }

    /// <summary>When the link is free to serialize the next frame (bandwidth limit).</summary>
    public long BusyUntilTicks { get; set; }

    /// <summary>The receiving side's endpoint for stats and traces: the peer's listen endpoint.</summary>
    public string PeerEndpoint => Peer?.Owner.ListenEndpoint ?? RemoteAddress;

    public void Start(IConnectionHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Handler is not null)
        {
            throw new InvalidOperationException("Start was already called on this connection.");
        }

        Handler = handler;
        _network.OnStarted(this);
    }

    public bool TrySend(ReadOnlyMemory<byte> frame) => _network.Send(this, frame);

    public void Close(string reason) => _network.Close(this, reason);

    internal void Link(SimulatedConnection peer)
    {
        Peer = peer;
        LocalTlsCertificateHash = Owner.TlsCertificateHash;
        RemoteTlsCertificateHash = peer.Owner.TlsCertificateHash;
    }

    internal void MarkOpened() => Opened = true;

    internal void MarkClosed()
    {
        Closed = true;
        Owner.Untrack(this);
    }
}
