using K8sGossip.Gossip.Dissemination;

namespace K8sGossip.Gossip.Tests.Dissemination;

public sealed class SeenWindowTests
{
    [Fact]
    public void A_gap_stays_wanted_while_later_items_arrive()
    {
        var seen = new SeenWindow();
        seen.Add(0);
        for (ulong seq = 2; seq < 1000; seq++)
        {
            Assert.True(seen.Add(seq));
        }

        Assert.False(seen.Contains(1));
        Assert.Equal(1UL, seen.Floor);
        Assert.True(seen.Add(1));
        Assert.Equal(1000UL, seen.Floor);
        Assert.Equal(0, seen.Tracked);
        Assert.False(seen.Add(500));
    }

    [Fact]
    public void Memory_stays_bounded_when_a_gap_never_closes()
    {
        var seen = new SeenWindow();
        for (ulong seq = 1; seq <= 3 * SeenWindow.MaxTracked; seq++)
        {
            seen.Add(seq);
            Assert.True(seen.Tracked <= SeenWindow.MaxTracked);
        }

        Assert.True(seen.Contains(0)); // given up: older than the window, state transfer fills it
    }

    [Fact]
    public void The_ledger_height_counts_as_seen()
    {
        var seen = new SeenWindow();
        seen.Add(7);
        seen.RaiseFloor(5);

        Assert.True(seen.Contains(4));
        Assert.False(seen.Contains(5));
        Assert.True(seen.Contains(7));
        seen.RaiseFloor(7);
        Assert.Equal(8UL, seen.Floor); // 7 was seen already, so the floor moves past it
        Assert.Equal(0, seen.Tracked);
    }
}
