using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>The leader election of an organization.</summary>
[ValidationRule(
    "self.mode == 'static' || !has(self.staticLeaders)",
    "staticLeaders may be set only with mode static",
    FieldPath = ".staticLeaders",
    Order = 1)]
[ValidationRule(
    "self.mode != 'static' || (has(self.staticLeaders) && size(self.staticLeaders) > 0)",
    "mode static needs at least one entry in staticLeaders",
    FieldPath = ".staticLeaders",
    Order = 2)]
public sealed record LeaderElectionSettings
{
    [DefaultValue(ElectionMode.Dynamic)]
    [Description("static: the listed peers lead; dynamic: height-aware election over gossip; lease: a Kubernetes Lease per channel.")]
    public ElectionMode Mode { get; init; } = ElectionMode.Dynamic;

    [MaxLength(100)]
    [Range(0, 99)]
    [Description("Ordinals of the peers that lead with mode static.")]
    public List<int>? StaticLeaders { get; init; }
}
