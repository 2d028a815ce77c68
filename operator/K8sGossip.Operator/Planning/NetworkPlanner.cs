using System.Globalization;
using K8sGossip.Operator.Crds.Schema;
using K8sGossip.Operator.Planning.Manifests;

namespace K8sGossip.Operator.Planning;

/// <summary>Turns Organization, Channel and AnchorPeer resources into the plan of a network, or into precise errors.</summary>
/// <remarks>
/// Pure: no I/O, no clock. The operator and the local network plan through this one function, so a manifest
/// means the same in both. Bad input never throws; every problem names the resource and the field.
/// </remarks>
public static class NetworkPlanner
{
    /// <summary>Plans a network from resources (Organization, Channel, AnchorPeer; other Kubernetes kinds are ignored with a warning).</summary>
    public static PlanningResult Plan(IReadOnlyList<object?> resources, PlanningTarget target) => Plan(resources, target, locate: null);

    /// <summary>Plans the resources of a manifest set; issues carry the file and line of the field concerned.</summary>
    public static PlanningResult Plan(ManifestSet manifests, PlanningTarget target)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var result = Plan(manifests.Resources, target, manifests.Locate);
        if (!manifests.HasErrors)
        {
            return result with { Issues = [.. manifests.Issues, .. result.Issues] };
        }

        // A resource that failed to load is missing from the plan, so errors about references to it would mislead.
        return new PlanningResult(null, [.. manifests.Issues, .. result.Issues.Where(i => i.Severity == IssueSeverity.Warning)]);
    }

    private static PlanningResult Plan(IReadOnlyList<object?> resources, PlanningTarget target, Func<object, string, SourceLocation?>? locate)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(target);
        var context = new PlanningContext(target, locate);
        if (!CheckTarget(target, context))
        {
            return new PlanningResult(null, context.Issues);
        }

        ResourceIntake.Admit(resources, context);
        OrganizationRules.Check(context);
        ChannelRules.Check(context);
        AnchorPeerRules.Check(context);
        CoverageRules.Check(context);

        NetworkLayout layout;
        if (target is LocalTarget local)
        {
            var needed = LocalLayout.PortsNeeded(context.Organizations);
            if (local.BasePort + needed - 1 > 65535)
            {
                context.Error(null, "basePort", FieldErrorType.Invalid, local.BasePort.ToString(CultureInfo.InvariantCulture), $"the network needs {needed} consecutive ports, so the base port must be at most {65536 - needed}");
            }

            layout = new LocalLayout(local, context.Organizations);
        }
        else
        {
            layout = new ClusterLayout((ClusterTarget)target);
        }

        if (context.HasErrors)
        {
            return new PlanningResult(null, context.Issues);
        }

        var plan = PlanBuilder.Build(context, layout);
        return new PlanningResult(plan, context.Issues);
    }

    private static bool CheckTarget(PlanningTarget target, PlanningContext context)
    {
        if (!ResourceNames.IsDnsLabel(target.DefaultNamespace))
        {
            context.Error(null, "defaultNamespace", FieldErrorType.Invalid, Quoted.Text(target.DefaultNamespace), "must be a lowercase RFC 1123 label of at most 63 characters");
        }

        switch (target)
        {
            case LocalTarget local:
                if (string.IsNullOrWhiteSpace(local.StateDirectory))
                {
                    context.Error(null, "stateDirectory", FieldErrorType.Required, null, "a local network needs a state directory for its certificates and ledgers");
                }

                if (local.BasePort is < 1024 or > 65535)
                {
                    context.Error(null, "basePort", FieldErrorType.Invalid, local.BasePort.ToString(CultureInfo.InvariantCulture), "must be between 1024 and 65535");
                }

                break;
            case ClusterTarget cluster:
                if (string.IsNullOrEmpty(cluster.ClusterDomain) || !cluster.ClusterDomain.Split('.').All(ResourceNames.IsDnsLabel))
                {
                    context.Error(null, "clusterDomain", FieldErrorType.Invalid, Quoted.Text(cluster.ClusterDomain ?? ""), "must be a DNS domain such as cluster.local");
                }

                break;
            default:
                context.Error(null, "", FieldErrorType.NotSupported, Quoted.Text(target.GetType().Name), "supported targets: LocalTarget, ClusterTarget");
                break;
        }

        return !context.HasErrors;
    }
}
