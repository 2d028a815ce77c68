namespace K8sGossip.Gossip.Comm;

/// <summary>One ordered, bidirectional frame stream between two nodes.</summary>
public interface ITransportConnection
{
    /// <summary>A process-unique id, for logs and maps.</summary>
    long Id { get; }

    /// <summary>The endpoint dialled (outbound) or the remote address (inbound).</summary>
    string RemoteAddress { get; }

    /// <summary>True when this side dialled.</summary>
    bool IsOutbound { get; }

    /// <summary>SHA-256 of this side's TLS certificate on this session (empty before OnOpened).</summary>
    ReadOnlyMemory<byte> LocalTlsCertificateHash { get; }

    /// <summary>SHA-256 of the TLS certificate the remote side presented on this session (empty before OnOpened).
    /// The handshake compares it with what the remote claims, so a captured handshake cannot be replayed.</summary>
    ReadOnlyMemory<byte> RemoteTlsCertificateHash { get; }

    /// <summary>Begins delivering events to <paramref name="handler"/>. Called exactly once.</summary>
    void Start(IConnectionHandler handler);

    /// <summary>Queues a frame. Never blocks: false when the bounded send queue (count or bytes) is full,
    /// the frame exceeds the size limit, or the connection is closed. The caller counts the drop.</summary>
    bool TrySend(ReadOnlyMemory<byte> frame);

    /// <summary>Closes the connection; both sides' handlers get OnClosed once.</summary>
    void Close(string reason);
}
