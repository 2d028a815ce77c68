using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Planning;

/// <summary>Checks each AnchorPeer: its channel and organization exist, belong together, and its peer or endpoint is valid.</summary>
internal static class AnchorPeerRules
{
    public static void Check(PlanningContext context)
    {
        var seen = new Dictionary<(ResourceEntry<ChannelSpec>, ResourceEntry<OrganizationSpec>, string), ResourceRef>();
        foreach (var anchor in context.AnchorPeers)
        {
            var spec = anchor.Spec;
            var channel = context.FindChannel(anchor.Namespace, spec.Channel);
            if (channel is null && !context.WasRejected(nameof(Channel), anchor.Namespace, spec.Channel))
            {
                context.Error(anchor.Ref, "spec.channel", FieldErrorType.NotFound, Quoted.Text(spec.Channel), $"no Channel in namespace \"{anchor.Namespace}\" has this name");
            }

            var organization = context.FindOrganization(anchor.Namespace, spec.Organization);
            if (organization is null && !context.WasRejected(nameof(Organization), anchor.Namespace, spec.Organization))
            {
                context.Error(anchor.Ref, "spec.organization", FieldErrorType.NotFound, Quoted.Text(spec.Organization), $"no Organization in namespace \"{anchor.Namespace}\" has this name or MSP ID");
            }

            if (channel is not null && organization is not null && !context.MembersOf(channel).Contains(organization))
            {
                var members = string.Join(", ", context.MembersOf(channel).Select(m => m.Name));
                context.Error(anchor.Ref, "spec.organization", FieldErrorType.Invalid, Quoted.Text(spec.Organization), $"{organization.Ref} is not a member of {channel.Ref} (members: {members})");
            }

            if (spec.Peer is not null && spec.Endpoint is not null)
            {
                context.Error(anchor.Ref, "spec.endpoint", FieldErrorType.Forbidden, null, "exactly one of peer or endpoint must be set");
            }
            else if (spec.Peer is null && spec.Endpoint is null)
            {
                context.Error(anchor.Ref, "spec.peer", FieldErrorType.Required, null, "exactly one of peer or endpoint must be set");
            }

            if (spec.Peer is { } ordinal && organization is not null && ordinal >= organization.Spec.Peers)
            {
                context.Error(anchor.Ref, "spec.peer", FieldErrorType.Invalid, Quoted.Number(ordinal), $"must be less than {organization.Spec.Peers}, the number of peers of {organization.Ref}");
            }

            if (spec.Endpoint is { } endpoint && !Endpoint.TryParse(endpoint, out _))
            {
                context.Error(anchor.Ref, "spec.endpoint", FieldErrorType.Invalid, Quoted.Text(endpoint), "must be host:port with a port between 1 and 65535");
            }

            if (channel is not null && organization is not null)
            {
                var target = spec.Peer?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? spec.Endpoint ?? "";
                if (seen.TryGetValue((channel, organization, target), out var first))
                {
                    context.Warning(anchor.Ref, "", $"names the same anchor as {first}");
                }
                else
                {
                    seen[(channel, organization, target)] = anchor.Ref;
                }
            }
        }
    }
}
