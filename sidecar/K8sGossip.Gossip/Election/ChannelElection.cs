using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Gossip.Telemetry;

namespace K8sGossip.Gossip.Election;

/// <summary>
/// Dynamic election of one organization in one channel, carried by the channel: leadership messages are
/// signed by their sender, go only to same-organization members that proved channel membership, and are
/// verified on receipt; heights come from the members' signed channel state. The channel's published leader
/// flag follows the outcome, so every peer (and `kubectl get`) can see who leads.
/// </summary>
public sealed class ChannelElection : IElectionChannel, ILeadership, IDisposable
{
    private readonly NodeContext _node;
    private readonly GossipChannel _channel;
    private readonly IIdentityStore _identities;
    private readonly NodeCounters _counters;
    private readonly DynamicElection _election;

    /// <summary>Creates the election and registers for the channel's leadership messages.</summary>
    public ChannelElection(NodeContext node, GossipChannel channel, IIdentityStore identities, NodeCounters counters, ElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _node = node;
        _channel = channel;
        _identities = identities;
        _counters = counters;
        _election = new DynamicElection(node, this, options);
        _election.LeadershipChanged += OnLeadershipChanged;
        channel.Handle(GossipMessage.ContentOneofCase.Leadership, OnReceived);
    }

    /// <inheritdoc />
    public PkiId Self => _channel.Self;

    /// <inheritdoc />
    public ulong OwnHeight => _channel.LedgerHeight;

    /// <inheritdoc />
    public bool IsLeader => _election.IsLeader;

    /// <summary>The peer this one believes leads, if any.</summary>
    public PkiId? CurrentLeader => _election.CurrentLeader;

    /// <inheritdoc />
    public event Action<bool>? LeadershipChanged;

    /// <inheritdoc />
    public void Start() => _node.Run("election start", _election.Start);

    /// <inheritdoc />
    public void Yield() => _node.Run("election yield", _election.Yield);

    /// <inheritdoc />
    public void Stop(bool handOver) => _node.Run("election stop", () => _election.Stop(handOver));

    /// <inheritdoc />
    public void Dispose() => Stop(handOver: false);

    /// <inheritdoc />
    /// <remarks>For a peer alone in its organization on the channel this also saves the signature, which costs as much
    /// as the rest of an idle channel's work.</remarks>
    public bool HasPeers => !_channel.OrgMembers().IsEmpty;

    /// <inheritdoc />
    public IReadOnlyList<ElectionCandidate> Peers() =>
        _channel.OrgMembers().Where(m => m.PkiId != Self).Select(m => new ElectionCandidate(m.PkiId, m.LedgerHeight)).ToList();

    /// <inheritdoc />
    public void Send(LeadershipMessage message)
    {
        var envelope = _channel.CreateSignedEnvelope(new GossipMessage { Nonce = (ulong)_node.Random.NextInt64(), Leadership = message });
        foreach (var member in _channel.OrgMembers())
        {
            _channel.Send(member.PkiId, envelope);
        }
    }

    private void OnReceived(ReceivedMessage received)
    {
        var message = received.Message.Leadership;

        // Leadership is never forwarded: whoever sent it must be who it speaks for, and must have signed it.
        if (!PkiId.TryFrom(message.PkiId.Span, out var claimed) || claimed != received.SenderPkiId)
        {
            _counters.Reject(RejectionReason.Spoofed);
            return;
        }

        if (SignedEnvelope.Verify(received.Envelope, claimed, _identities) != IdentityRejection.None)
        {
            _counters.Reject(RejectionReason.BadSignature);
            return;
        }

        _election.OnMessage(claimed, message);
    }

    private void OnLeadershipChanged(bool leader)
    {
        _channel.SetLeader(leader);
        GossipMetrics.LeaderChanged(_channel.Name, leader);
        LeadershipChanged?.Invoke(leader);
    }
}
