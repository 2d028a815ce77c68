using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Planning;

/// <summary>Admits the planner's input: known kinds only, validated and defaulted like a manifest, with usable, unique names.</summary>
internal static class ResourceIntake
{
    public static void Admit(IReadOnlyList<object?> resources, PlanningContext context)
    {
        var seen = new HashSet<(string Kind, string Namespace, string Name)>();
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case null:
                    context.Error(null, "", FieldErrorType.Required, null, "the resource list contains a null entry");
                    break;
                case KubeObject kubeObject when ResourceKind.Find(resource.GetType()) is { } kind:
                    AdmitKnown(kubeObject, kind, context, seen);
                    break;
                case KubeObject other:
                    var name = other.Metadata?.Name ?? "";
                    var reference = new ResourceRef(other.Kind ?? other.GetType().Name, other.Metadata?.Namespace ?? context.Target.DefaultNamespace, name);
                    context.Warning(reference, "", $"{reference.Kind} ({other.ApiVersion}) is not a K8sGossip kind; the planner ignores it");
                    break;
                default:
                    context.Error(null, "", FieldErrorType.NotSupported, Quoted.Text(resource.GetType().Name), "supported types: Organization, Channel, AnchorPeer");
                    break;
            }
        }
    }

    private static void AdmitKnown(KubeObject original, ResourceKind kind, PlanningContext context, HashSet<(string Kind, string Namespace, string Name)> seen)
    {
        var name = original.Metadata?.Name ?? "";
        var @namespace = string.IsNullOrEmpty(original.Metadata?.Namespace) ? context.Target.DefaultNamespace : original.Metadata!.Namespace!;
        var reference = new ResourceRef(kind.Kind, @namespace, name);
        context.Remember(reference, original);

        var (normalized, errors) = kind.Normalize(original);
        foreach (var error in errors)
        {
            context.AddFor(original, PlanningIssue.ForField(IssueSeverity.Error, reference, error));
        }

        if (normalized is null)
        {
            context.Rejected.Add(reference);
            return;
        }

        if (!string.Equals(normalized.ApiVersion, GossipApi.ApiVersion, StringComparison.Ordinal))
        {
            context.AddFor(original, PlanningIssue.Error(reference, "apiVersion", FieldErrorType.NotSupported, Quoted.Text(normalized.ApiVersion ?? ""), $"supported values: \"{GossipApi.ApiVersion}\""));
            context.Rejected.Add(reference);
            return;
        }

        if (!string.Equals(normalized.Kind, kind.Kind, StringComparison.Ordinal))
        {
            context.AddFor(original, PlanningIssue.Error(reference, "kind", FieldErrorType.Invalid, Quoted.Text(normalized.Kind ?? ""), $"a {kind.Type.Name} object must have kind \"{kind.Kind}\""));
            context.Rejected.Add(reference);
            return;
        }

        if (!CheckNames(original, reference, context))
        {
            context.Rejected.Add(reference);
            return;
        }

        // A local network has one flat namespace: peer names, directories and ports are not namespaced.
        var key = (kind.Kind, context.IsLocal ? "" : @namespace, name);
        if (!seen.Add(key))
        {
            var where = context.IsLocal ? "(a local network puts all namespaces together)" : $"in namespace \"{@namespace}\"";
            context.AddFor(original, PlanningIssue.Error(reference, "metadata.name", FieldErrorType.Duplicate, Quoted.Text(name), $"another {kind.Kind} {where} has this name"));
            return;
        }

        switch (normalized)
        {
            case Organization organization:
                context.Organizations.Add(new(reference, organization.Spec!, original));
                break;
            case Channel channel:
                context.Channels.Add(new(reference, channel.Spec!, original));
                break;
            case AnchorPeer anchor:
                context.AnchorPeers.Add(new(reference, anchor.Spec!, original));
                break;
            default:
                break;
        }
    }

    private static bool CheckNames(KubeObject original, ResourceRef reference, PlanningContext context)
    {
        if (reference.Name.Length == 0)
        {
            context.AddFor(original, PlanningIssue.Error(reference, "metadata.name", FieldErrorType.Required, null, ""));
            return false;
        }

        if (!ResourceNames.IsDnsLabel(reference.Namespace))
        {
            context.AddFor(original, PlanningIssue.Error(reference, "metadata.namespace", FieldErrorType.Invalid, Quoted.Text(reference.Namespace), "must be a lowercase RFC 1123 label of at most 63 characters"));
            return false;
        }

        var detail = reference.Kind switch
        {
            nameof(Organization) when !ResourceNames.IsDnsLabel(reference.Name) || reference.Name.Length > ResourceNames.MaxOrganizationName =>
                $"must be a lowercase RFC 1123 label of at most {ResourceNames.MaxOrganizationName} characters, since peer pods and Services are named after it",
            nameof(Channel) when !ResourceNames.IsDnsSubdomain(reference.Name) || !ResourceNames.IsChannelName(reference.Name) =>
                $"must be a valid channel ID: a lowercase letter, then lowercase letters, digits, dots and dashes, at most {ResourceNames.MaxChannelName} characters",
            nameof(AnchorPeer) when !ResourceNames.IsDnsSubdomain(reference.Name) =>
                "must be a lowercase RFC 1123 subdomain of at most 253 characters",
            _ => null,
        };
        if (detail is not null)
        {
            context.AddFor(original, PlanningIssue.Error(reference, "metadata.name", FieldErrorType.Invalid, Quoted.Text(reference.Name), detail));
            return false;
        }

        return true;
    }
}
