using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Planning;

/// <summary>Checks each Channel's member references and orderer endpoints.</summary>
internal static class ChannelRules
{
    public static void Check(PlanningContext context)
    {
        foreach (var channel in context.Channels)
        {
            var members = new Dictionary<ResourceEntry<OrganizationSpec>, int>();
            var references = channel.Spec.Organizations;
            if (references.Count == 0)
            {
                context.Error(channel.Ref, "spec.organizations", FieldErrorType.Required, null, "a channel needs at least one member organization");
            }

            for (var i = 0; i < references.Count; i++)
            {
                var field = $"spec.organizations[{i}]";
                var organization = context.FindOrganization(channel.Namespace, references[i]);
                if (organization is null && context.WasRejected(nameof(Organization), channel.Namespace, references[i]))
                {
                    continue;
                }

                if (organization is null)
                {
                    context.Error(channel.Ref, field, FieldErrorType.NotFound, Quoted.Text(references[i]), $"no Organization in namespace \"{channel.Namespace}\" has this name or MSP ID");
                }
                else if (members.TryGetValue(organization, out var first))
                {
                    context.Error(channel.Ref, field, FieldErrorType.Duplicate, Quoted.Text(references[i]), $"{organization.Ref} is already listed at spec.organizations[{first}]");
                }
                else
                {
                    members[organization] = i;
                }
            }

            var endpoints = channel.Spec.Orderer.Endpoints;
            for (var i = 0; i < endpoints.Count; i++)
            {
                if (!Endpoint.TryParse(endpoints[i], out _))
                {
                    context.Error(channel.Ref, $"spec.orderer.endpoints[{i}]", FieldErrorType.Invalid, Quoted.Text(endpoints[i]), "must be host:port with a port between 1 and 65535");
                }
            }
        }
    }
}
