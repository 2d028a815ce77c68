using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using K8sGossip.Operator.Crds.Schema;

namespace K8sGossip.Operator.Crds;

/// <summary>The desired state of an Organization.</summary>
[ValidationRule(
    "!has(self.leaderElection) || !has(self.leaderElection.staticLeaders) || self.leaderElection.staticLeaders.all(o, o < self.peers)",
    "every static leader ordinal must be less than spec.peers",
    FieldPath = ".leaderElection.staticLeaders")]
public sealed record OrganizationSpec
{
    [Required]
    [MaxLength(64)]
    [RegularExpression(SchemaPatterns.MspId)]
    [Description("MSP ID of the organization, carried in every peer certificate. Unique in the network.")]
    public required string MspId { get; init; }

    [Range(1, 100)]
    [DefaultValue(3)]
    [Description("Number of peers (StatefulSet replicas). Peer n is named <organization>-<n>.")]
    public int Peers { get; init; } = 3;

    [Description("The gossip sidecar container of every peer pod.")]
    public SidecarSettings? Sidecar { get; init; }

    [MaxLength(16)]
    [Description("Application containers added to every peer pod, written as pod spec containers.")]
    public List<ApplicationContainer>? Containers { get; init; }

    [Description("How peers are reached from outside the organization. Without external endpoints, other organizations cannot see its peers.")]
    public ExternalEndpointSettings? ExternalEndpoints { get; init; }

    [DefaultObject]
    [Description("How the organization picks the peer that pulls blocks from the orderer in gossip mode.")]
    public LeaderElectionSettings LeaderElection { get; init; } = new();

    [Description("The certificate authority that issues peer identities. Generated unless secretRef is given.")]
    public CertificateAuthoritySettings? Ca { get; init; }

    [Description("Gossip tuning, with the names and meanings of Fabric's peer.gossip settings.")]
    public GossipTuning? Gossip { get; init; }

    [DefaultObject]
    [Description("The volume of every peer that holds its ledger, keys and state.")]
    public StorageSettings Storage { get; init; } = new();
}
