using System.Net;
using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>The admin port: alive at once, ready only once the peer has joined membership.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class ReadinessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_peer_whose_bootstrap_peer_is_down_is_alive_but_not_ready_until_it_joins()
    {
        await using var network = new TestNetwork("direct", organizations: 1, peersPerOrganization: 2);
        var first = network.Peers[0];
        var second = network.Peers[1];
        network.Start(second);
        await network.EventuallyAsync(
            async () => await TestNetwork.AdminAsync(first, "/healthz", CancellationToken.None) == HttpStatusCode.OK,
            Timeout,
            "the first peer to be alive");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await TestNetwork.AdminAsync(first, "/readyz", CancellationToken.None));

        network.StartNode(second);
        await network.EventuallyAsync(
            async () => await TestNetwork.AdminAsync(first, "/readyz", CancellationToken.None) == HttpStatusCode.OK,
            Timeout,
            "the first peer to be ready once its bootstrap peer is up");
    }
}
