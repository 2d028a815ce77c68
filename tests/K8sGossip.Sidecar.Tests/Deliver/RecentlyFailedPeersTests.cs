using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Simulation;
using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Tests.Deliver;

/// <summary>The memory of peers that failed as block sources: each is skipped for the memory's length, then offered again.</summary>
public sealed class RecentlyFailedPeersTests
{
    private static readonly PkiId First = PkiId.From(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly PkiId Second = PkiId.From(Enumerable.Repeat((byte)2, 32).ToArray());

    [Fact]
    public void A_failed_peer_is_remembered_for_the_memory_and_forgotten_after_it()
    {
        var time = new VirtualTimeProvider();
        var failed = new RecentlyFailedPeers(TimeSpan.FromSeconds(10), time);
        Assert.Empty(failed.Current());

        failed.Add(First);
        time.Advance(TimeSpan.FromSeconds(6));
        failed.Add(Second);
        Assert.Equal([First, Second], failed.Current().Order());

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal([Second], failed.Current());

        // Failing again starts the memory over.
        failed.Add(Second);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal([Second], failed.Current());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(failed.Current());
    }
}
