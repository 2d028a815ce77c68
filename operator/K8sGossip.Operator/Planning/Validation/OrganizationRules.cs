using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Planning;

/// <summary>Checks each Organization beyond its schema, including what the CRD's CEL rules say, and MSP ID uniqueness.</summary>
internal static class OrganizationRules
{
    /// <summary>The MSP ID of the local network's solo orderer, which no organization may take.</summary>
    public const string OrdererMspId = "OrdererMSP";

    /// <summary>The name of the sidecar container in every peer pod.</summary>
    public const string SidecarContainer = "gossip";

    public static void Check(PlanningContext context)
    {
        var mspOwners = new Dictionary<string, ResourceRef>(StringComparer.Ordinal);
        foreach (var organization in context.Organizations)
        {
            if (mspOwners.TryGetValue(organization.Spec.MspId, out var owner))
            {
                context.Error(organization.Ref, "spec.mspId", FieldErrorType.Duplicate, Quoted.Text(organization.Spec.MspId), $"{owner} already uses this MSP ID; MSP IDs are unique in a network");
            }
            else
            {
                mspOwners[organization.Spec.MspId] = organization.Ref;
            }

            if (context.IsLocal && organization.Spec.MspId == OrdererMspId)
            {
                context.Error(organization.Ref, "spec.mspId", FieldErrorType.Invalid, Quoted.Text(organization.Spec.MspId), "is reserved for the local network's orderer");
            }

            CheckElection(organization, context);
            CheckExternalEndpoints(organization, context);
            CheckGossip(organization, context);
            CheckContainers(organization, context);
            if (context.IsLocal && organization.Spec.Containers is { Count: > 0 })
            {
                context.Warning(organization.Ref, "spec.containers", "a local network runs only the gossip sidecars; application containers run in a cluster");
            }

            if (context.IsLocal && organization.Spec.Ca?.SecretRef is { } secret)
            {
                context.Warning(organization.Ref, "spec.ca.secretRef", $"a local network cannot read Secret \"{secret.Name}\"; it generates the CA under the state directory");
            }
        }
    }

    private static void CheckElection(ResourceEntry<OrganizationSpec> organization, PlanningContext context)
    {
        var election = organization.Spec.LeaderElection;
        var leaders = election.StaticLeaders;
        if (election.Mode != ElectionMode.Static && leaders is not null)
        {
            context.Error(organization.Ref, "spec.leaderElection.staticLeaders", FieldErrorType.Forbidden, null, $"static leaders are allowed only with mode \"static\", not \"{ModeName(election.Mode)}\"");
        }

        if (election.Mode == ElectionMode.Static && (leaders is null || leaders.Count == 0))
        {
            context.Error(organization.Ref, "spec.leaderElection.staticLeaders", FieldErrorType.Required, null, "mode \"static\" needs at least one leader ordinal");
        }

        if (election.Mode == ElectionMode.Lease && context.IsLocal)
        {
            context.Error(organization.Ref, "spec.leaderElection.mode", FieldErrorType.Forbidden, null, "lease election needs a Kubernetes API server; a local network supports \"static\" and \"dynamic\"");
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < (leaders?.Count ?? 0); i++)
        {
            var ordinal = leaders![i];
            var field = $"spec.leaderElection.staticLeaders[{i}]";
            if (ordinal >= organization.Spec.Peers)
            {
                context.Error(organization.Ref, field, FieldErrorType.Invalid, Quoted.Number(ordinal), $"must be less than spec.peers ({organization.Spec.Peers}): the peers are {PeerRange(organization)}");
            }
            else if (!seen.Add(ordinal))
            {
                context.Error(organization.Ref, field, FieldErrorType.Duplicate, Quoted.Number(ordinal), "");
            }
        }
    }

    private static void CheckExternalEndpoints(ResourceEntry<OrganizationSpec> organization, PlanningContext context)
    {
        if (organization.Spec.ExternalEndpoints is not { } external)
        {
            return;
        }

        var template = external.HostTemplate;
        if (external.Type == ExternalEndpointType.HostTemplate && template is null)
        {
            context.Error(organization.Ref, "spec.externalEndpoints.hostTemplate", FieldErrorType.Required, null, "type \"HostTemplate\" needs a host template such as peer{ordinal}.org1.example.com:7051");
            return;
        }

        if (external.Type != ExternalEndpointType.HostTemplate && template is not null)
        {
            context.Error(organization.Ref, "spec.externalEndpoints.hostTemplate", FieldErrorType.Forbidden, null, $"a host template is allowed only with type \"HostTemplate\", not \"{external.Type}\"");
            return;
        }

        if (template is null)
        {
            return;
        }

        if (organization.Spec.Peers > 1 && !template.Contains("{ordinal}", StringComparison.Ordinal))
        {
            context.Error(organization.Ref, "spec.externalEndpoints.hostTemplate", FieldErrorType.Invalid, Quoted.Text(template), "must contain {ordinal} so that each peer gets its own endpoint");
        }

        if (!Endpoint.TryParse(template, out _))
        {
            context.Error(organization.Ref, "spec.externalEndpoints.hostTemplate", FieldErrorType.Invalid, Quoted.Text(template), "must end with a port between 1 and 65535");
        }
    }

    private static void CheckGossip(ResourceEntry<OrganizationSpec> organization, PlanningContext context)
    {
        if (organization.Spec.Gossip is not { } gossip)
        {
            return;
        }

        var durations = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (key, value) in GossipSettings.Durations(gossip))
        {
            if (!GoDuration.TryParse(value, out var duration) || duration <= TimeSpan.Zero)
            {
                context.Error(organization.Ref, $"spec.gossip.{key}", FieldErrorType.Invalid, Quoted.Text(value), "must be a positive duration such as 500ms, 4s or 1m30s");
            }
            else
            {
                durations[key] = duration;
            }
        }

        if (durations.TryGetValue("aliveTimeInterval", out var alive)
            && durations.TryGetValue("aliveExpirationTimeout", out var expiration)
            && expiration <= alive)
        {
            context.Error(organization.Ref, "spec.gossip.aliveExpirationTimeout", FieldErrorType.Invalid, Quoted.Text(gossip.AliveExpirationTimeout!), $"must be longer than spec.gossip.aliveTimeInterval ({gossip.AliveTimeInterval}), or every peer is declared dead between two alive messages");
        }
    }

    private static void CheckContainers(ResourceEntry<OrganizationSpec> organization, PlanningContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var containers = organization.Spec.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            var name = containers[i].Name;
            if (name == SidecarContainer)
            {
                context.Error(organization.Ref, $"spec.containers[{i}].name", FieldErrorType.Invalid, Quoted.Text(name), "is reserved for the gossip sidecar");
            }
            else if (!names.Add(name))
            {
                context.Error(organization.Ref, $"spec.containers[{i}].name", FieldErrorType.Duplicate, Quoted.Text(name), "");
            }
        }
    }

    private static string PeerRange(ResourceEntry<OrganizationSpec> organization) =>
        organization.Spec.Peers == 1 ? $"{organization.Name}-0 only" : $"{organization.Name}-0 to {organization.Name}-{organization.Spec.Peers - 1}";

    private static string ModeName(ElectionMode mode) => SchemaGenerator.EnumValues(typeof(ElectionMode))[(int)mode];
}
