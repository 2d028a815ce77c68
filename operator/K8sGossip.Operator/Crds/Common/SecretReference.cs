using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>A reference to a Secret in the same namespace.</summary>
public sealed record SecretReference
{
    [Required]
    [MaxLength(253)]
    [RegularExpression(SchemaPatterns.ObjectName)]
    [Description("Name of the Secret, in the namespace of the referring object.")]
    public required string Name { get; init; }
}
