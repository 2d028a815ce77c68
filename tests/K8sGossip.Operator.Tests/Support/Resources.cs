using K8sGossip.Kubernetes.Models;
using K8sGossip.Operator.Crds;

namespace K8sGossip.Operator.Tests.Support;

/// <summary>Builds resources in code, as the operator receives them from the API.</summary>
internal static class Resources
{
    public static Organization Organization(string name, string mspId, int peers = 3, string? @namespace = null, Func<OrganizationSpec, OrganizationSpec>? configure = null)
    {
        var spec = new OrganizationSpec { MspId = mspId, Peers = peers };
        return new Organization
        {
            Metadata = new ObjectMeta { Name = name, Namespace = @namespace },
            Spec = configure is null ? spec : configure(spec),
        };
    }

    public static Channel Channel(string name, params string[] organizations) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new ChannelSpec
        {
            Organizations = [.. organizations],
            Orderer = new OrdererSettings { Endpoints = ["orderer0.example.com:7050"] },
        },
    };

    public static AnchorPeer Anchor(string name, string channel, string organization, int? peer = null, string? endpoint = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new AnchorPeerSpec { Channel = channel, Organization = organization, Peer = peer, Endpoint = endpoint },
    };
}
