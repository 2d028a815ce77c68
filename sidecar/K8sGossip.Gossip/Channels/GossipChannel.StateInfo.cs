using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Channels;

/// <summary>Receiving StateInfo: pushed, pulled and served, verified before it counts.</summary>
public sealed partial class GossipChannel
{
    internal void OnStateInfo(ReceivedMessage message, StateInfo info)
    {
        if (!_identities.TryGet(message.SenderPkiId, out var sender) || !Config.HasMember(sender.MspId))
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.WrongChannel, $"StateInfo of channel {Name} relayed by a peer of an organization outside it");
            return;
        }

        Accept(message.SenderPkiId, message.Envelope, info);
    }

    internal void OnStateInfoPullRequest(ReceivedMessage message)
    {
        if (_own.LeftChannel || !Config.HasMember(message.SenderMspId))
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.WrongChannel, $"StateInfo pull of channel {Name} from organization {message.SenderMspId}");
            return;
        }

        var foreign = message.SenderMspId != SelfMspId;
        var snapshot = new StateInfoSnapshot();
        if (_ownEnvelope is not null)
        {
            snapshot.Elements.Add(_ownEnvelope);
        }

        var members = _membership.Current;
        foreach (var (id, record) in _states)
        {
            if (snapshot.Elements.Count >= _options.MaxSnapshotElements)
            {
                break;
            }

            // A peer without an external endpoint is invisible outside its organization.
            if (foreign && (!members.TryGet(id, out var m) || m.Endpoint is null))
            {
                continue;
            }

            snapshot.Elements.Add(record.Envelope);
        }

        var reply = new GossipMessage
        {
            Nonce = message.Message.Nonce,
            Channel = ByteString.CopyFromUtf8(Name),
            Tag = RoutingTag.ChanOrOrg,
            StateInfoSnapshot = snapshot,
        };
        var envelope = new Envelope { Payload = reply.ToByteString() };
        if (!_comm.TrySendConnected(message.SenderPkiId, envelope) && members.TryGet(message.SenderPkiId, out var asker) && asker.DialEndpoint is { } endpoint)
        {
            _comm.Send(new RemotePeer(message.SenderPkiId, endpoint), envelope);
        }
    }

    internal void OnStateInfoSnapshot(ReceivedMessage message, StateInfoSnapshot snapshot)
    {
        if (!Config.HasMember(message.SenderMspId))
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.WrongChannel, $"StateInfo snapshot of channel {Name} from organization {message.SenderMspId}");
            return;
        }

        var members = _membership.Current;
        foreach (var element in snapshot.Elements)
        {
            StateInfo? info;
            try
            {
                info = GossipMessage.Parser.ParseFrom(element.Payload).StateInfo;
            }
            catch (InvalidProtocolBufferException)
            {
                info = null;
            }

            if (info is null || !PkiId.TryFrom(info.PkiId.Span, out var origin))
            {
                _rejections.Reject(message.SenderPkiId, RejectionReason.Malformed, $"StateInfo snapshot element of channel {Name} is not a StateInfo");
                continue;
            }

            // Only peers this node knows can be verified and used; the rest is someone else's view.
            if (origin == Self || !members.TryGet(origin, out _))
            {
                continue;
            }

            Accept(message.SenderPkiId, element, info);
        }
    }

    private void Accept(PkiId relayedBy, Envelope envelope, StateInfo info)
    {
        if (!PkiId.TryFrom(info.PkiId.Span, out var origin) || info.Timestamp is null || info.Properties is null)
        {
            _rejections.Reject(relayedBy, RejectionReason.Malformed, $"StateInfo of channel {Name} lacks its originator, timestamp or properties");
            return;
        }

        if (origin == Self)
        {
            return;
        }

        if (!ChannelMac.Matches(origin, Name, info.ChannelMac.Span))
        {
            _rejections.Reject(relayedBy, RejectionReason.WrongChannel, $"StateInfo MAC of {origin.Short} does not match channel {Name}");
            return;
        }

        if (_states.TryGetValue(origin, out var known) && !IsNewer(info.Timestamp, known.Info.Timestamp))
        {
            return; // a duplicate or an older state: nothing to verify
        }

        if (!_identities.TryGet(origin, out var identity))
        {
            return; // not yet known to this node; the next pull brings it again once membership knows the peer
        }

        if (!Config.HasMember(identity.MspId))
        {
            _rejections.Reject(relayedBy, RejectionReason.WrongChannel, $"StateInfo of channel {Name} from {origin.Short} of organization {identity.MspId}, which is not a member");
            return;
        }

        if (_identities.Verify(origin, envelope.Payload.Span, envelope.Signature.Span) != IdentityRejection.None)
        {
            _rejections.Reject(relayedBy, RejectionReason.BadSignature, $"StateInfo of channel {Name} claiming {origin.Short} has a bad signature");
            return;
        }

        var changed = known is null
            || known.Info.Properties.LedgerHeight != info.Properties.LedgerHeight
            || known.Info.Properties.Leader != info.Properties.Leader
            || known.Info.Properties.LeftChannel != info.Properties.LeftChannel
            || known.Info.Properties.Role != info.Properties.Role;
        _states[origin] = new StateRecord(envelope, info, identity.MspId);
        if (changed)
        {
            RebuildView();
        }
    }

    private static bool IsNewer(PeerTime candidate, PeerTime known) =>
        candidate.Incarnation > known.Incarnation
        || (candidate.Incarnation == known.Incarnation && candidate.Sequence > known.Sequence);
}
