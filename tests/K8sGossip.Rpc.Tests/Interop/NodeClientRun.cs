using System.Text.Json;
using K8sGossip.Rpc.Security;
using K8sGossip.Rpc.Server;
using K8sGossip.Rpc.Tests.Support;

namespace K8sGossip.Rpc.Tests.Interop;

/// <summary>Runs the grpc-js client (tests/interop/client.js) once against our Echo server and keeps its results.</summary>
public abstract class NodeClientRun : IAsyncLifetime, IAsyncDisposable
{
    private readonly bool _tls;
    private InteropCertificates? _certificates;
    private RpcServer? _server;

    protected NodeClientRun(bool tls)
    {
        _tls = tls;
    }

    public JsonElement Results { get; private set; }

    public async Task InitializeAsync()
    {
        var options = new RpcServerOptions();
        if (_tls)
        {
            _certificates = new InteropCertificates();
            options.Tls = new RpcServerTlsOptions
            {
                ServerCertificate = _certificates.Server,
                RequireClientCertificate = true,
                ClientCertificateValidator = CertificateTrust.ChainsToAny([_certificates.Authority]),
            };
        }

        _server = new RpcServer(new EchoService().CreateRegistry(), options);
        await _server.StartAsync(CancellationToken.None);

        string[] arguments = _certificates is null
            ? [$"127.0.0.1:{_server.LocalEndPoint.Port}"]
            : [$"localhost:{_server.LocalEndPoint.Port}", "--tls", _certificates.Directory];
        await using var node = NodeProcess.Start("client.js", arguments);
        string line = await node.ReadLineAsync(TimeSpan.FromSeconds(60));
        int exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(15));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"client.js exited with {exitCode}: {node.StandardError}");
        }

        using var document = JsonDocument.Parse(line);
        Results = document.RootElement.Clone();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }

        _certificates?.Dispose();
        _certificates = null;
        GC.SuppressFinalize(this);
    }
}

/// <summary>The grpc-js client over h2c (insecure credentials).</summary>
public sealed class H2cNodeClientRun : NodeClientRun
{
    public H2cNodeClientRun()
        : base(tls: false)
    {
    }
}

/// <summary>The grpc-js client over mutual TLS.</summary>
public sealed class TlsNodeClientRun : NodeClientRun
{
    public TlsNodeClientRun()
        : base(tls: true)
    {
    }
}
