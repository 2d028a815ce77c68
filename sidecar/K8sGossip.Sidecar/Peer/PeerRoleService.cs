using System.Net;
using K8sGossip.Rpc.Server;
using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Hosting;
using K8sGossip.Sidecar.LocalApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Peer;

/// <summary>Runs the peer role inside the host: starts the <see cref="PeerHost"/> and its local API, and on shutdown
/// (SIGTERM, Ctrl-C) leaves gracefully.</summary>
internal sealed class PeerRoleService(SidecarConfiguration configuration, ChannelConfiguration channels, IPAddress bind, TimeProvider time, ILoggerFactory loggers)
    : IHostedService, IRoleService, IAsyncDisposable
{
    private readonly PeerHost _peer = new(configuration, channels, bind, time, loggers);
    private RpcServer? _localApi;
    private volatile bool _started;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _peer.StartAsync(cancellationToken).ConfigureAwait(false);
        _localApi = await new LocalApiService(_peer).StartAsync(configuration.Ports.LocalApi, time, loggers, cancellationToken).ConfigureAwait(false);
        _started = true;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _started = false;
        await _peer.StopAsync().ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Readiness Readiness() => _started ? PeerReadiness.Evaluate(_peer) : new Readiness(false, ["starting"]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_localApi is not null)
        {
            await _localApi.DisposeAsync().ConfigureAwait(false);
            _localApi = null;
        }

        await _peer.DisposeAsync().ConfigureAwait(false);
    }
}
