using K8sGossip.Rpc.Client;
using K8sGossip.Rpc.Server;

namespace K8sGossip.Rpc.Tests.Support;

/// <summary>Our Echo server on 127.0.0.1 (h2c) with a channel to it, shared by a test class.</summary>
public sealed class EchoServerFixture : IAsyncLifetime, IAsyncDisposable
{
    private RpcServer? _server;

    internal EchoService Service { get; } = new();

    internal RpcServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public RpcChannel Channel { get; private set; } = null!;

    /// <summary>Receive limit of the server, small enough to test RESOURCE_EXHAUSTED cheaply.</summary>
    public const int ServerMaxReceive = 2 * 1024 * 1024;

    public async Task InitializeAsync()
    {
        _server = new RpcServer(Service.CreateRegistry(), new RpcServerOptions { MaxReceiveMessageSize = ServerMaxReceive });
        await _server.StartAsync(CancellationToken.None);
        Channel = new RpcChannel(new Uri($"http://127.0.0.1:{_server.LocalEndPoint.Port}"));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }
}
