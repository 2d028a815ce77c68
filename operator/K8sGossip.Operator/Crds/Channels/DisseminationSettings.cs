using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace K8sGossip.Operator.Crds;

/// <summary>Block dissemination of a channel.</summary>
public sealed record DisseminationSettings
{
    [DefaultValue(DisseminationMode.Gossip)]
    [Description("gossip: organization leaders pull and push to their peers; direct: every peer pulls; adaptive: pull from the orderer while close, else from a close peer.")]
    public DisseminationMode Mode { get; init; } = DisseminationMode.Gossip;

    [Range(1, 100000)]
    [DefaultValue(10)]
    [Description("Adaptive mode: blocks behind the orderer beyond which a peer streams from an organization peer instead.")]
    public int Threshold { get; init; } = 10;
}
