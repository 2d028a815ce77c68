using System.Text.Json.Serialization;

namespace K8sGossip.Operator.Crds;

/// <summary>How the peers of an organization are exposed to other organizations.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExternalEndpointType>))]
public enum ExternalEndpointType
{
    /// <summary>Not exposed: only the organization's own peers know them.</summary>
    [JsonStringEnumMemberName("None")]
    None,

    /// <summary>One LoadBalancer Service per peer; the endpoint is the Service's address.</summary>
    [JsonStringEnumMemberName("LoadBalancer")]
    LoadBalancer,

    /// <summary>One NodePort Service per peer; the endpoint is a node address and the node port.</summary>
    [JsonStringEnumMemberName("NodePort")]
    NodePort,

    /// <summary>A host name per peer from a template, routed by infrastructure outside the operator.</summary>
    [JsonStringEnumMemberName("HostTemplate")]
    HostTemplate,
}
