using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Rpc.Security;

namespace K8sGossip.Transport.Tests.Support;

/// <summary>Builds transports on 127.0.0.1 with certificates from one organization CA.</summary>
internal sealed class TransportPair : IAsyncDisposable
{
    private readonly List<GrpcTransport> _transports = [];

    /// <summary>The organization CA, the same issuer the product uses.</summary>
    public CertificateAuthority Ca { get; } = CertificateAuthority.Create("Org1MSP", TimeProvider.System);

    public X509Certificate2 Authority => Ca.Certificate;

    /// <summary>A TLS certificate (server and client) for 127.0.0.1 from <see cref="Ca"/>.</summary>
    public X509Certificate2 Leaf(string name) => Leaf(Ca, name);

    /// <summary>A TLS certificate for 127.0.0.1 from <paramref name="ca"/>.</summary>
    public static X509Certificate2 Leaf(CertificateAuthority ca, string name) =>
        ca.IssuePeer(name, ["localhost"], [IPAddress.Loopback]).TlsCertificate;

    /// <summary>Starts a transport whose accepted connections are started with a new <see cref="RecordingHandler"/> and published.</summary>
    public async Task<(GrpcTransport Transport, ChannelReader<(ITransportConnection Connection, RecordingHandler Handler)> Accepted)> StartAsync(
        string name, X509Certificate2? certificate = null, Action<GrpcTransportOptions>? configure = null)
    {
        var options = new GrpcTransportOptions
        {
            Certificate = certificate ?? Leaf(name),
            PeerCertificateValidator = CertificateTrust.ChainsToAny([Authority]),
            CloseTimeout = TimeSpan.FromSeconds(3),
        };
        configure?.Invoke(options);
        var transport = await GrpcTransport.BindAsync(options, loggerFactory: null, CancellationToken.None);
        _transports.Add(transport);
        var accepted = Channel.CreateUnbounded<(ITransportConnection, RecordingHandler)>();
        transport.Start(connection =>
        {
            var handler = new RecordingHandler();
            connection.Start(handler);
            accepted.Writer.TryWrite((connection, handler));
        });
        return (transport, accepted.Reader);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
    }
}
