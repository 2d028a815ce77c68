using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Security;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.Interop;

/// <summary>Our client against the @grpc/grpc-js server over mutual TLS.</summary>
public sealed class NodeServerTlsInteropTests : IClassFixture<TlsNodeServer>
{
    private readonly TlsNodeServer _server;

    public NodeServerTlsInteropTests(TlsNodeServer server)
    {
        _server = server;
    }

    [Fact]
    public async Task Unary_and_bidi_calls_to_grpc_js_work_over_mutual_TLS()
    {
        var certificates = _server.Certificates!;
        using var channel = new RpcChannel(new Uri($"https://127.0.0.1:{_server.Port}"), new RpcChannelOptions
        {
            ClientCertificate = certificates.Client,
            ServerCertificateValidator = CertificateTrust.ChainsToAny([certificates.Authority]),
        });

        var reply = await channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("over tls"));
        using var call = channel.DuplexStreaming(EchoMethods.Bidi);
        await call.RequestStream.WriteAsync(EchoService.Request("b0"));
        await call.RequestStream.CompleteAsync();
        Assert.True(await Eventually.Within(call.ResponseStream.MoveNext().AsTask()));

        Assert.Equal("over tls", reply.Text);
        Assert.Equal("b0", call.ResponseStream.Current.Text);
        Assert.False(await Eventually.Within(call.ResponseStream.MoveNext().AsTask()));
    }

    [Fact]
    public async Task Grpc_js_refuses_a_client_certificate_from_another_CA()
    {
        var certificates = _server.Certificates!;
        var stranger = TestCertificates.CreateLeaf(TestCertificates.CreateAuthority("Stranger CA"), "intruder");
        using var channel = new RpcChannel(new Uri($"https://127.0.0.1:{_server.Port}"), new RpcChannelOptions
        {
            ClientCertificate = stranger,
            ServerCertificateValidator = CertificateTrust.ChainsToAny([certificates.Authority]),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, EchoService.Request("x")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
