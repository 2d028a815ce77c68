using System.Globalization;
using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Planning;

/// <summary>The names a cluster gives an organization's objects: StatefulSet pods behind a headless Service.</summary>
public static class ClusterNames
{
    /// <summary>The peer (and pod) name: <c>&lt;org&gt;-&lt;ordinal&gt;</c>.</summary>
    public static string Peer(string organization, int ordinal) => string.Create(CultureInfo.InvariantCulture, $"{organization}-{ordinal}");

    /// <summary>The headless Service of an organization's peers: <c>&lt;org&gt;-peers</c>.</summary>
    public static string PeerService(string organization) => $"{organization}-peers";

    /// <summary>The per-peer external Service (LoadBalancer or NodePort): <c>&lt;org&gt;-&lt;ordinal&gt;-external</c>.</summary>
    public static string ExternalService(string organization, int ordinal) => Peer(organization, ordinal) + "-external";

    /// <summary>The generated CA's Secret: <c>&lt;org&gt;-ca</c>.</summary>
    public static string CaSecret(string organization) => $"{organization}-ca";

    /// <summary>The stable DNS name of a peer pod: <c>&lt;org&gt;-&lt;ordinal&gt;.&lt;org&gt;-peers.&lt;namespace&gt;.svc.&lt;domain&gt;</c>.</summary>
    public static string PeerHost(string organization, int ordinal, string @namespace, string clusterDomain) =>
        $"{Peer(organization, ordinal)}.{PeerService(organization)}.{@namespace}.svc.{clusterDomain}";

    /// <summary>Expands a host template such as <c>peer{ordinal}.org1.example.com:7051</c> for one peer.</summary>
    public static string ExpandHostTemplate(string template, string organization, int ordinal, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template
            .Replace("{ordinal}", ordinal.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{org}", organization, StringComparison.Ordinal)
            .Replace("{namespace}", @namespace, StringComparison.Ordinal);
    }

    /// <summary>The external endpoint a host template gives a peer, or null without a template.</summary>
    internal static Endpoint? TemplateEndpoint(ResourceEntry<OrganizationSpec> organization, int ordinal) =>
        organization.Spec.ExternalEndpoints is { Type: ExternalEndpointType.HostTemplate, HostTemplate: { } template }
        && Endpoint.TryParse(ExpandHostTemplate(template, organization.Name, ordinal, organization.Namespace), out var endpoint)
            ? endpoint
            : null;
}
