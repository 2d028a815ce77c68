using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>Warns about a network that plans but will not behave as intended: idle organizations, undiscoverable members.</summary>
internal static class CoverageRules
{
    public static void Check(PlanningContext context)
    {
        foreach (var organization in context.Organizations)
        {
            if (!context.Channels.Any(c => context.MembersOf(c).Contains(organization)))
            {
                context.Warning(organization.Ref, "", "is a member of no Channel; its peers will gossip membership but receive no blocks");
            }
        }

        foreach (var channel in context.Channels)
        {
            var members = context.MembersOf(channel);
            if (members.Count < 2)
            {
                continue;
            }

            foreach (var member in members)
            {
                var anchors = context.AnchorPeers.Where(a =>
                    context.FindChannel(a.Namespace, a.Spec.Channel) == channel
                    && context.FindOrganization(a.Namespace, a.Spec.Organization) == member).ToList();
                if (anchors.Count == 0)
                {
                    context.Warning(channel.Ref, "spec.organizations", $"{member.Ref} has no AnchorPeer in this channel; the other organizations cannot discover its peers");
                }
                else if ((member.Spec.ExternalEndpoints?.Type ?? ExternalEndpointType.None) == ExternalEndpointType.None
                    && anchors.Any(a => a.Spec.Peer is not null))
                {
                    context.Warning(member.Ref, "spec.externalEndpoints", $"has no external endpoints, so its anchor peers in {channel.Ref} are visible to its own peers only");
                }
            }
        }
    }
}
