using System.Text;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Channels;

/// <summary>
/// Receives every channel message of a node and hands it to the channel it belongs to. A message for a
/// channel this node is not in, or whose MAC names no joined channel, is rejected and counted.
/// </summary>
/// <remarks>Runs under the node's gate (the comm layer calls handlers there).</remarks>
public sealed class ChannelRouter
{
    private readonly Dictionary<string, GossipChannel> _channels = new(StringComparer.Ordinal);
    private readonly RejectionCounter _rejections;

    /// <summary>Registers the channel content handlers with <paramref name="comm"/>.</summary>
    public ChannelRouter(IGossipComm comm, RejectionCounter rejections)
    {
        ArgumentNullException.ThrowIfNull(comm);
        _rejections = rejections;
        comm.Handle(GossipMessage.ContentOneofCase.StateInfo, OnStateInfo);
        comm.Handle(GossipMessage.ContentOneofCase.StateInfoPullRequest, OnStateInfoPullRequest);
        comm.Handle(GossipMessage.ContentOneofCase.StateInfoSnapshot, OnStateInfoSnapshot);
        foreach (var content in Enum.GetValues<GossipMessage.ContentOneofCase>())
        {
            if (ChannelRouting.IsChannelData(content))
            {
                comm.Handle(content, OnChannelData);
            }
        }
    }

    /// <summary>The joined channels.</summary>
    public IReadOnlyCollection<GossipChannel> Channels => _channels.Values;

    /// <summary>Adds a joined channel.</summary>
    public void Add(GossipChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!_channels.TryAdd(channel.Name, channel))
        {
            throw new ArgumentException($"Channel {channel.Name} is joined twice.", nameof(channel));
        }
    }

    /// <summary>Finds a joined channel by name.</summary>
    public bool TryGet(string name, out GossipChannel channel) => _channels.TryGetValue(name, out channel!);

    private void OnStateInfo(ReceivedMessage message)
    {
        var info = message.Message.StateInfo;
        if (!PkiId.TryFrom(info.PkiId.Span, out var origin))
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.Malformed, "StateInfo without a valid originator PKI-ID");
            return;
        }

        if (FindByMac(origin, info.ChannelMac.Span) is { } channel)
        {
            channel.OnStateInfo(message, info);
        }
        else
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.WrongChannel, $"StateInfo of {origin.Short} for no channel this node joined");
        }
    }

    private void OnStateInfoPullRequest(ReceivedMessage message)
    {
        var mac = message.Message.StateInfoPullRequest.ChannelMac.Span;
        if (FindByMac(message.SenderPkiId, mac) is { } channel)
        {
            channel.OnStateInfoPullRequest(message);
        }
        else
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.WrongChannel, "StateInfo pull request for no channel this node joined");
        }
    }

    private void OnStateInfoSnapshot(ReceivedMessage message)
    {
        if (FindByName(message) is { } channel)
        {
            channel.OnStateInfoSnapshot(message, message.Message.StateInfoSnapshot);
        }
    }

    private void OnChannelData(ReceivedMessage message)
    {
        if (message.Message.Tag != RoutingTag.ChanAndOrg)
        {
            _rejections.Reject(message.SenderPkiId, RejectionReason.IllegalTag, $"{message.Message.ContentCase} with tag {message.Message.Tag}");
            return;
        }

        FindByName(message)?.Dispatch(message);
    }

    private GossipChannel? FindByName(ReceivedMessage message)
    {
        var name = Encoding.UTF8.GetString(message.Message.Channel.Span);
        if (_channels.TryGetValue(name, out var channel))
        {
            return channel;
        }

        _rejections.Reject(message.SenderPkiId, RejectionReason.WrongChannel, $"{message.Message.ContentCase} for channel '{Truncate(name)}', which this node has not joined");
        return null;
    }

    private GossipChannel? FindByMac(PkiId origin, ReadOnlySpan<byte> mac)
    {
        foreach (var channel in _channels.Values)
        {
            if (ChannelMac.Matches(origin, channel.Name, mac))
            {
                return channel;
            }
        }

        return null;
    }

    private static string Truncate(string name) => name.Length <= 64 ? name : name[..64];
}
