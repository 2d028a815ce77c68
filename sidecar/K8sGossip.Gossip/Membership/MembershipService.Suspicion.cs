using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Membership;

/// <summary>Suspicion (Lifeguard): accusations, confirmations that shorten the timeout, refutation, death.</summary>
public sealed partial class MembershipService
{
    /// <summary>Our own probe of <paramref name="target"/> failed: suspect it (or confirm an existing suspicion) and tell
    /// the target (so it refutes at once) and a few peers.</summary>
    private void Accuse(MemberRecord target)
    {
        _counters.Increment("membership.accusations");
        AddAccuser(target, Self);
        var envelope = SuspectEnvelope(target, dead: false);
        SendTo(target, envelope);
        Forward(envelope, target, exclude: default, _options.PropagatePeerNum * 2);
    }

    /// <summary>Marks <paramref name="target"/> suspected (if it was alive) and counts <paramref name="accuser"/>; returns
    /// whether the accuser is new for this suspicion.</summary>
    private bool AddAccuser(MemberRecord target, PkiId accuser)
    {
        var now = _context.Time.GetTimestamp();
        if (target.State == PeerLiveness.Alive)
        {
            target.State = PeerLiveness.Suspect;
            target.StateSince = now;
            target.SuspectedAt = now;
            target.Accusers = [];
            MarkChanged();
            _counters.Increment("membership.suspected");
            Log.Suspected(_logger, target.PkiId.Short, accuser.Short);
        }

        target.Accusers ??= [];
        if (!target.Accusers.Add(accuser))
        {
            return false;
        }

        var minimum = SuspicionTimeout.Minimum(_members.Count + 1, _options.SuspicionMultiplier, _options.ProbeInterval);
        var maximum = minimum * _options.SuspicionMaxMultiplier;
        var timeout = SuspicionTimeout.After(target.Accusers.Count - 1, _options.SuspicionConfirmations, minimum, maximum);
        var remaining = timeout - _context.Time.GetElapsedTime(target.SuspectedAt, now);
        target.SuspicionTimer?.Dispose();
        var incarnation = target.Incarnation;
        var sequence = target.Sequence;
        target.SuspicionTimer = _context.Schedule(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, "membership.suspicion", () => Entry(() =>
        {
            if (target.State == PeerLiveness.Suspect && target.Incarnation == incarnation && target.Sequence == sequence
                && _members.TryGetValue(target.PkiId, out var current) && current == target)
            {
                OnSuspicionTimeout(target);
            }
        }));
        return true;
    }

    /// <summary>The suspicion was not refuted in time. A node that heard from the peer since the suspicion began knows it
    /// is alive. A node whose own probe failed, or that holds enough independent accusations, declares death at once. A
    /// node that only heard a weakly supported accusation probes once more itself, and declares death only if that fails
    /// too (its own accusation then ends the suspicion): a refutation it missed cannot make it raise a false alarm.</summary>
    private void OnSuspicionTimeout(MemberRecord target)
    {
        if (target.LastSeen > target.SuspectedAt)
        {
            ResurrectFirstHand(target);
            return;
        }

        var accusers = target.Accusers?.Count ?? 0;
        if (target.Accusers?.Contains(Self) != true && accusers < _options.SuspicionConfirmations)
        {
            _counters.Increment("membership.suspicions.last_chance_probes");
            StartProbe(target);
            return;
        }

        DeclareDead(target, $"suspected by {accusers} peers and not refuted", gossip: true);
    }

    private Envelope SuspectEnvelope(MemberRecord target, bool dead) =>
        SignedEnvelope.Create(new GossipMessage
        {
            Nonce = NextNonce(),
            Tag = target.HasExternalEndpoint ? RoutingTag.Any : RoutingTag.OrgOnly,
            Suspect = new SuspectMessage
            {
                TargetPkiId = target.PkiId.ToByteString(),
                TargetTimestamp = new PeerTime { Incarnation = target.Incarnation, Sequence = target.Sequence },
                AccuserPkiId = Self.ToByteString(),
                Dead = dead,
            },
        }, _signer);

    private void DeclareDead(MemberRecord target, string reason, bool gossip)
    {
        target.ClearSuspicion();
        target.State = PeerLiveness.Dead;
        target.StateSince = _context.Time.GetTimestamp();
        MarkChanged();
        _counters.Increment("membership.declared_dead");
        Log.DeclaredDead(_logger, target.PkiId.Short, reason);
        if (gossip)
        {
            var envelope = SuspectEnvelope(target, dead: true);
            Forward(envelope, target, exclude: default, _options.PropagatePeerNum * 2);
            SendTo(target, envelope); // if it is in fact alive, it refutes and is resurrected
        }

        _comm.Disconnect(target.PkiId, "declared dead");
    }

    private void OnSuspect(ReceivedMessage message)
    {
        var suspect = message.Message.Suspect;
        if (suspect.TargetTimestamp is null || !PkiId.TryFrom(suspect.TargetPkiId.Span, out var targetId)
            || !PkiId.TryFrom(suspect.AccuserPkiId.Span, out var accuser))
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.Malformed, "suspicion without target, timestamp or accuser");
            return;
        }

        if (accuser == Self)
        {
            return; // our own accusation came back
        }

        var verified = SignedEnvelope.Verify(message.Envelope, accuser, _identities);
        if (verified != IdentityRejection.None)
        {
            _rejections.Reject(message.SenderPkiId, GossipComm.ToReason(verified), $"suspicion of {targetId.Short} by {accuser.Short}: {verified}");
            return;
        }

        var incarnation = suspect.TargetTimestamp.Incarnation;
        var sequence = suspect.TargetTimestamp.Sequence;
        if (targetId == Self)
        {
            Refute(accuser, sequence, incarnation);
            return;
        }

        if (!_members.TryGetValue(targetId, out var target) || target.Left)
        {
            return;
        }

        if (target.CompareTime(incarnation, sequence) > 0)
        {
            // Already refuted: hand the newer alive to whoever is still suspicious.
            _counters.Increment("membership.suspicions.stale");
            if (target.AliveEnvelope is not null && _members.TryGetValue(message.SenderPkiId, out var relayer)
                && target.State == PeerLiveness.Alive
                && _disclosure.MayDisclose(target.MspId, target.HasExternalEndpoint, relayer.MspId, relayer.HasExternalEndpoint))
            {
                SendTo(relayer, string.Equals(relayer.MspId, target.MspId, StringComparison.Ordinal) ? target.AliveEnvelope : SignedEnvelope.WithoutSecret(target.AliveEnvelope));
            }

            return;
        }

        if (target.State == PeerLiveness.Dead)
        {
            return;
        }

        if (suspect.Dead)
        {
            _counters.Increment("membership.learned_dead");
            DeclareDeadLearned(target, accuser);
            Forward(message.Envelope, target, message.SenderPkiId, _options.PropagatePeerNum * 2);
            return;
        }

        var wasAlive = target.State == PeerLiveness.Alive;
        if (AddAccuser(target, accuser))
        {
            Forward(message.Envelope, target, message.SenderPkiId, _options.PropagatePeerNum * 2);
            if (wasAlive && _context.Random.NextDouble() < (double)_options.ConfirmationProbers / Math.Max(1, _members.Count))
            {
                StartProbe(target); // our verdict is an independent confirmation, and our probe asks the target to refute
            }
        }
    }

    private void DeclareDeadLearned(MemberRecord target, PkiId accuser)
    {
        target.ClearSuspicion();
        target.State = PeerLiveness.Dead;
        target.StateSince = _context.Time.GetTimestamp();
        MarkChanged();
        Log.DeclaredDead(_logger, target.PkiId.Short, $"declared dead by {accuser.Short}");
        _comm.Disconnect(target.PkiId, "declared dead");
    }
}
