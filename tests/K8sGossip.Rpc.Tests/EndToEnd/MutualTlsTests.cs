using System.Security.Cryptography.X509Certificates;
using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Security;
using K8sGossip.Rpc.Server;
using K8sGossip.Rpc.Tests.Interop;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.EndToEnd;

/// <summary>Mutual TLS on 127.0.0.1: the caller's validator decides which certificates are trusted.</summary>
public sealed class MutualTlsTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly X509Certificate2 _authority = TestCertificates.CreateAuthority("Org1 CA");
    private readonly X509Certificate2 _strangerAuthority = TestCertificates.CreateAuthority("Stranger CA");
    private RpcServer? _server;

    private Uri Address => new($"https://127.0.0.1:{_server!.LocalEndPoint.Port}");

    public async Task InitializeAsync()
    {
        var registry = new RpcServiceRegistry().AddUnary(EchoMethods.Unary, (request, context) =>
            Task.FromResult(new EchoReply { Text = context.ClientCertificate?.Subject ?? "<none>" }));
        _server = new RpcServer(registry, new RpcServerOptions
        {
            Tls = new RpcServerTlsOptions
            {
                ServerCertificate = TestCertificates.CreateLeaf(_authority, "server"),
                RequireClientCertificate = true,
                ClientCertificateValidator = CertificateTrust.ChainsToAny([_authority]),
            },
        });
        await _server.StartAsync(CancellationToken.None);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Client_with_a_certificate_from_the_trusted_CA_is_accepted_and_visible_to_the_handler()
    {
        using var channel = CreateChannel(TestCertificates.CreateLeaf(_authority, "peer0.org1"), _authority);

        var reply = await channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("hi"));

        Assert.Equal("CN=peer0.org1", reply.Text);
    }

    [Fact]
    public async Task Client_with_a_certificate_from_an_unknown_CA_is_refused()
    {
        using var channel = CreateChannel(TestCertificates.CreateLeaf(_strangerAuthority, "intruder"), _authority);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("hi")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Client_without_a_certificate_is_refused()
    {
        using var channel = new RpcChannel(Address, new RpcChannelOptions { ServerCertificateValidator = CertificateTrust.ChainsToAny([_authority]) });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("hi")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Client_refuses_a_server_whose_certificate_it_does_not_trust()
    {
        using var channel = CreateChannel(TestCertificates.CreateLeaf(_authority, "peer1.org1"), _strangerAuthority);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("hi")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private RpcChannel CreateChannel(X509Certificate2 clientCertificate, X509Certificate2 trustedServerAuthority) =>
        new(Address, new RpcChannelOptions
        {
            ClientCertificate = clientCertificate,
            ServerCertificateValidator = CertificateTrust.ChainsToAny([trustedServerAuthority]),
        });
}
