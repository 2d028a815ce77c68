using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Membership;

/// <summary>Membership request/response, bootstrap and anchor contact, reconnection to dead peers, and expiry.</summary>
public sealed partial class MembershipService
{
    private const int MaxKnownInRequest = 100_000;
    private readonly Dictionary<ulong, string> _contacts = [];
    private IDisposable? _followUpPull;

    /// <summary>Peers forgotten recently, with the last alive they had: older copies still circulating (in other peers'
    /// answers) must not bring them back. Kept for as long as a dead peer is remembered.</summary>
    private readonly Dictionary<PkiId, (ulong Incarnation, ulong Sequence, long At)> _forgotten = [];

    /// <summary>Asks a few random live peers for the members we do not know; <paramref name="preferConnected"/> picks among
    /// peers with an open connection first (a follow-up should not wait for a TLS handshake).</summary>
    private void PullFromRandomPeers(bool preferConnected = false)
    {
        bool MayAsk(MemberRecord m) => _disclosure.MayDisclose(SelfMsp, SelfHasExternal, m.MspId, m.HasExternalEndpoint);
        var targets = preferConnected ? PickRandom(AliveMembers(), _options.PullPeerNum, m => MayAsk(m) && _comm.IsConnected(m.PkiId)) : [];
        if (targets.Count == 0)
        {
            targets = PickRandom(AliveMembers(), _options.PullPeerNum, MayAsk);
        }

        foreach (var target in targets)
        {
            SendTo(target, MembershipRequestFor(target.MspId, target.HasExternalEndpoint, includeKnown: true));
        }
    }

    private Envelope MembershipRequestFor(string recipientMsp, bool recipientHasExternal, bool includeKnown)
    {
        var request = new MembershipRequest { SelfInformation = SelfAliveFor(recipientMsp) };
        if (includeKnown)
        {
            // Peers we consider alive (and may mention to this recipient); the answer then carries only the others.
            foreach (var member in AliveMembers()
                .Where(m => _disclosure.MayDisclose(m.MspId, m.HasExternalEndpoint, recipientMsp, recipientHasExternal))
                .Take(MaxKnownInRequest))
            {
                request.Known.Add(KnownDigest.Encode(member.PkiId, member.Incarnation, member.Sequence));
            }
        }

        return SignedEnvelope.Unsigned(new GossipMessage
        {
            Nonce = NextNonce(),
            Tag = SelfHasExternal ? RoutingTag.Any : RoutingTag.OrgOnly,
            MembershipRequest = request,
        });
    }

    private void OnMembershipRequest(ReceivedMessage message)
    {
        var request = message.Message.MembershipRequest;
        if (request.SelfInformation is null)
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.Malformed, "membership request without the asker's alive message");
            return;
        }

        var inner = Decode(request.SelfInformation, message.Sender);
        if (inner is null)
        {
            return;
        }

        if (inner.ContentCase != GossipMessage.ContentOneofCase.Alive || inner.Alive.Membership is null
            || !inner.Alive.Membership.PkiId.Span.SequenceEqual(message.SenderPkiId.Span))
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.Spoofed, $"membership request from {message.SenderPkiId.Short} carries another peer's alive message");
            return;
        }

        if (!_disclosure.MayDisclose(SelfMsp, SelfHasExternal, message.SenderMspId, inner.Alive.Membership.Endpoint.Length > 0))
        {
            // The asker should not know about us at all; tell it nothing.
            _rejections.Reject(message.SenderPkiId, RejectionReason.VisibilityViolation, $"membership request from {message.SenderPkiId.Short} of {message.SenderMspId}, which may not learn about this node");
            return;
        }

        _members.TryGetValue(message.SenderPkiId, out var asker);
        if (asker is null || asker.State != PeerLiveness.Alive
            || asker.CompareTime(inner.Alive.Timestamp?.Incarnation ?? 0, inner.Alive.Timestamp?.Sequence ?? 0) < 0)
        {
            asker = ProcessAlive(request.SelfInformation, inner, message.Sender, AliveSource.Request) ?? asker;
        }

        var askerMsp = message.SenderMspId;
        var askerExternal = inner.Alive.Membership.Endpoint.Length > 0;
        var known = new Dictionary<PkiId, (ulong Incarnation, ulong Sequence)>();
        foreach (var entry in request.Known.Take(MaxKnownInRequest))
        {
            if (KnownDigest.TryDecode(entry.Span, out var pki, out var incarnation, out var sequence))
            {
                known[pki] = (incarnation, sequence);
            }
        }

        var response = new MembershipResponse();
        response.Alive.Add(SelfAliveFor(askerMsp));
        foreach (var member in _members.Values)
        {
            if (member.AliveEnvelope is null || member.Left || member.PkiId == message.SenderPkiId
                || (known.TryGetValue(member.PkiId, out var held) && member.CompareTime(held.Incarnation, held.Sequence) <= 0)
                || !_disclosure.MayDisclose(member.MspId, member.HasExternalEndpoint, askerMsp, askerExternal))
            {
                continue;
            }

            var envelope = string.Equals(member.MspId, askerMsp, StringComparison.Ordinal) ? member.AliveEnvelope : SignedEnvelope.WithoutSecret(member.AliveEnvelope);
            (member.State == PeerLiveness.Dead ? response.Dead : response.Alive).Add(envelope);
        }

        _counters.Increment("membership.requests.answered");
        Reply(message, new GossipMessage { Nonce = message.Message.Nonce, Tag = message.Message.Tag, MembershipResponse = response });
    }

    private void OnMembershipResponse(ReceivedMessage message)
    {
        var response = message.Message.MembershipResponse;
        _counters.Increment("membership.responses.received");
        var known = _members.Count;
        foreach (var envelope in response.Alive)
        {
            ProcessAlive(envelope, null, message.Sender, AliveSource.Response);
        }

        if (_members.Count > known)
        {
            ScheduleFollowUpPull();
        }

        foreach (var envelope in response.Dead)
        {
            var inner = Decode(envelope, message.Sender);
            if (inner?.Alive?.Membership is { } member && PkiId.TryFrom(member.PkiId.Span, out var id) && !_members.ContainsKey(id))
            {
                ProcessAlive(envelope, inner, message.Sender, AliveSource.ResponseDead);
            }
        }
    }

    /// <summary>An answer that taught us peers we did not know means the view is still filling (a start, a burst of new
    /// pods): ask another random peer soon rather than a whole pull interval later, preferring one we are connected to
    /// (while a view fills, new connections queue behind many TLS handshakes; the periodic pull keeps choosing among all
    /// peers, so views still merge across connections that are down). Once answers bring nothing new, pulls are periodic
    /// again, so a settled view costs nothing extra.</summary>
    private void ScheduleFollowUpPull()
    {
        if (!_options.FollowUpPulls || _followUpPull is not null || !_running)
        {
            return;
        }

        _counters.Increment("membership.pull.follow_up");
        _followUpPull = _context.Schedule(_options.PullInterval / 10, "membership.follow-up-pull", () => Entry(() =>
        {
            _followUpPull = null;
            PullFromRandomPeers(preferConnected: true);
        }));
    }

    /// <summary>Contacts bootstrap peers (own org) and, when this peer has an external endpoint, anchor peers that are
    /// not yet in the view as alive. Contact starts with a probe: its ack reveals who answers, and only then is our
    /// alive message (with the internal endpoint only for our own org) sent in a membership request.</summary>
    private void ContactPinnedPeers()
    {
        foreach (var endpoint in _options.Bootstrap.Concat(SelfHasExternal ? _options.AnchorPeers : []))
        {
            if (IsOwnEndpoint(endpoint) || _members.Values.Any(m => m.State == PeerLiveness.Alive && (m.Endpoint == endpoint || m.InternalEndpoint == endpoint)))
            {
                continue;
            }

            var id = NextNonce();
            _contacts[id] = endpoint;
            _counters.Increment("membership.contacts");
            _comm.Send(new RemotePeer(default, endpoint), SignedEnvelope.Unsigned(new GossipMessage
            {
                Nonce = NextNonce(),
                Tag = RoutingTag.Any,
                Probe = new Probe { ProbeId = id },
            }));
        }
    }

    /// <summary>A bootstrap or anchor peer answered a contact probe: ask it for its view if the rules allow.</summary>
    private void OnContactAck(ReceivedMessage message, string endpoint)
    {
        var isBootstrap = _options.Bootstrap.Contains(endpoint);
        var sameOrg = string.Equals(message.SenderMspId, SelfMsp, StringComparison.Ordinal);
        if (isBootstrap && !sameOrg && !_options.AnchorPeers.Contains(endpoint))
        {
            _counters.Increment("membership.bootstrap.foreign_org");
            _rejections.Reject(default, RejectionReason.UnexpectedPeer, $"bootstrap peer {endpoint} belongs to {message.SenderMspId}, not {SelfMsp}");
            return;
        }

        if (!_disclosure.MayDisclose(SelfMsp, SelfHasExternal, message.SenderMspId, recipientHasExternal: true))
        {
            _counters.Increment("membership.anchor.not_disclosable");
            return;
        }

        var request = MembershipRequestFor(message.SenderMspId, recipientHasExternal: true, includeKnown: false);
        if (!_comm.TrySendConnected(message.SenderPkiId, request))
        {
            _comm.Send(new RemotePeer(message.SenderPkiId, endpoint), request);
        }
    }

    private bool IsOwnEndpoint(string endpoint) =>
        string.Equals(endpoint, _options.Endpoint, StringComparison.Ordinal) || string.Equals(endpoint, _options.ExternalEndpoint, StringComparison.Ordinal);

    /// <summary>Asks dead peers (that we can dial) for their view: an answer brings their newer alive and resurrects
    /// them; also retries bootstrap and anchor peers not yet reached.</summary>
    private void Reconnect()
    {
        _contacts.Clear();
        foreach (var member in _members.Values.Where(m => m.State == PeerLiveness.Dead && (!m.Left || m.Pinned)).ToList())
        {
            if (member.DialEndpoint is not null && _disclosure.MayDisclose(SelfMsp, SelfHasExternal, member.MspId, member.HasExternalEndpoint))
            {
                _counters.Increment("membership.reconnect.attempts");
                SendTo(member, MembershipRequestFor(member.MspId, member.HasExternalEndpoint, includeKnown: false));
            }
        }

        ContactPinnedPeers();
    }

    /// <summary>Silence-based death (Fabric mode), forgetting long-dead peers, and dropping peers whose identity expired
    /// or was replaced by a renewed certificate.</summary>
    private void CheckExpiry()
    {
        var now = _context.Time.GetTimestamp();
        var forgetAfter = _options.AliveExpirationTimeout * _options.MessageExpirationFactor;
        List<MemberRecord>? forget = null;
        foreach (var member in _members.Values)
        {
            if (!_identities.TryGet(member.PkiId, out _))
            {
                (forget ??= []).Add(member);
                continue;
            }

            if (_options.FailureDetection == FailureDetection.AliveExpiration && member.State == PeerLiveness.Alive
                && _context.Time.GetElapsedTime(member.LastSeen, now) > _options.AliveExpirationTimeout)
            {
                DeclareDead(member, "no alive message within aliveExpirationTimeout", gossip: false);
            }
            else if (member.State == PeerLiveness.Dead && !member.Pinned && _context.Time.GetElapsedTime(member.StateSince, now) > forgetAfter)
            {
                (forget ??= []).Add(member);
            }
        }

        foreach (var (id, tombstone) in _forgotten.Where(f => _context.Time.GetElapsedTime(f.Value.At, now) > forgetAfter).ToList())
        {
            _forgotten.Remove(id);
        }

        foreach (var member in forget ?? [])
        {
            member.ClearSuspicion();
            _members.Remove(member.PkiId);
            _forgotten[member.PkiId] = (member.Incarnation, member.Sequence, now);
            MarkChanged();
            _counters.Increment("membership.forgotten");
            Log.Forgot(_logger, member.PkiId.Short, "dead for too long, or its identity expired");
            _comm.Disconnect(member.PkiId, "forgotten by membership");
        }
    }
}
