using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Membership;

/// <summary>Alive messages (receive, verify, learn, forward news), refutation, and leave.</summary>
public sealed partial class MembershipService
{
    /// <summary>Where an alive envelope came from; decides whether it is forwarded.</summary>
    private enum AliveSource
    {
        Gossip,
        Request,
        Response,
        ResponseDead,
    }

    private void OnAlive(ReceivedMessage message) => ProcessAlive(message.Envelope, message.Message, message.Sender, AliveSource.Gossip);

    /// <summary>Validates and learns an alive envelope; returns the originator's record when it was accepted.</summary>
    private MemberRecord? ProcessAlive(Envelope envelope, GossipMessage? decoded, PeerIdentity relayer, AliveSource source)
    {
        var message = decoded ?? Decode(envelope, relayer);
        if (message is null)
        {
            return null;
        }

        if (message.ContentCase != GossipMessage.ContentOneofCase.Alive || message.Alive.Membership is null || message.Alive.Timestamp is null
            || !PkiId.TryFrom(message.Alive.Membership.PkiId.Span, out var origin) || string.IsNullOrEmpty(message.Alive.Membership.MspId))
        {
            _rejections.Reject(relayer.PkiId, RejectionReason.Malformed, "alive message without membership, timestamp or PKI-ID");
            return null;
        }

        var alive = message.Alive;
        var msp = alive.Membership.MspId;
        var incarnation = alive.Timestamp.Incarnation;
        var sequence = alive.Timestamp.Sequence;
        if (origin == Self)
        {
            if (incarnation > _incarnation)
            {
                _counters.Increment("membership.alive.newer_self"); // another process signs with our identity
            }

            return null;
        }

        if (_forgotten.TryGetValue(origin, out var tombstone) && origin != relayer.PkiId
            && (incarnation < tombstone.Incarnation || (incarnation == tombstone.Incarnation && sequence <= tombstone.Sequence)))
        {
            _counters.Increment("membership.alive.forgotten"); // an old copy about a peer we already forgot
            return null;
        }

        _members.TryGetValue(origin, out var record);
        if (record is not null && record.CompareTime(incarnation, sequence) == 0 && origin == relayer.PkiId
            && record.State != PeerLiveness.Alive && !record.Left)
        {
            ResurrectFirstHand(record);
            return record;
        }

        if (record is not null && record.CompareTime(incarnation, sequence) == 0 && record.InternalEndpoint is null
            && envelope.SecretEnvelope is not null && string.Equals(msp, SelfMsp, StringComparison.Ordinal))
        {
            LearnSecret(record, envelope);
            return null;
        }

        if (record is not null && record.CompareTime(incarnation, sequence) >= 0)
        {
            if (source is AliveSource.Response or AliveSource.ResponseDead || record.CompareTime(incarnation, sequence) == 0)
            {
                // Answers repeat what we know, and the same alive reaches us by several paths: not an offence.
                _counters.Increment("membership.alive.already_known");
                return null;
            }

            _rejections.Reject(relayer.PkiId, RejectionReason.Replay, $"alive of {origin.Short} at ({incarnation}, {sequence}) is not newer than ({record.Incarnation}, {record.Sequence})");
            return null;
        }

        if (!string.Equals(msp, SelfMsp, StringComparison.Ordinal)
            && (message.Tag == RoutingTag.OrgOnly || !SelfHasExternal || !_disclosure.MayKnow(msp) || alive.Membership.Endpoint.Length == 0))
        {
            _rejections.Reject(relayer.PkiId, RejectionReason.VisibilityViolation, $"alive of {origin.Short} of {msp}, which this node may not learn about");
            return null;
        }

        if (!_identities.TryGet(origin, out var identity))
        {
            if (alive.Identity.IsEmpty)
            {
                _rejections.Reject(relayer.PkiId, RejectionReason.UnknownPeer, $"alive of unknown {origin.Short} without its certificate");
                return null;
            }

            var learned = _identities.TryLearn(msp, alive.Identity.Span, origin, out var fresh);
            if (learned != IdentityRejection.None || fresh is null)
            {
                _rejections.Reject(relayer.PkiId, GossipComm.ToReason(learned), $"alive of {origin.Short} ({msp}): {learned}");
                return null;
            }

            identity = fresh;
        }
        else if (!string.Equals(identity.MspId, msp, StringComparison.Ordinal))
        {
            _rejections.Reject(relayer.PkiId, RejectionReason.PkiIdMismatch, $"alive of {origin.Short} claims {msp}, its identity is of {identity.MspId}");
            return null;
        }

        var verified = SignedEnvelope.Verify(envelope, origin, _identities);
        if (verified != IdentityRejection.None)
        {
            _rejections.Reject(relayer.PkiId, GossipComm.ToReason(verified), $"alive of {origin.Short}: {verified}");
            return null;
        }

        var news = Learn(record, origin, msp, alive, envelope, source == AliveSource.ResponseDead);
        record = _members[origin];
        if (_forgotten.Remove(origin) && origin == relayer.PkiId)
        {
            ResurrectFirstHand(record); // others still hold its tombstone: make it refute with a newer alive
        }

        var forward = source == AliveSource.Gossip
            ? news || _options.FailureDetection == FailureDetection.AliveExpiration
            : news && source == AliveSource.Request;
        if (forward)
        {
            Forward(envelope, record, relayer.PkiId);
        }

        return record;
    }

    /// <summary>Updates the view from a verified alive; true when it is news worth forwarding.</summary>
    private bool Learn(MemberRecord? record, PkiId origin, string msp, AliveMessage alive, Envelope envelope, bool asDead)
    {
        var now = _context.Time.GetTimestamp();
        var endpoint = alive.Membership.Endpoint.Length == 0 ? null : alive.Membership.Endpoint;
        string? internalEndpoint = null;
        if (string.Equals(msp, SelfMsp, StringComparison.Ordinal) && SignedEnvelope.TryReadInternalEndpoint(envelope, out var secret))
        {
            internalEndpoint = secret;
        }

        var news = false;
        if (record is null)
        {
            record = new MemberRecord(origin, msp) { StateSince = now, State = asDead ? PeerLiveness.Dead : PeerLiveness.Alive };
            _members[origin] = record;
            news = true;
            _counters.Increment("membership.joined");
            Log.Joined(_logger, origin.Short, msp);
        }
        else if (asDead)
        {
            return false; // a relayed death certificate never overrides what we know first-hand
        }
        else if (record.Left || record.State != PeerLiveness.Alive || alive.Timestamp.Incarnation > record.Incarnation)
        {
            if (record.State == PeerLiveness.Dead || record.Left)
            {
                _counters.Increment("membership.resurrected");
                Log.Resurrected(_logger, origin.Short, alive.Timestamp.Incarnation);
            }
            else if (record.State == PeerLiveness.Suspect)
            {
                _counters.Increment("membership.refuted");
            }

            record.Left = false;
            record.ClearSuspicion();
            record.State = PeerLiveness.Alive;
            record.StateSince = now;
            news = true;
        }

        if (!string.Equals(record.Endpoint, endpoint, StringComparison.Ordinal)
            || (internalEndpoint is not null && !string.Equals(record.InternalEndpoint, internalEndpoint, StringComparison.Ordinal))
            || !record.Metadata.AsSpan().SequenceEqual(alive.Membership.Metadata.Span))
        {
            record.Endpoint = endpoint;
            record.InternalEndpoint = internalEndpoint ?? record.InternalEndpoint;
            record.Metadata = alive.Membership.Metadata.ToByteArray();
            news = true;
        }

        if (record.Sequence != alive.Timestamp.Sequence && _options.FailureDetection == FailureDetection.Swim)
        {
            MarkChanged(); // with probing the sequence moves only on refutation: rare, so snapshots show it
        }

        record.Incarnation = alive.Timestamp.Incarnation;
        record.Sequence = alive.Timestamp.Sequence;
        record.AliveEnvelope = envelope;
        if (!asDead)
        {
            record.LastSeen = now;
        }

        record.Pinned |= IsPinned(record);
        if (news)
        {
            MarkChanged();
        }

        return news;
    }

    /// <summary>A peer we believed suspect or dead spoke to us itself (its own alive, over its authenticated connection):
    /// it is alive. Others may still believe otherwise, so it is asked to refute, which spreads a newer alive as news.</summary>
    private void ResurrectFirstHand(MemberRecord record)
    {
        if (record.State == PeerLiveness.Dead)
        {
            _counters.Increment("membership.resurrected");
            Log.Resurrected(_logger, record.PkiId.Short, record.Incarnation);
        }

        record.ClearSuspicion();
        record.State = PeerLiveness.Alive;
        record.StateSince = _context.Time.GetTimestamp();
        record.LastSeen = record.StateSince;
        MarkChanged();
        SendTo(record, SignedEnvelope.Unsigned(new GossipMessage
        {
            Nonce = NextNonce(),
            Tag = RoutingTag.Any,
            Probe = new Probe { ProbeId = NextNonce(), Suspected = true },
        }));
    }

    /// <summary>The same alive, first seen without its secret part (relayed through another org), now arrives with it
    /// from our own org: learn the internal endpoint, which same-org peers dial.</summary>
    private void LearnSecret(MemberRecord record, Envelope envelope)
    {
        if (SignedEnvelope.Verify(envelope, record.PkiId, _identities) != IdentityRejection.None
            || !SignedEnvelope.TryReadInternalEndpoint(envelope, out var internalEndpoint))
        {
            return;
        }

        record.InternalEndpoint = internalEndpoint;
        record.AliveEnvelope = envelope;
        record.Pinned |= IsPinned(record);
        MarkChanged();
    }

    private bool IsPinned(MemberRecord record) =>
        (record.Endpoint is not null && _pinnedEndpoints.Contains(record.Endpoint))
        || (record.InternalEndpoint is not null && _pinnedEndpoints.Contains(record.InternalEndpoint));

    /// <summary>Forwards a verified envelope about <paramref name="subject"/> to a few random peers allowed to know about it.</summary>
    private void Forward(Envelope envelope, MemberRecord subject, PkiId exclude, int? fanout = null)
    {
        var targets = PickRandom(AliveMembers(), fanout ?? _options.PropagatePeerNum, m =>
            m.PkiId != exclude && m.PkiId != subject.PkiId
            && _disclosure.MayDisclose(subject.MspId, subject.HasExternalEndpoint, m.MspId, m.HasExternalEndpoint));
        foreach (var target in targets)
        {
            SendTo(target, string.Equals(target.MspId, subject.MspId, StringComparison.Ordinal) ? envelope : SignedEnvelope.WithoutSecret(envelope));
        }

        _counters.Increment("membership.forwarded", targets.Count);
    }

    /// <summary>Sends our alive message to a few random peers. With probing, the sequence advances only to refute a suspicion
    /// (like SWIM's incarnation number), so a later copy of an old heartbeat can never pass for a refutation; in Fabric mode
    /// every heartbeat is freshly signed and forwarded by everyone, because silence is what declares death.</summary>
    private void EmitAlive()
    {
        if (_members.Count == 0)
        {
            return; // like Fabric: nothing to say while we know nobody
        }

        if (_options.FailureDetection == FailureDetection.AliveExpiration)
        {
            NewSelfAlive(); // Fabric: every heartbeat is a new message, and silence means death
        }

        SpreadSelfAlive(_options.PropagatePeerNum, exclude: default);
    }

    private void SpreadSelfAlive(int fanout, PkiId exclude)
    {
        var targets = PickRandom(AliveMembers(), fanout, m =>
            m.PkiId != exclude && _disclosure.MayDisclose(SelfMsp, SelfHasExternal, m.MspId, m.HasExternalEndpoint));
        foreach (var target in targets)
        {
            SendTo(target, SelfAliveFor(target.MspId));
        }
    }

    /// <summary>Someone suspects us: issue a newer alive at once and spread it wider than usual.</summary>
    private void Refute(PkiId accuser, ulong suspectedSequence, ulong suspectedIncarnation)
    {
        if (suspectedIncarnation != _incarnation || suspectedSequence < _refutedUpTo)
        {
            return; // about an older alive of ours, already superseded by a refutation
        }

        _health.Worse();
        NewSelfAlive();
        _refutedUpTo = _sequence;
        _counters.Increment("membership.refutations");
        Log.Refuting(_logger, _sequence);
        if (_members.TryGetValue(accuser, out var record) && _disclosure.MayDisclose(SelfMsp, SelfHasExternal, record.MspId, record.HasExternalEndpoint))
        {
            SendTo(record, SelfAliveFor(record.MspId));
        }

        SpreadSelfAlive(_options.PropagatePeerNum * 2, accuser);
    }

    private void OnLeave(ReceivedMessage message)
    {
        var leave = message.Message.Leave;
        if (leave.Timestamp is null || !PkiId.TryFrom(leave.PkiId.Span, out var origin))
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.Malformed, "leave message without PKI-ID or timestamp");
            return;
        }

        if (!_members.TryGetValue(origin, out var record) || origin == Self)
        {
            _counters.Increment("membership.leave.unknown");
            return;
        }

        if (record.CompareTime(leave.Timestamp.Incarnation, leave.Timestamp.Sequence) >= 0)
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.Replay, $"leave of {origin.Short} is not newer than its last alive");
            return;
        }

        var verified = SignedEnvelope.Verify(message.Envelope, origin, _identities);
        if (verified != IdentityRejection.None)
        {
            _rejections.Reject(message.SenderPkiId, GossipComm.ToReason(verified), $"leave of {origin.Short}: {verified}");
            return;
        }

        record.Incarnation = leave.Timestamp.Incarnation;
        record.Sequence = leave.Timestamp.Sequence;
        record.Left = true;
        record.ClearSuspicion();
        record.State = PeerLiveness.Dead;
        record.StateSince = _context.Time.GetTimestamp();
        MarkChanged();
        _counters.Increment("membership.peer_left");
        Log.PeerLeft(_logger, origin.Short);
        Forward(message.Envelope, record, message.SenderPkiId);
        _comm.Disconnect(origin, "peer left");
    }

    private GossipMessage? Decode(Envelope envelope, PeerIdentity relayer)
    {
        try
        {
            return GossipMessage.Parser.ParseFrom(envelope.Payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            _rejections.Reject(relayer.PkiId, RejectionReason.Undecodable, $"embedded message from {relayer.PkiId.Short}: {ex.Message}");
            return null;
        }
    }
}
