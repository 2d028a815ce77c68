using K8sGossip.Gossip.Protos;
using Content = K8sGossip.Gossip.Protos.GossipMessage.ContentOneofCase;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// Which routing tags each content type may carry: the one table every received message is checked against. A
/// message whose tag is not listed for its content is rejected (<see cref="RejectionReason.IllegalTag"/>).
/// </summary>
public static class RoutingTagRules
{
    private static readonly RoutingTag[] Any = [RoutingTag.Any];
    private static readonly RoutingTag[] AnyOrOrg = [RoutingTag.Any, RoutingTag.OrgOnly];
    private static readonly RoutingTag[] ChanAndOrg = [RoutingTag.ChanAndOrg];
    private static readonly RoutingTag[] ChanOrOrg = [RoutingTag.ChanOrOrg];

    /// <summary>The tags allowed for <paramref name="content"/> (empty for an unknown content type).</summary>
    public static IReadOnlyList<RoutingTag> Allowed(Content content) => content switch
    {
        // Connection control: point-to-point between two authenticated peers of any orgs.
        Content.ConnEstablish or Content.Keepalive => Any,

        // Membership: alive and leave are ORG_ONLY for peers without an external endpoint (never shown to other orgs).
        Content.Alive or Content.Leave or Content.Suspect => AnyOrOrg,
        Content.MembershipRequest or Content.MembershipResponse => AnyOrOrg,
        Content.Probe or Content.ProbeAck or Content.IndirectProbe or Content.IndirectProbeResult => Any,

        // Channels: per-channel state goes to the channel's members or the originator's org.
        Content.StateInfo or Content.StateInfoPullRequest or Content.StateInfoSnapshot => ChanOrOrg,

        // Dissemination and election: blocks and leadership never leave the org.
        Content.Data or Content.Ihave or Content.Graft or Content.Prune => ChanAndOrg,
        Content.PullHello or Content.PullDigest or Content.PullRequest or Content.PullResponse => ChanAndOrg,
        Content.Leadership => ChanAndOrg,

        // Application messages between two peers that chose to talk.
        Content.App => Any,
        _ => [],
    };

    /// <summary>Whether <paramref name="tag"/> is legal for <paramref name="content"/>.</summary>
    public static bool IsLegal(Content content, RoutingTag tag)
    {
        foreach (var allowed in Allowed(content))
        {
            if (allowed == tag)
            {
                return true;
            }
        }

        return false;
    }
}
