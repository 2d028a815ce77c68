using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>The desired state of an AnchorPeer: a peer by ordinal, or an explicit endpoint.</summary>
[ValidationRule("has(self.peer) != has(self.endpoint)", "exactly one of peer or endpoint must be set")]
public sealed record AnchorPeerSpec
{
    [Required]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.ObjectName)]
    [Description("Name of the Channel, in the same namespace.")]
    public required string Channel { get; init; }

    [Required]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.OrganizationReference)]
    [Description("The Organization, by name or MSP ID; it must be a member of the channel.")]
    public required string Organization { get; init; }

    [Range(0, 99)]
    [Description("Ordinal of the anchor peer in its organization; its external endpoint is used.")]
    public int? Peer { get; init; }

    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.HostPort)]
    [Description("An explicit host:port, for a peer the operator does not manage.")]
    public string? Endpoint { get; init; }
}
