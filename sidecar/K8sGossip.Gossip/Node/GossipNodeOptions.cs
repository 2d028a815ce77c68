using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;

namespace K8sGossip.Gossip.Node;

/// <summary>Everything a <see cref="GossipNode"/> is built from: identity, trust, endpoints, channels and per-layer settings.</summary>
public sealed class GossipNodeOptions
{
    /// <summary>This node's identity and key.</summary>
    public required ISigner Signer { get; init; }

    /// <summary>The organizations' CAs this node trusts.</summary>
    public required TrustBundle TrustBundle { get; init; }

    /// <summary>The endpoint peers of this node's organization dial (host:port). Default: the transport's listen endpoint.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The endpoint peers of other organizations dial; null keeps the node invisible outside its organization.</summary>
    public string? ExternalEndpoint { get; init; }

    /// <summary>Peers of this node's organization to start from (host:port).</summary>
    public IReadOnlyList<string> Bootstrap { get; init; } = [];

    /// <summary>The channels this node joins.</summary>
    public IReadOnlyList<ChannelConfig> Channels { get; init; } = [];

    /// <summary>Which defaults the per-layer settings start from.</summary>
    public GossipProfile Profile { get; init; } = GossipProfile.Default;

    /// <summary>This node's role, published in its StateInfo.</summary>
    public string Role { get; init; } = "peer";

    /// <summary>Connection settings; null for the defaults.</summary>
    public CommOptions? Comm { get; init; }

    /// <summary>Membership settings; null for the profile's defaults.</summary>
    public MembershipOptions? Membership { get; init; }

    /// <summary>Channel settings; null for the profile's defaults.</summary>
    public ChannelOptions? ChannelSettings { get; init; }

    /// <summary>Dissemination settings; null for the profile's defaults.</summary>
    public DisseminationOptions? Dissemination { get; init; }

    /// <summary>Checks data before it is stored or forwarded (the block layer's orderer-signature check). Default: accept all.</summary>
    public IDataValidator DataValidator { get; init; } = AcceptAllDataValidator.Instance;

    /// <summary>When set, membership is this fixed view instead of the membership protocol (large simulations).</summary>
    public IMembershipView? PresetMembership { get; init; }

    /// <summary>When true the node reports as its ledger height the first sequence number not yet delivered
    /// (counting from <see cref="InitialHeight"/>); for deployments and simulations with no block layer to report it.</summary>
    public bool TrackHeightFromDeliveries { get; init; }

    /// <summary>The ledger height the node starts with in every channel.</summary>
    public ulong InitialHeight { get; init; }

    /// <summary>Dissemination settings in force: the explicit ones, or the profile's.</summary>
    public DisseminationOptions EffectiveDissemination() =>
        Dissemination ?? (Profile == GossipProfile.FabricDefaults ? DisseminationOptions.FabricDefaults() : new DisseminationOptions());

    /// <summary>Channel settings in force: the explicit ones, or the profile's (Fabric: StateInfo every 4 s).</summary>
    public ChannelOptions EffectiveChannelSettings() =>
        ChannelSettings ?? (Profile == GossipProfile.FabricDefaults
            ? new ChannelOptions { StateInfoMinInterval = TimeSpan.FromSeconds(4), StateInfoPullInterval = TimeSpan.FromSeconds(4) }
            : new ChannelOptions());

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Signer, nameof(Signer));
        ArgumentNullException.ThrowIfNull(TrustBundle, nameof(TrustBundle));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in Channels)
        {
            channel.Validate();
            if (!names.Add(channel.Name))
            {
                throw new ArgumentException($"channels lists channel '{channel.Name}' twice.");
            }

            if (!channel.HasMember(Signer.Identity.MspId))
            {
                throw new ArgumentException($"channels[{channel.Name}].organizations does not include this node's organization {Signer.Identity.MspId}.");
            }
        }

        EffectiveDissemination().Validate();
        EffectiveChannelSettings().Validate();
        Comm?.Validate();
    }
}
