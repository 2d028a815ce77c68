using System.Globalization;

namespace K8sGossip.Rpc.Tests.Interop;

/// <summary>The grpc-js Echo server (tests/interop/server.js) on a free 127.0.0.1 port.</summary>
public abstract class NodeServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly bool _tls;
    private NodeProcess? _process;

    protected NodeServer(bool tls)
    {
        _tls = tls;
    }

    internal InteropCertificates? Certificates { get; private set; }

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        string[] arguments = [];
        if (_tls)
        {
            Certificates = new InteropCertificates();
            arguments = ["--tls", Certificates.Directory];
        }

        _process = NodeProcess.Start("server.js", arguments);
        string line = await _process.ReadLineAsync(TimeSpan.FromSeconds(60));
        if (!line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"server.js printed '{line}' instead of LISTENING <port>. stderr:\n{_process.StandardError}");
        }

        Port = int.Parse(line["LISTENING ".Length..], CultureInfo.InvariantCulture);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }

        Certificates?.Dispose();
        Certificates = null;
        GC.SuppressFinalize(this);
    }
}

/// <summary>The grpc-js server with insecure credentials (h2c).</summary>
public sealed class H2cNodeServer : NodeServer
{
    public H2cNodeServer()
        : base(tls: false)
    {
    }
}

/// <summary>The grpc-js server with mutual TLS.</summary>
public sealed class TlsNodeServer : NodeServer
{
    public TlsNodeServer()
        : base(tls: true)
    {
    }
}
