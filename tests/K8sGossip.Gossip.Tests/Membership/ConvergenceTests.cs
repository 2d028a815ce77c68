using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Tests.Support;

namespace K8sGossip.Gossip.Tests.Membership;

public sealed class ConvergenceTests
{
    [Fact]
    public void Fifty_nodes_of_two_orgs_converge_from_one_bootstrap_peer_per_org()
    {
        var bed = new GossipTestBed(seed: 11);
        var org1 = bed.AddNodes("Org1MSP", 25);
        var org2 = bed.AddNodes("Org2MSP", 25);
        bed.BootstrapFrom(org1[0]);
        bed.BootstrapFrom(org2[0]);
        bed.Anchors.Add(org1[0].ExternalEndpoint!);
        bed.Anchors.Add(org2[0].ExternalEndpoint!);
        var all = org1.Concat(org2).ToList();
        foreach (var node in all)
        {
            node.StartMembership();
        }

        var converged = bed.Time.RunUntil(() => GossipTestBed.Converged(all), TimeSpan.FromSeconds(60));

        Assert.True(converged, $"not converged after {bed.Time.Elapsed}: " + string.Join(", ", all.Select(n => $"{n}={n.View.Current.Alive.Count()}")));
        Assert.All(all, n => Assert.Equal(49, n.View.Current.Alive.Count()));
        Assert.All(all, n => Assert.DoesNotContain(n.View.Current.Members, m => m.PkiId == n.PkiId));
    }
}
