using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>How each peer of an organization gets an endpoint other organizations can reach.</summary>
[ValidationRule(
    "self.type == 'HostTemplate' ? has(self.hostTemplate) : !has(self.hostTemplate)",
    "hostTemplate is required with type HostTemplate and not allowed with other types",
    FieldPath = ".hostTemplate")]
public sealed record ExternalEndpointSettings
{
    [DefaultValue(ExternalEndpointType.None)]
    [Description("None, a Service per peer (LoadBalancer or NodePort), or a host template.")]
    public ExternalEndpointType Type { get; init; } = ExternalEndpointType.None;

    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.HostTemplate)]
    [Description("host:port with placeholders {ordinal}, {org} and {namespace}, for example peer{ordinal}.org1.example.com:7051.")]
    public string? HostTemplate { get; init; }

    [Description("Annotations for the per-peer Services, for example a cloud load balancer's settings.")]
    public Dictionary<string, string>? ServiceAnnotations { get; init; }
}
