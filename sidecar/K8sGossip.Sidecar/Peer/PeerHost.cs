using System.Net;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Election;
using K8sGossip.Gossip.Node;
using K8sGossip.Rpc.Security;
using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Credentials;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Sidecar.Hosting;
using K8sGossip.Transport;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Peer;

/// <summary>
/// The peer role: the gossip transport on the peer port, a <see cref="GossipNode"/>, per channel a ledger fed by the
/// channel's mode (<see cref="PeerChannel"/>), the Deliver service other peers catch up from, and application messages.
/// Blocks delivered by gossip go to the channel's committer without blocking the node's gate.
/// </summary>
internal sealed partial class PeerHost : IAsyncDisposable
{
    /// <summary>How long a leaving peer waits for blocks already handed to a committer to become durable.</summary>
    private static readonly TimeSpan FinishCommitsLimit = TimeSpan.FromSeconds(2);

    private readonly SidecarConfiguration _configuration;
    private readonly ChannelConfiguration _channelConfiguration;
    private readonly IPAddress _bind;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Dictionary<string, PeerChannel> _channels = new(StringComparer.Ordinal);
    private GrpcTransport? _transport;
    private DeliverChannelPool? _pool;
    private TrustedOrderers? _orderers;
    private bool _stopped;

    public PeerHost(SidecarConfiguration configuration, ChannelConfiguration channels, IPAddress bind, TimeProvider time, ILoggerFactory loggers)
    {
        _configuration = configuration;
        _channelConfiguration = channels;
        _bind = bind;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<PeerHost>();
    }

    /// <summary>The gossip node (after <see cref="StartAsync"/>).</summary>
    public GossipNode Node { get; private set; } = null!;

    /// <summary>Application messages (after <see cref="StartAsync"/>).</summary>
    public AppMessageExchange Messages { get; private set; } = null!;

    /// <summary>The joined channels.</summary>
    public IReadOnlyDictionary<string, PeerChannel> Channels => _channels;

    /// <summary>The configuration the peer runs with.</summary>
    public SidecarConfiguration Configuration => _configuration;

    /// <summary>True when the peer was configured with nobody to contact (no bootstrap peers, no anchor peers), so it
    /// is alone by configuration.</summary>
    public bool AloneByConfiguration =>
        _configuration.Gossip.Bootstrap.Count == 0 && _channelConfiguration.Channels.All(c => c.AnchorPeers.All(a => EngineOptionsMapper.Text(a.Endpoint) == Node.Endpoint));

    /// <summary>Loads credentials, opens the ledgers, binds the ports and starts gossip and the block sources.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var credentials = CredentialFiles.Load(_configuration, _channelConfiguration, requireOrderers: true);
        var signer = credentials.Peer.CreateSigner();
        var tls = new MutualTlsIdentity(credentials.Peer.TlsCertificate, credentials.TlsAuthorities);
        var blockOptions = EngineOptionsMapper.Blocks(_configuration);
        _orderers = TrustedOrderers.FromIdentities(credentials.Orderers);
        _pool = new DeliverChannelPool(tls, blockOptions.MaxBlockBytes + 64, _time);

        var verifiers = new Dictionary<string, BlockVerifier>(StringComparer.Ordinal);
        foreach (var definition in _channelConfiguration.Channels)
        {
            if (definition.Dissemination == BlockDisseminationMode.Gossip && definition.ElectionMode == LeaderElectionMode.Lease)
            {
                throw new ConfigurationException($"channels[{definition.Name}].election.mode", "lease election needs the Kubernetes Lease adapter, which this build of the sidecar does not include; use static or dynamic.");
            }

            var store = await BlockStore.OpenAsync(Path.Combine(_configuration.DataDir, definition.Name), blockOptions, _loggers.CreateLogger<BlockStore>(), ct).ConfigureAwait(false);
            var verifier = new BlockVerifier(definition.Name, _orderers, blockOptions.MaxBlockBytes);
            var committer = new BlockCommitter(verifier, store, blockOptions, _time, _loggers.CreateLogger<BlockCommitter>());
            verifiers[definition.Name] = verifier;
            _channels[definition.Name] = new PeerChannel(new PeerChannelParts(
                definition,
                store,
                verifier,
                committer,
                [.. definition.OrdererEndpoints.Select(e => BlockSourceEndpoint.Orderer(EngineOptionsMapper.DeliverAddress(e)))],
                _pool,
                blockOptions,
                EngineOptionsMapper.DeliverClient(_configuration),
                EngineOptionsMapper.SourceLoop(_configuration, definition),
                _configuration.DeliveryClient.ReconnectTotalTimeThreshold,
                _configuration.Election.StartupGracePeriod,
                _configuration.StateTransfer.Enabled,
                PeerDeliverAddress.Of,
                _time,
                _loggers));
        }

        var transportOptions = EngineOptionsMapper.Transport(_configuration, _bind);
        transportOptions.Certificate = credentials.Peer.TlsCertificate;
        transportOptions.PeerCertificateValidator = CertificateTrust.ChainsToAny(credentials.TlsAuthorities);
        transportOptions.TimeProvider = _time;
        var deliver = new DeliverService(
            name => _channels.TryGetValue(name, out var channel) ? new CommittedLedger(channel.Store, channel.Committer) : null,
            DeliverAuthorizers.ChannelMembers(credentials.Trust, name => _channels.TryGetValue(name, out var channel) ? [.. channel.Definition.Organizations] : null),
            _time,
            _loggers.CreateLogger<DeliverService>());
        transportOptions.AdditionalServices = registry => deliver.Register(registry);
        _transport = await GrpcTransport.BindAsync(transportOptions, _loggers, ct).ConfigureAwait(false);

        Node = new GossipNode(
            new GossipNodeOptions
            {
                Signer = signer,
                TrustBundle = credentials.Trust,
                Endpoint = EngineOptionsMapper.Text(_configuration.Gossip.Endpoint),
                ExternalEndpoint = _configuration.Gossip.ExternalEndpoint is { } external ? EngineOptionsMapper.Text(external) : null,
                Bootstrap = [.. _configuration.Gossip.Bootstrap.Select(EngineOptionsMapper.Text)],
                Channels = [.. _channelConfiguration.Channels.Select(EngineOptionsMapper.Channel)],
                Profile = EngineOptionsMapper.Profile(_configuration),
                Comm = EngineOptionsMapper.Comm(_configuration),
                Membership = EngineOptionsMapper.Membership(_configuration),
                ChannelSettings = EngineOptionsMapper.Channels(_configuration),
                Dissemination = EngineOptionsMapper.Dissemination(_configuration),
                DataValidator = new BlockDataValidator(verifiers),
            },
            _transport,
            new NodeContext(_time, new Random(), _loggers));
        Node.DataDelivered += OnDataDelivered;
        Messages = new AppMessageExchange(Node, signer, _loggers.CreateLogger<AppMessageExchange>());

        var electionOptions = EngineOptionsMapper.Election(_configuration);
        foreach (var channel in _channels.Values)
        {
            channel.Attach(Node, Leadership(channel.Definition, electionOptions));
        }


        Node.Start();
        foreach (var channel in _channels.Values)
        {
            channel.Start();
        }

        Log.Started(_logger, _configuration.Peer.Id, Node.Identity.PkiId.Short, Node.Endpoint, _channels.Count);
    }

    /// <summary>Leaves gracefully: leaders hand over, block sources stop, departure is announced, the current commit finishes.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Log.Stopping(_logger, _configuration.Peer.Id);
        foreach (var channel in _channels.Values)
        {
            await channel.StopReceivingAsync(handOver: true).ConfigureAwait(false);
        }

        Node?.LeaveAndStop();
        foreach (var channel in _channels.Values)
        {
            await channel.FinishCommitsAsync(FinishCommitsLimit).ConfigureAwait(false);
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stopped = true;
        if (Node is not null)
        {
            Node.DataDelivered -= OnDataDelivered;
            Node.Stop();
        }

        foreach (var channel in _channels.Values)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        _channels.Clear();
        if (_transport is not null)
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
            _transport = null;
        }

        _pool?.Dispose();
        _pool = null;
        _orderers?.Dispose();
        _orderers = null;
    }

    private ILeadership? Leadership(ChannelDefinition definition, ElectionOptions options)
    {
        if (definition.Dissemination != BlockDisseminationMode.Gossip)
        {
            return null;
        }

        return definition.ElectionMode == LeaderElectionMode.Dynamic
            ? new ChannelElection(Node.Context, Node.Channel(definition.Name), Node.Identities, Node.Counters, options)
            : new StaticLeadership(_configuration.Election.OrgLeader);
    }

    private void OnDataDelivered(Gossip.Dissemination.DeliveredData data)
    {
        // Under the node's gate: hand over without waiting; a refusal is counted by the committer.
        if (_channels.TryGetValue(data.Channel, out var channel))
        {
            var origin = data.Source == Gossip.Dissemination.DataSource.Pull ? BlockOrigin.Pull : BlockOrigin.Push;
            channel.Committer.TrySubmit(data.Seq, data.Data, origin);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Peer {PeerId} ({Pki}) serving on {Endpoint} with {Channels} channels")]
        public static partial void Started(ILogger logger, string peerId, string pki, string endpoint, int channels);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Peer {PeerId} leaving: handing over leadership and announcing departure")]
        public static partial void Stopping(ILogger logger, string peerId);
    }
}
