namespace K8sGossip.Gossip.Comm;

/// <summary>Receives a connection's events, in order, at most one at a time per connection.</summary>
public interface IConnectionHandler
{
    /// <summary>The session is up (TLS done); certificate hashes are known; frames may be sent.
    /// For accepted connections this comes right after Start.</summary>
    void OnOpened(ITransportConnection connection);

    /// <summary>A frame arrived. The memory is valid only during the call.</summary>
    void OnFrame(ITransportConnection connection, ReadOnlyMemory<byte> frame);

    /// <summary>The connection ended (or the dial failed); called once, after which nothing else is delivered.</summary>
    void OnClosed(ITransportConnection connection, string reason);
}
