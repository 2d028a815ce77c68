using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Support;

/// <summary>
/// A hand-driven connection into a node, for hostile-input tests: it presents any TLS certificate hash, sends any bytes
/// (a forged or replayed handshake, garbage, mutated messages) and records what comes back. With credentials it can
/// complete a valid handshake and then speak as an authenticated (but possibly misbehaving) peer.
/// </summary>
public sealed class RawPeer : IConnectionHandler
{
    private readonly GossipTestBed _bed;

    /// <summary>Creates an unconnected raw peer at <paramref name="endpoint"/> presenting <paramref name="tlsCertificateHash"/>.</summary>
    public RawPeer(GossipTestBed bed, string endpoint, ReadOnlyMemory<byte> tlsCertificateHash)
    {
        _bed = bed;
        Transport = bed.Network.CreateTransport(endpoint, tlsCertificateHash);
        Transport.Start(_ => { });
    }

    /// <summary>The raw peer's transport.</summary>
    public SimulatedTransport Transport { get; }

    /// <summary>The current connection.</summary>
    public ITransportConnection? Connection { get; private set; }

    /// <summary>True once the connection opened.</summary>
    public bool Opened { get; private set; }

    /// <summary>Why the connection closed; null while open.</summary>
    public string? ClosedReason { get; private set; }

    /// <summary>Frames received, decoded where possible.</summary>
    public List<byte[]> Received { get; } = [];

    /// <summary>Dials <paramref name="endpoint"/> and runs the clock until the session opens (or fails).</summary>
    public void Connect(string endpoint)
    {
        Opened = false;
        ClosedReason = null;
        Received.Clear();
        Connection = Transport.Connect(endpoint);
        Connection.Start(this);
        _bed.Time.RunUntil(() => Opened || ClosedReason is not null, TimeSpan.FromSeconds(10));
    }

    /// <summary>Sends raw bytes and lets the network deliver them.</summary>
    public bool Send(ReadOnlyMemory<byte> frame, TimeSpan? settle = null)
    {
        var sent = Connection!.TrySend(frame);
        _bed.Time.Advance(settle ?? TimeSpan.FromMilliseconds(5));
        return sent;
    }

    /// <summary>A handshake frame as <paramref name="credentials"/> would sign it, with any field overridable.</summary>
    public static byte[] Handshake(PeerCredentials credentials, ReadOnlyMemory<byte> tlsCertificateHash, DateTimeOffset now,
        PkiId? claimedPkiId = null, string? mspId = null, byte[]? certificate = null, LocalSigner? signer = null, RoutingTag tag = RoutingTag.Any)
    {
        var message = new GossipMessage
        {
            Nonce = 1,
            Tag = tag,
            ConnEstablish = new ConnEstablish
            {
                PkiId = (claimedPkiId ?? credentials.PkiId).ToByteString(),
                MspId = mspId ?? credentials.MspId,
                Identity = ByteString.CopyFrom(certificate ?? credentials.IdentityCertificate.RawData),
                TlsCertHash = ByteString.CopyFrom(tlsCertificateHash.Span),
                TimestampUnixMs = (ulong)now.ToUnixTimeMilliseconds(),
            },
        };
        return SignedEnvelope.Create(message, signer ?? credentials.CreateSigner()).ToByteArray();
    }

    /// <summary>Connects and completes a valid handshake as <paramref name="credentials"/>; true when the node accepted it.</summary>
    public bool ConnectAuthenticated(string endpoint, PeerCredentials credentials)
    {
        Connect(endpoint);
        if (!Opened)
        {
            return false;
        }

        Send(Handshake(credentials, Transport.TlsCertificateHash, _bed.Time.GetUtcNow()), TimeSpan.FromMilliseconds(20));
        return ClosedReason is null;
    }

    /// <summary>An envelope frame around <paramref name="message"/>, signed by <paramref name="signer"/> when given.</summary>
    public static byte[] Frame(GossipMessage message, ISigner? signer = null) =>
        (signer is null ? SignedEnvelope.Unsigned(message) : SignedEnvelope.Create(message, signer)).ToByteArray();

    // Events of an earlier connection (for example its close, after a reconnect) are ignored.
    void IConnectionHandler.OnOpened(ITransportConnection connection) => Opened |= connection == Connection;

    void IConnectionHandler.OnFrame(ITransportConnection connection, ReadOnlyMemory<byte> frame)
    {
        if (connection == Connection)
        {
            Received.Add(frame.ToArray());
        }
    }

    void IConnectionHandler.OnClosed(ITransportConnection connection, string reason)
    {
        if (connection == Connection)
        {
            ClosedReason = reason;
        }
    }
}
