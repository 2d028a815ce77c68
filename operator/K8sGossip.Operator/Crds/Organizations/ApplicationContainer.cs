using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>An application container added to each peer pod; every pod-spec field beyond name and image passes through unchanged.</summary>
[PreserveUnknownFields]
public sealed record ApplicationContainer : ExtensibleRecord
{
    [Required]
    [MaxLength(63)]
    [RegularExpression(SchemaPatterns.ContainerName)]
    [Description("Container name, unique in the pod; \"gossip\" is reserved for the sidecar.")]
    public required string Name { get; init; }

    [Required]
    [MinLength(1)]
    [Description("Container image.")]
    public required string Image { get; init; }
}
