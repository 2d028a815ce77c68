using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>The desired state of a Channel; the channel's name is the object's name.</summary>
public sealed record ChannelSpec
{
    [Required]
    [MinLength(1)]
    [MaxLength(100)]
    [RegularExpression(SchemaPatterns.OrganizationReference)]
    [Description("Member organizations, each by Organization name or MSP ID, in the channel's namespace.")]
    public required List<string> Organizations { get; init; }

    [Required]
    [Description("The ordering service the channel's blocks come from.")]
    public required OrdererSettings Orderer { get; init; }

    [DefaultObject]
    [Description("How blocks travel from the orderer to the peers.")]
    public DisseminationSettings Dissemination { get; init; } = new();
}
