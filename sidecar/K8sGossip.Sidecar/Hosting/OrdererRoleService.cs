using System.Net;
using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Credentials;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Sidecar.Orderer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Hosting;

/// <summary>Runs the orderer role inside the host: a <see cref="SoloOrderer"/> over the configured channels, served with
/// Broadcast and Deliver on the peer port, and, when <c>k8sgossip.orderer.generator.rate</c> is set, a block generator per channel.</summary>
internal sealed class OrdererRoleService(SidecarConfiguration configuration, ChannelConfiguration channels, IPAddress bind, TimeProvider time, ILoggerFactory loggers)
    : IHostedService, IRoleService, IAsyncDisposable
{
    private readonly List<BlockGenerator> _generators = [];
    private SoloOrderer? _orderer;
    private OrdererHost? _host;
    private volatile bool _started;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var credentials = CredentialFiles.Load(configuration, channels, requireOrderers: false);
        var settings = configuration.Orderer;
        _orderer = await SoloOrderer.OpenAsync(
            new SoloOrdererOptions
            {
                DataDirectory = configuration.DataDir,
                Channels = [.. channels.Channels.Select(c => c.Name)],
                Batch = new BatchOptions { MaxMessages = settings.BatchMaxMessages, MaxBytes = settings.BatchMaxBytes, Timeout = settings.BatchTimeout },
            },
            credentials.Peer.CreateSigner(),
            time,
            loggers,
            cancellationToken).ConfigureAwait(false);
        _host = await OrdererHost.StartAsync(
            _orderer,
            credentials.Trust,
            new DeliverHostOptions
            {
                EndPoint = new IPEndPoint(bind, configuration.Ports.Peer),
                Tls = new MutualTlsIdentity(credentials.Peer.TlsCertificate, credentials.TlsAuthorities),
            },
            time,
            loggers,
            cancellationToken).ConfigureAwait(false);
        if (settings.GeneratorRate > 0)
        {
            foreach (var channel in channels.Channels)
            {
                var generator = new BlockGenerator(
                    _orderer,
                    new BlockGeneratorOptions { Channel = channel.Name, BlocksPerSecond = settings.GeneratorRate, BlockBytes = (int)settings.GeneratorBlockBytes },
                    time,
                    loggers.CreateLogger<BlockGenerator>());
                _generators.Add(generator);
                generator.Start();
            }
        }

        _started = true;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _started = false;
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Readiness Readiness() => _started ? new Readiness(true, []) : new Readiness(false, ["starting"]);

    /// <inheritdoc />
    public RoleStatus Status()
    {
        var orderer = _orderer;
        var channels = orderer is null ? [] : orderer.Channels.Order(StringComparer.Ordinal).Select(c => new ChannelHeight(c, orderer.HeightOf(c), null, null)).ToList();
        return new RoleStatus("orderer", configuration.Peer.Id, channels, _host?.Deliver.Openings.Snapshot() ?? []);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var generator in _generators)
        {
            await generator.DisposeAsync().ConfigureAwait(false);
        }

        _generators.Clear();
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }

        if (_orderer is not null)
        {
            await _orderer.DisposeAsync().ConfigureAwait(false);
            _orderer = null;
        }
    }
}
