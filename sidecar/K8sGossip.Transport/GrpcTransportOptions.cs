using System.Net;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Rpc.Security;

namespace K8sGossip.Transport;

/// <summary>Settings of the gossip transport: listen address, TLS identity and trust, queue bounds, timeouts.</summary>
public sealed class GrpcTransportOptions
{
    /// <summary>Where the peer port listens; port 0 picks a free port. Default 127.0.0.1:0.</summary>
    public IPEndPoint ListenEndPoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>The host:port other nodes dial; null advertises the bound address.</summary>
    public string? AdvertisedEndpoint { get; set; }

    /// <summary>This node's TLS certificate with its private key, used as server and as client certificate.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Decides whether a peer's TLS certificate is trusted, in both directions (for example chains to an org CA).</summary>
    public PeerCertificateValidator? PeerCertificateValidator { get; set; }

    /// <summary>Frames a connection may hold waiting to be sent; beyond it TrySend returns false. Default 1024.</summary>
    public int SendQueueMaxFrames { get; set; } = 1024;

    /// <summary>Bytes a connection may hold waiting to be sent; beyond it TrySend returns false. Default 32 MiB.</summary>
    public long SendQueueMaxBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest frame sent or accepted, in bytes. Default 8 MiB.</summary>
    public int MaxFrameBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Frames received but not yet handed to the engine; when full, reading pauses (HTTP/2 flow control). Default 256.</summary>
    public int ReceiveBufferFrames { get; set; } = 256;

    /// <summary>Time allowed for TCP connect, TLS handshake and stream acceptance. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Dials whose TCP connect and TLS handshake run at once; further dials wait their turn (without their
    /// connect timeout running). Default 4: a node that learns many peers at once (a start, a scale-up) then finishes its
    /// handshakes a few at a time, so messages flow on the first connections while the rest are set up, instead of every
    /// handshake sharing the CPU and all of them completing late.</summary>
    public int MaxConcurrentDials { get; set; } = 4;

    /// <summary>After Close, how long queued frames may drain and the peer may acknowledge before the stream is reset. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>HTTP/2 keepalive ping delay. Default 30 s.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>HTTP/2 keepalive ping timeout. Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Other services served on the peer port beside the gossip stream (a peer's Deliver service), so one
    /// port and one mutual-TLS identity carry everything peers say to each other.</summary>
    public Action<K8sGossip.Rpc.Server.RpcServiceRegistry>? AdditionalServices { get; set; }

    /// <summary>The clock for timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(ListenEndPoint is not null, nameof(ListenEndPoint), "must be set");
        Require(Certificate is { HasPrivateKey: true }, nameof(Certificate), "must be set, with its private key (mutual TLS is mandatory)");
        Require(PeerCertificateValidator is not null, nameof(PeerCertificateValidator), "must be set: the transport cannot decide which peers to trust");
        Require(SendQueueMaxFrames > 0, nameof(SendQueueMaxFrames), "must be positive");
        Require(SendQueueMaxBytes > 0, nameof(SendQueueMaxBytes), "must be positive");
        Require(MaxFrameBytes > 0, nameof(MaxFrameBytes), "must be positive");
        Require(ReceiveBufferFrames > 0, nameof(ReceiveBufferFrames), "must be positive");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(MaxConcurrentDials > 0, nameof(MaxConcurrentDials), "must be positive");
        Require(CloseTimeout > TimeSpan.Zero, nameof(CloseTimeout), "must be positive");
        Require(TimeProvider is not null, nameof(TimeProvider), "must be set");
        Require(AdvertisedEndpoint is null || AdvertisedEndpoint.Contains(':', StringComparison.Ordinal), nameof(AdvertisedEndpoint), "must be host:port");
    }

    private static void Require(bool condition, string setting, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"GrpcTransportOptions.{setting} {message}.");
        }
    }
}
