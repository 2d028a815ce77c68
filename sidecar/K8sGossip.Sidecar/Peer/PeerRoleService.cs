using System.Net;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Telemetry;
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
    private CountersMeter? _countersMeter;
    private IDisposable? _membersGauge;
    private volatile bool _started;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _peer.StartAsync(cancellationToken).ConfigureAwait(false);
        _countersMeter = new CountersMeter(_peer.Node.Counters);
        _membersGauge = GossipMetrics.ObserveMembership(_peer.Node.Membership);
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
    public RoleStatus Status()
    {
        var channels = _started
            ? _peer.Channels.Values
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new ChannelHeight(c.Name, c.Committer.CommittedHeight, c.IsLeader, c.Definition.Dissemination.ToString().ToLowerInvariant()))
                .ToList()
            : [];
        return new RoleStatus("peer", configuration.Peer.Id, channels, []);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_localApi is not null)
        {
            await _localApi.DisposeAsync().ConfigureAwait(false);
            _localApi = null;
        }

        _membersGauge?.Dispose();
        _countersMeter?.Dispose();
        await _peer.DisposeAsync().ConfigureAwait(false);
    }
}
