namespace K8sGossip.Gossip.Comm;

/// <summary>
/// Carries opaque frames between nodes: the engine's only view of the network. Two implementations:
/// gRPC over HTTP/2 with mutual TLS (K8sGossip.Transport) and the in-process SimulatedNetwork.
/// </summary>
/// <remarks>
/// Transports never block the caller and run no protocol logic: handshakes, signatures and routing
/// belong to the engine. Callbacks may arrive on any thread (the simulator uses one thread for all);
/// the engine serializes them itself.
/// </remarks>
public interface ITransport : IAsyncDisposable
{
    /// <summary>The endpoint (host:port) other nodes dial to reach this one.</summary>
    string ListenEndpoint { get; }

    /// <summary>Starts accepting connections; every accepted connection is passed to <paramref name="acceptor"/>
    /// after its TLS session (if any) is established.</summary>
    void Start(Action<ITransportConnection> acceptor);

    /// <summary>Opens a connection to <paramref name="endpoint"/>. Returns at once; the handler given to
    /// <see cref="ITransportConnection.Start"/> learns of success (OnOpened) or failure (OnClosed).</summary>
    ITransportConnection Connect(string endpoint);

    /// <summary>Like <see cref="Connect(string)"/>, but the dial may wait up to <paramref name="startAfter"/> before it
    /// begins, so that a connection the remote is opening towards us at the same moment can make it unnecessary (the
    /// engine then closes this one before it cost a handshake). Transports without dialling costs ignore the delay.</summary>
    ITransportConnection Connect(string endpoint, TimeSpan startAfter) => Connect(endpoint);
}
