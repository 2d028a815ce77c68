using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Membership;

/// <summary>SWIM failure detection with Lifeguard: direct and indirect probes, suspicion, confirmation, death.</summary>
public sealed partial class MembershipService
{
    private readonly Dictionary<ulong, ProbeRound> _probes = [];
    private readonly List<PkiId> _probeOrder = [];
    private int _probeCursor;
    private IDisposable? _probeTimer;

    private void ScheduleProbe(TimeSpan due) =>
        _probeTimer = _context.Schedule(due, "membership.probe", () => Entry(ProbeTick));

    /// <summary>Probes the next peer of a shuffled round-robin order (SWIM's bounded worst-case detection), then
    /// schedules the next tick, stretched by local health.</summary>
    private void ProbeTick()
    {
        ScheduleProbe(_health.Scale(_options.ProbeInterval));
        var target = NextProbeTarget();
        if (target is not null)
        {
            StartProbe(target);
        }
    }

    private MemberRecord? NextProbeTarget()
    {
        for (var attempts = 0; attempts < 2; attempts++)
        {
            while (_probeCursor < _probeOrder.Count)
            {
                var id = _probeOrder[_probeCursor++];
                if (_members.TryGetValue(id, out var member) && member.State != PeerLiveness.Dead && !member.Left && CanReach(member))
                {
                    return member;
                }
            }

            _probeOrder.Clear();
            _probeOrder.AddRange(_members.Values.Where(m => m.State != PeerLiveness.Dead && !m.Left).Select(m => m.PkiId).Order());
            _context.Random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_probeOrder));
            _probeCursor = 0;
        }

        return null;
    }

    private bool CanReach(MemberRecord member) =>
        member.DialEndpoint is not null && _disclosure.MayDisclose(SelfMsp, SelfHasExternal, member.MspId, member.HasExternalEndpoint);

    private void StartProbe(MemberRecord target)
    {
        if (_probes.Values.Any(p => p.Target == target.PkiId && !p.OnBehalf && !p.Done))
        {
            return;
        }

        var round = new ProbeRound(NextNonce(), target.PkiId) { TargetIncarnation = target.Incarnation, TargetSequence = target.Sequence };
        _probes[round.Id] = round;
        _counters.Increment("membership.probes.sent");
        var timeout = _health.Scale(_options.ProbeTimeout);
        if (!_comm.IsConnected(target.PkiId))
        {
            // SWIM's timeout is a message round trip; a connection must be set up first, which a dial failure ends early.
            round.AwaitingConnection = true;
            timeout += _health.Scale(_options.ProbeDialAllowance);
            _counters.Increment("membership.probes.dialling");
        }

        SendProbe(target, round.Id);
        ArmDirectTimeout(round, timeout);
    }

    private void ArmDirectTimeout(ProbeRound round, TimeSpan timeout)
    {
        round.Timer?.Dispose();
        round.Timer = _context.Schedule(timeout, "membership.probe-timeout", () => Entry(() => OnDirectTimeout(round)));
    }

    /// <summary>A connection to a probe target is up: its direct probe now gets the ordinary timeout from here.</summary>
    private void OnPeerConnected(PeerIdentity peer) => Entry(() =>
    {
        foreach (var round in _probes.Values)
        {
            if (round.AwaitingConnection && !round.Done && !round.OnBehalf && round.Target == peer.PkiId)
            {
                round.AwaitingConnection = false;
                ArmDirectTimeout(round, _health.Scale(_options.ProbeTimeout));
            }
        }
    });

    /// <summary>The dial to a probe target failed: go to indirect probes at once rather than wait out the allowance.</summary>
    private void OnDialFailed(PkiId peer) => Entry(() =>
    {
        foreach (var round in _probes.Values.Where(r => r.AwaitingConnection && !r.Done && !r.OnBehalf && r.Target == peer).ToList())
        {
            round.AwaitingConnection = false;
            round.Timer?.Dispose();
            OnDirectTimeout(round);
        }
    });

    private void SendProbe(MemberRecord target, ulong id) =>
        SendTo(target, SignedEnvelope.Unsigned(new GossipMessage
        {
            Nonce = NextNonce(),
            Tag = RoutingTag.Any,
            Probe = new Probe { ProbeId = id, Suspected = target.State == PeerLiveness.Suspect },
        }));

    private void OnDirectTimeout(ProbeRound round)
    {
        if (round.Done)
        {
            return;
        }

        round.DirectNeverConnected = round.AwaitingConnection;
        round.AwaitingConnection = false;
        if (!_members.TryGetValue(round.Target, out var target))
        {
            Finish(round);
            return;
        }

        var helpers = PickRandom(AliveMembers(), _options.IndirectProbes, m =>
            m.PkiId != round.Target && CanReach(m) && _disclosure.MayDisclose(target.MspId, target.HasExternalEndpoint, m.MspId, m.HasExternalEndpoint));
        round.NacksExpected = helpers.Count;
        foreach (var helper in helpers)
        {
            SendTo(helper, SignedEnvelope.Unsigned(new GossipMessage
            {
                Nonce = NextNonce(),
                Tag = RoutingTag.Any,
                IndirectProbe = new IndirectProbeRequest { ProbeId = round.Id, TargetPkiId = round.Target.ToByteString() },
            }));
        }

        _counters.Increment("membership.probes.indirect", helpers.Count);
        round.Timer = _context.Schedule(_health.Scale(IndirectWindow), "membership.probe-round", () => Entry(() => OnRoundEnd(round)));
    }

    private void OnRoundEnd(ProbeRound round)
    {
        if (round.Done)
        {
            return;
        }

        Finish(round);
        _counters.Increment("membership.probes.failed");
        if (round.NacksReceived < round.NacksExpected)
        {
            _health.Worse(); // helpers did not even answer: the trouble may be ours
            if (round.DirectNeverConnected && round.NacksReceived == 0)
            {
                // No connection to the target and no word from any helper: nothing says the target failed. The next
                // round probes it again; a refused dial or a helper's nack is evidence and leads to an accusation.
                _counters.Increment("membership.probes.inconclusive");
                return;
            }
        }

        if (_members.TryGetValue(round.Target, out var target) && target.State != PeerLiveness.Dead && !target.Left
            && target.Incarnation == round.TargetIncarnation && target.Sequence == round.TargetSequence)
        {
            Accuse(target);
        }
    }

    private void Finish(ProbeRound round)
    {
        round.Done = true;
        round.Timer?.Dispose();
        _probes.Remove(round.Id);
    }

    private void OnProbe(ReceivedMessage message)
    {
        var probe = message.Message.Probe;
        Reply(message, new GossipMessage { Nonce = NextNonce(), Tag = RoutingTag.Any, ProbeAck = new ProbeAck { ProbeId = probe.ProbeId } });
        if (probe.Suspected)
        {
            Refute(message.SenderPkiId, _sequence, _incarnation);
        }
    }

    private void OnProbeAck(ReceivedMessage message)
    {
        var id = message.Message.ProbeAck.ProbeId;
        if (_contacts.Remove(id, out var endpoint))
        {
            OnContactAck(message, endpoint);
            return;
        }

        if (!_probes.TryGetValue(id, out var round) || round.Target != message.SenderPkiId)
        {
            _counters.Increment("membership.probes.unexpected_ack");
            return;
        }

        Finish(round);
        _members.TryGetValue(round.Target, out var target);
        if (target is not null)
        {
            target.LastSeen = _context.Time.GetTimestamp();
        }

        if (round.OnBehalf)
        {
            SendIndirectResult(round, reached: true);
            return;
        }

        _health.Better();
        _counters.Increment("membership.probes.acked");
        if (target?.State == PeerLiveness.Suspect)
        {
            ResurrectFirstHand(target); // it answered us: alive here, and asked to refute for everyone else
        }
    }

    private void OnIndirectProbe(ReceivedMessage message)
    {
        var request = message.Message.IndirectProbe;
        if (!PkiId.TryFrom(request.TargetPkiId.Span, out var targetId))
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.Malformed, "indirect probe without a valid target PKI-ID");
            return;
        }

        // Only peers we know (and may talk about with the asker) are probed: nobody can make us dial arbitrary endpoints.
        if (!_members.TryGetValue(targetId, out var target) || !CanReach(target) || target.State == PeerLiveness.Dead
            || !_members.TryGetValue(message.SenderPkiId, out var asker)
            || !_disclosure.MayDisclose(target.MspId, target.HasExternalEndpoint, asker.MspId, asker.HasExternalEndpoint))
        {
            Reply(message, IndirectResult(request.ProbeId, request.TargetPkiId, reached: false));
            return;
        }

        var round = new ProbeRound(NextNonce(), targetId) { Requester = message.SenderPkiId, RequesterProbeId = request.ProbeId };
        _probes[round.Id] = round;
        SendProbe(target, round.Id);
        round.Timer = _context.Schedule(IndirectNackDelay, "membership.indirect-timeout", () => Entry(() =>
        {
            if (!round.Done)
            {
                Finish(round);
                SendIndirectResult(round, reached: false);
            }
        }));
    }

    /// <summary>What is left of a probe round after the direct timeout: how long the asker waits for indirect results
    /// (stretched by its local health, never shortened).</summary>
    private TimeSpan IndirectWindow => _options.ProbeInterval - _options.ProbeTimeout;

    /// <summary>How long a helper waits for the target before answering "not reached": 80% of the asker's
    /// <see cref="IndirectWindow"/> (memberlist's ratio), leaving the rest for the two hops, so a failed indirect probe
    /// counts as evidence instead of arriving after the round.</summary>
    private TimeSpan IndirectNackDelay => IndirectWindow * 0.8;

    private void SendIndirectResult(ProbeRound round, bool reached)
    {
        var message = IndirectResult(round.RequesterProbeId, round.Target.ToByteString(), reached);
        if (!_comm.TrySendConnected(round.Requester, SignedEnvelope.Unsigned(message)) && _members.TryGetValue(round.Requester, out var requester))
        {
            SendTo(requester, SignedEnvelope.Unsigned(message));
        }
    }

    private static GossipMessage IndirectResult(ulong probeId, Google.Protobuf.ByteString target, bool reached) => new()
    {
        Tag = RoutingTag.Any,
        IndirectProbeResult = new IndirectProbeResult { ProbeId = probeId, TargetPkiId = target, Reached = reached },
    };

    private void OnIndirectProbeResult(ReceivedMessage message)
    {
        var result = message.Message.IndirectProbeResult;
        if (!_probes.TryGetValue(result.ProbeId, out var round) || round.OnBehalf || !result.TargetPkiId.Span.SequenceEqual(round.Target.Span))
        {
            _counters.Increment("membership.probes.late_result");
            return;
        }

        if (!result.Reached)
        {
            round.NacksReceived++;
            return;
        }

        Finish(round);
        _health.Better();
        _counters.Increment("membership.probes.indirect_acked");
        if (_members.TryGetValue(round.Target, out var target))
        {
            target.LastSeen = _context.Time.GetTimestamp();
            if (target.State == PeerLiveness.Suspect)
            {
                ResurrectFirstHand(target);
            }
        }
    }
}
