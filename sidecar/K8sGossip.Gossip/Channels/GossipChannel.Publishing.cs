using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Channels;

/// <summary>Publishing this node's StateInfo (rate-limited on height changes, at once on leader and leave changes)
/// and pulling the others'.</summary>
public sealed partial class GossipChannel
{
    private void MarkDirty(bool urgent)
    {
        _dirty = true;
        if (!_started)
        {
            return;
        }

        var now = _node.Time.GetTimestamp();
        var earliest = _lastPublishedAt == long.MinValue ? now : _lastPublishedAt + (long)(_options.StateInfoMinInterval.TotalSeconds * _node.Time.TimestampFrequency);
        if (urgent || now >= earliest)
        {
            _publishTimer?.Dispose();
            _publishTimer = null;
            PublishNow();
        }
        else if (_publishTimer is null)
        {
            var wait = TimeSpan.FromSeconds((double)(earliest - now) / _node.Time.TimestampFrequency);
            _publishTimer = _node.Schedule(wait, "stateinfo publish", () =>
            {
                _publishTimer = null;
                PublishNow();
            });
        }
    }

    private void PublishNow()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        _lastPublishedAt = _node.Time.GetTimestamp();
        var info = new StateInfo
        {
            Timestamp = new PeerTime { Incarnation = _incarnation, Sequence = ++_sequence },
            PkiId = Self.ToByteString(),
            ChannelMac = ByteString.CopyFrom(OwnMac),
            Properties = new StateProperties(_own),
        };
        var message = new GossipMessage
        {
            Nonce = NextNonce(),
            Tag = RoutingTag.ChanOrOrg,
            StateInfo = info,
        };
        var payload = message.ToByteString();
        _ownEnvelope = new Envelope { Payload = payload, Signature = ByteString.CopyFrom(_signer.Sign(payload.Span)) };
        _announcedTo.Clear();
        foreach (var member in _membership.Current.Members)
        {
            if (member.State == PeerLiveness.Alive && Config.HasMember(member.MspId))
            {
                _announcedTo.Add(member.PkiId);
                SendTo(member.PkiId, member.DialEndpoint, _ownEnvelope);
            }
        }

        Log.Published(_log, Name, _own.LedgerHeight, _own.Leader, _own.LeftChannel);
    }

    private void PullStateInfo()
    {
        if (_own.LeftChannel)
        {
            return;
        }

        var members = _membership.Current.Members;
        if (members.IsEmpty)
        {
            return;
        }

        var candidates = members
            .Where(m => m.State == PeerLiveness.Alive && Config.HasMember(m.MspId) && m.DialEndpoint is not null)
            .ToList();
        var count = Math.Min(_options.StateInfoPullPeers, candidates.Count);
        if (count == 0)
        {
            return;
        }

        var envelope = StateInfoPullEnvelope();
        for (var i = 0; i < count; i++)
        {
            var pick = i + _node.Random.Next(candidates.Count - i);
            (candidates[i], candidates[pick]) = (candidates[pick], candidates[i]);
            _comm.Send(new RemotePeer(candidates[i].PkiId, candidates[i].DialEndpoint!), envelope);
        }
    }

    private readonly Dictionary<PkiId, long> _statePullsAsked = [];

    /// <summary>Asks one peer for the channel states it knows (its own among them), at most once a second per peer.</summary>
    private void SendStateInfoPull(PkiId peer)
    {
        var now = _node.Time.GetTimestamp();
        if (_statePullsAsked.TryGetValue(peer, out var last) && _node.Time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        if (_statePullsAsked.Count > 1024)
        {
            _statePullsAsked.Clear(); // bounded: a memory of recent asks, not of every peer ever seen
        }

        _statePullsAsked[peer] = now;
        if (_membership.Current.TryGet(peer, out var member) && member.DialEndpoint is { } endpoint)
        {
            _comm.Send(new RemotePeer(peer, endpoint), StateInfoPullEnvelope());
        }
        else
        {
            _comm.TrySendConnected(peer, StateInfoPullEnvelope());
        }
    }

    private Envelope StateInfoPullEnvelope()
    {
        var request = new GossipMessage
        {
            Nonce = NextNonce(),
            Tag = RoutingTag.ChanOrOrg,
            StateInfoPullRequest = new StateInfoPullRequest { ChannelMac = ByteString.CopyFrom(OwnMac) },
        };
        return new Envelope { Payload = request.ToByteString() };
    }
}
