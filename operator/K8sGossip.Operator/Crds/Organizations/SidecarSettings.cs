using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace K8sGossip.Operator.Crds;

/// <summary>The gossip sidecar container of each peer pod.</summary>
public sealed record SidecarSettings
{
    [MaxLength(512)]
    [Description("Sidecar image. Pinned here so that upgrading the operator does not roll every peer; defaults to the operator's configured image.")]
    public string? Image { get; init; }

    [Description("When the kubelet pulls the image.")]
    public ImagePullPolicy? ImagePullPolicy { get; init; }

    [Description("Compute resources of the sidecar container.")]
    public ResourceRequirements? Resources { get; init; }
}
