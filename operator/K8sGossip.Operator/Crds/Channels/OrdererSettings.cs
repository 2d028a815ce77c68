using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>Where the ordering service of a channel is reached.</summary>
/// <remarks>The local network replaces these endpoints by its own solo orderer.</remarks>
public sealed record OrdererSettings
{
    [Required]
    [MinLength(1)]
    [MaxLength(16)]
    [RegularExpression(SchemaPatterns.HostPort)]
    [Description("Orderer endpoints as host:port, tried in order.")]
    public required List<string> Endpoints { get; init; }
}
