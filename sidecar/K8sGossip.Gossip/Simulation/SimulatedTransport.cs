using K8sGossip.Gossip.Comm;

namespace K8sGossip.Gossip.Simulation;

/// <summary>One node instance's transport on a <see cref="SimulatedNetwork"/>. A restarted node gets a new instance;
/// the old one stays dead (its connections are black holes, or reset once the new instance is up).</summary>
public sealed class SimulatedTransport : ITransport
{
    private readonly SimulatedNetwork _network;
    private readonly HashSet<SimulatedConnection> _connections = [];

    internal SimulatedTransport(SimulatedNetwork network, string endpoint, byte[] tlsCertificateHash)
    {
        _network = network;
        ListenEndpoint = endpoint;
        TlsCertificateHash = tlsCertificateHash;
    }

    /// <inheritdoc />
    public string ListenEndpoint { get; }

    /// <summary>SHA-256 of the TLS certificate this instance presents on every session.</summary>
    public ReadOnlyMemory<byte> TlsCertificateHash { get; }

    /// <summary>False once the instance crashed or was disposed: it neither sends nor receives.</summary>
    public bool IsAlive { get; private set; } = true;

    /// <summary>Open connections of this instance.</summary>
    public int ConnectionCount => _connections.Count;

    internal Action<ITransportConnection>? Acceptor { get; private set; }

    /// <inheritdoc />
    public void Start(Action<ITransportConnection> acceptor)
    {
        ArgumentNullException.ThrowIfNull(acceptor);
        Acceptor = acceptor;
    }

    /// <inheritdoc />
    public ITransportConnection Connect(string endpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        var connection = _network.CreateOutbound(this, endpoint);
        _connections.Add(connection);
        return connection;
    }

    internal void Track(SimulatedConnection connection) => _connections.Add(connection);

    internal void Untrack(SimulatedConnection connection) => _connections.Remove(connection);

    /// <summary>Silent death: no more events, frames vanish; nothing is signalled to peers.</summary>
    internal void Kill()
    {
        IsAlive = false;
        Acceptor = null;
    }

    /// <summary>A clean shutdown: every connection is closed (peers see the close), then the instance stops.</summary>
    public ValueTask DisposeAsync()
    {
        if (IsAlive)
        {
            foreach (var connection in _connections.ToList())
            {
                connection.Close("transport disposed");
            }

            Kill();
        }

        return ValueTask.CompletedTask;
    }
}
