using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Channels;

/// <summary>Which content types belong to a channel and how each is addressed.</summary>
public static class ChannelRouting
{
    /// <summary>Channel data: named by channel and sent only to same-organization members (tag CHAN_AND_ORG).</summary>
    public static bool IsChannelData(GossipMessage.ContentOneofCase content) => content switch
    {
        GossipMessage.ContentOneofCase.Data
            or GossipMessage.ContentOneofCase.Ihave
            or GossipMessage.ContentOneofCase.Graft
            or GossipMessage.ContentOneofCase.Prune
            or GossipMessage.ContentOneofCase.PullHello
            or GossipMessage.ContentOneofCase.PullDigest
            or GossipMessage.ContentOneofCase.PullRequest
            or GossipMessage.ContentOneofCase.PullResponse
            or GossipMessage.ContentOneofCase.Leadership => true,
        _ => false,
    };

    /// <summary>Channel state: identified by a channel MAC (or answered to a peer that proved one); tag CHAN_OR_ORG.</summary>
    public static bool IsChannelState(GossipMessage.ContentOneofCase content) => content switch
    {
        GossipMessage.ContentOneofCase.StateInfo
            or GossipMessage.ContentOneofCase.StateInfoPullRequest
            or GossipMessage.ContentOneofCase.StateInfoSnapshot => true,
        _ => false,
    };
}
